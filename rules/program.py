"""The programme: the output contract other tools read as JSON.

``Program.model_dump_json()`` is the stable interface; ``thrustplan schema`` prints its
JSON Schema. Everything here is plain data: no solver, no rendering.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from thrustplan.exercise_db.models import ExerciseId
from thrustplan.rules.populations import Caution
from thrustplan.rules.profile import ClientProfile, Units, Weekday

#: Bumped when the meaning of a program changes; part of the batch resume key.
PROGRAM_VERSION = "3"


class PlateLoad(BaseModel):
    """How to build a barbell load: the bar and the plates on each side."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bar: float
    per_side: list[float] = Field(description="Plates on each side, heaviest first.")


class RampSet(BaseModel):
    """One ramp-up set before the working sets: a real load of the kit and its reps."""

    model_config = ConfigDict(frozen=True)

    load: float = Field(ge=0, description="Load, in the entry's unit and measure.")
    reps: int = Field(ge=1)


class ExerciseEntry(BaseModel):
    """One exercise of one session: what to do, how much, and why it was chosen."""

    model_config = ConfigDict(extra="forbid")

    order: int = Field(ge=1, description="Position in the session, 1-based.")
    label: str = Field(description="Printed position: '1', '2', or 'A1'/'A2' for a superset.")
    superset: str | None = Field(default=None, description="Superset group letter, if paired.")
    exercise_id: ExerciseId
    name: str
    sets: int = Field(ge=1)
    reps_min: int = Field(ge=1)
    reps_max: int = Field(ge=1)
    target_reps: int = Field(ge=1, description="Reps per set planned for this week.")
    timed: bool = Field(default=False, description="Reps are seconds of holding.")
    load: float | None = Field(description="Load to use, or null when unloaded.")
    load_unit: Units | None = Field(description="kg, lb, or null when unloaded.")
    load_per: Literal["total", "dumbbell", "kettlebell", "side"] | None = Field(
        default=None, description="What the load is measured on."
    )
    plates: PlateLoad | None = Field(default=None, description="Barbell set-up, per side.")
    band: str | None = Field(default=None, description="Band colour, for band exercises.")
    rest_seconds: int = Field(ge=0)
    rir: int = Field(ge=0, le=5, description="Reps in reserve at the end of each set.")
    notes: str = ""
    reason: str = Field(default="", description="Why this exercise, in one line.")
    ramp: list[RampSet] = Field(
        default_factory=list,
        description="Ramp-up sets before the first working set, lightest first (the first "
        "heavy lift of a session).",
    )
    estimated_max: float | None = Field(
        default=None,
        description="The estimated one-rep max this week's load was read from (loaded lifts).",
    )


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: Weekday
    date: dt.date | None = None
    focus: str = Field(description="Full body, lower, upper, glutes...")
    estimated_minutes: int = Field(ge=0)
    exercises: list[ExerciseEntry]
    warm_up: str = Field(default="", description="The general warm-up, before any set.")

    def steps(self) -> list[list[ExerciseEntry]]:
        """The exercises in order, a superset pair forming one step (done back to back)."""
        steps: list[list[ExerciseEntry]] = []
        for entry in sorted(self.exercises, key=lambda e: e.order):
            if steps and entry.superset and steps[-1][0].superset == entry.superset:
                steps[-1].append(entry)
            else:
                steps.append([entry])
        return steps


class Week(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, description="1-based week number.")
    deload: bool = Field(description="A lighter week for recovery.")
    phase: int = Field(default=1, ge=1, description="Training phase, 1-based.")
    phase_name: str = ""
    sessions: list[Session]


class SolveReport(BaseModel):
    """How the weekly model was solved, so a reader knows how good the plan is."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["optimal", "feasible"]
    objective: float
    best_bound: float
    gap: float = Field(description="Relative gap between the plan and the proven bound.")
    candidates: int = Field(description="Exercises the model could choose from.")
    deterministic_seconds: float = Field(
        default=0.0,
        ge=0,
        description="The solver's own measure of its work, the same on every machine and "
        "run, unlike the wall clock.",
    )


class Program(BaseModel):
    """A complete multi-week programme for one client."""

    model_config = ConfigDict(extra="forbid")

    version: str = PROGRAM_VERSION
    generated_at: dt.datetime = Field(description="The only field that differs between runs.")
    profile: ClientProfile
    catalogue: str = Field(description="Name of the exercise catalogue used.")
    catalogue_fingerprint: str
    split: str = Field(description="How the week is divided, e.g. 'full body' or 'lower/upper'.")
    progression: str = Field(description="Progression scheme used.")
    weekly_sets: dict[str, float] = Field(
        description="Planned sets per muscle in a normal week (secondary muscles count half)."
    )
    weekly_targets: dict[str, int] = Field(description="Target sets per muscle.")
    solve: list[SolveReport] = Field(description="One report per solved weekly template.")
    weeks: list[Week]
    cautions: list[Caution] = Field(
        default_factory=list,
        description="Safety pages for the client's limitations, printed after the cover.",
    )
    session_length: str | None = Field(
        default=None,
        description="When sessions end well before the client's minutes because a hard rule "
        "(such as the weekly sets ceiling) stops them: their real length and why, printed "
        "on the cover.",
    )
