"""The weekly template: the solver's answer, before progression spreads it over weeks."""

from __future__ import annotations

from dataclasses import dataclass

from thrustplan.exercise_db.models import Exercise
from thrustplan.rules.prescription import Prescription
from thrustplan.rules.profile import Weekday
from thrustplan.rules.program import SolveReport


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of a weekly session, with its base prescription."""

    exercise: Exercise
    sets: int
    prescription: Prescription
    reason: str
    #: Superset letter ('A', 'B'...) shared by the two exercises of a pair.
    superset: str | None = None


@dataclass(frozen=True)
class PlannedSession:
    day: Weekday
    focus: str
    #: In the order they are done.
    exercises: tuple[PlannedExercise, ...]
    #: Estimated length in minutes, warm-up included.
    minutes: int


@dataclass(frozen=True)
class WeeklyTemplate:
    """The week every normal week of a phase repeats; progression changes loads and reps."""

    split: str
    sessions: tuple[PlannedSession, ...]
    report: SolveReport


def pairing_note(partner: Exercise, label: str) -> str:
    """The clause a superset member's reason ends with, naming its partner and the
    partner's printed label."""
    return f"paired with {partner.name.lower()} ({label}) to share the rest"
