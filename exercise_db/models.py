"""The exercise record and the closed vocabularies that are fixed in code."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: A stable snake_case exercise id, such as ``barbell_hip_thrust``.
ExerciseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]
#: Ids from the vocabularies in ``data/vocabulary.yaml``.
EquipmentId = str
MuscleId = str
PatternId = str
StressId = str

#: The pattern that makes an exercise a member of the hip-thrust family.
HIP_THRUST_PATTERN: PatternId = "hip_thrust"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Mechanic(StrEnum):
    COMPOUND = "compound"
    ISOLATION = "isolation"


class Laterality(StrEnum):
    BILATERAL = "bilateral"
    #: One side at a time: a set is done once per side.
    UNILATERAL = "unilateral"
    #: Sides alternate within a set (walking lunges, dead bugs).
    ALTERNATING = "alternating"


class LoadKind(StrEnum):
    """How an exercise is loaded, which decides how its load can progress."""

    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"
    BAND = "band"
    CABLE = "cable"
    BODYWEIGHT = "bodyweight"

    @property
    def external(self) -> bool:
        """True when the load is a number on a bar, dumbbell, kettlebell or stack."""
        return self not in (LoadKind.BAND, LoadKind.BODYWEIGHT)


class Exercise(BaseModel):
    """One exercise of the catalogue, with everything the planner and the guide need."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ExerciseId = Field(description="Stable snake_case id.")
    name: str = Field(min_length=1, description="Display name.")
    aliases: tuple[str, ...] = Field(default=(), description="Other names people use.")
    equipment: tuple[EquipmentId, ...] = Field(
        min_length=1, description="Every piece of equipment the exercise needs (all required)."
    )
    pattern: PatternId = Field(description="Movement pattern, from the pattern vocabulary.")
    primary_muscles: tuple[MuscleId, ...] = Field(min_length=1)
    secondary_muscles: tuple[MuscleId, ...] = ()
    mechanic: Mechanic
    laterality: Laterality = Laterality.BILATERAL
    load_kind: LoadKind
    #: Dumbbells or kettlebells a set holds, where the steps say (one between the feet,
    #: one in both hands; two at the sides); unset, ``rules.strength.implements_held``
    #: reads it from the kind of movement.
    implements: int | None = Field(default=None, ge=1, le=2)
    level: Level = Level.BEGINNER
    minutes_per_set: float = Field(
        default=0.75,
        gt=0,
        le=5,
        description="Working time of one set, both sides included for unilateral moves.",
    )
    timed: bool = Field(
        default=False, description="Reps are seconds of holding (planks, wall sits)."
    )
    reps: tuple[Annotated[int, Field(ge=1, le=30)], Annotated[int, Field(ge=1, le=30)]] | None = (
        Field(
            default=None,
            description="The exercise's own rep range, lowest and highest, where its nature "
            "sets it rather than the goal (a Nordic curl's slow lowering, five at a time).",
        )
    )
    rest_seconds: int | None = Field(
        default=None, ge=15, le=600, description="Rest between sets that goes with ``reps``."
    )
    stresses: tuple[StressId, ...] = Field(
        default=(), description="Stress flags used to honour a client's limitations."
    )
    range_limit: str = Field(
        default="",
        description=(
            "How to do it in a shorter, joint-friendly range (to a high box, a machine "
            "stop); with it, a stress the vocabulary marks as eased by a limited range "
            "no longer rules the exercise out, and the note is printed instead."
        ),
    )
    easier: tuple[ExerciseId, ...] = Field(default=(), description="Easier sibling variations.")
    harder: tuple[ExerciseId, ...] = Field(default=(), description="Harder sibling variations.")
    similar: tuple[ExerciseId, ...] = Field(default=(), description="Related exercises.")
    summary: str = Field(
        default="", description="What the exercise trains and why, in a sentence or two."
    )
    steps: tuple[str, ...] = Field(default=(), description="How to do it, step by step.")
    cues: tuple[str, ...] = Field(default=(), description="Short cues to keep in mind.")
    mistakes: tuple[str, ...] = Field(default=(), description="Common mistakes to avoid.")
    notes: str = Field(default="", description="Prescription note printed on the plan.")
    source: str = Field(default="thrustplan", description="Where the record comes from.")
    source_id: str | None = Field(default=None, description="The record's id at its source.")

    @model_validator(mode="after")
    def _reps_in_order(self) -> Exercise:
        if self.reps is not None and self.reps[0] > self.reps[1]:
            raise ValueError(f"reps {list(self.reps)}: the lowest comes first")
        return self

    @property
    def is_hip_thrust_family(self) -> bool:
        return self.pattern == HIP_THRUST_PATTERN

    @property
    def work_seconds(self) -> int:
        return round(self.minutes_per_set * 60)

    @property
    def is_compound(self) -> bool:
        return self.mechanic is Mechanic.COMPOUND

    @property
    def is_unilateral(self) -> bool:
        return self.laterality is Laterality.UNILATERAL

    def muscle_share(self, muscle: MuscleId) -> float:
        """How much one set counts toward ``muscle``'s weekly sets: 1, 0.5 or 0.

        A set counts fully for a primary muscle and half for a secondary one
        (Pelland et al. 2024, see docs/training-rules.md, "Weekly volume").
        """
        if muscle in self.primary_muscles:
            return 1.0
        if muscle in self.secondary_muscles:
            return 0.5
        return 0.0
