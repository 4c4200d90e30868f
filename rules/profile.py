"""The client profile: everything a programme is built from (the input contract)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from thrustplan.exercise_db.models import EquipmentId, ExerciseId, Level
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.rules.goals import Goal


class Units(StrEnum):
    KG = "kg"
    LB = "lb"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def offset(self) -> int:
        """Days after Monday: 0 for Monday, 6 for Sunday, as ``datetime.date.weekday`` counts.

        >>> Weekday.MON.offset, Weekday.SUN.offset
        (0, 6)
        """
        return list(Weekday).index(self)

    @classmethod
    def of(cls, date: dt.date) -> Weekday:
        """The weekday ``date`` falls on.

        >>> Weekday.of(dt.date(2027, 1, 4))  # a Monday
        <Weekday.MON: 'mon'>
        """
        return list(cls)[date.weekday()]

    def days_until(self, other: Weekday) -> int:
        """Days from this weekday forward to the next ``other``: 0 to 6, round the weekend.

        >>> Weekday.MON.days_until(Weekday.WED), Weekday.SUN.days_until(Weekday.MON)
        (2, 1)
        >>> Weekday.FRI.days_until(Weekday.FRI)
        0
        """
        return (other.offset - self.offset) % 7

    def day_number(self, week: int) -> int:
        """This weekday of programme week ``week`` counted in days from the Monday of week 1:
        the scale on which "the next day" is one more, across weeks too.

        >>> Weekday.MON.day_number(1), Weekday.SUN.day_number(1), Weekday.MON.day_number(2)
        (0, 6, 7)
        """
        return 7 * (week - 1) + self.offset

    def date_in_week(self, start: dt.date, week: int) -> dt.date:
        """The date of this weekday in programme week ``week`` of a programme that starts on
        ``start``: week ``n`` starts ``7 (n - 1)`` days after ``start``, and the session
        falls on the first of its weekday on or after that.

        >>> start = dt.date(2025, 1, 1)  # a Wednesday
        >>> Weekday.WED.date_in_week(start, 1), Weekday.MON.date_in_week(start, 1)
        (datetime.date(2025, 1, 1), datetime.date(2025, 1, 6))
        >>> Weekday.MON.date_in_week(start, 2)
        datetime.date(2025, 1, 13)
        """
        return start + dt.timedelta(days=Weekday.of(start).days_until(self) + 7 * (week - 1))


class ProgressionScheme(StrEnum):
    LINEAR = "linear"
    DOUBLE = "double"
    UNDULATING = "undulating"
    BLOCK = "block"


#: Training days used when a profile gives only a count: spread to leave rest days
#: between sessions where the week allows it.
DEFAULT_DAYS: dict[int, tuple[Weekday, ...]] = {
    2: (Weekday.MON, Weekday.THU),
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),
    4: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI),
    5: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.FRI, Weekday.SAT),
    6: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT),
}

Weight = Annotated[float, Field(gt=0, le=1000)]


class RepMax(BaseModel):
    """A set the client has done: ``weight`` for ``reps`` reps, taken to failure or near."""

    model_config = ConfigDict(extra="forbid")

    weight: Weight = Field(description="Load lifted, in the profile's units.")
    reps: int = Field(ge=1, le=30, description="Reps done with that load.")


class Include(BaseModel):
    """An exercise the trainer wants in the plan, on a given weekday or on any day."""

    model_config = ConfigDict(extra="forbid")

    exercise: ExerciseId = Field(description="The exercise's id in the catalogue.")
    day: Weekday | None = Field(
        default=None, description="The training day it goes on; any day when left out."
    )


class BarbellKit(BaseModel):
    """A bar and the plates that go on it; loads are the bar plus pairs of plates."""

    model_config = ConfigDict(extra="forbid")

    bar: Weight = Field(description="Weight of the empty bar, in the profile's units.")
    plates: dict[float, int] = Field(
        description="Plate weight -> how many plates of it (not pairs), e.g. {10: 2, 5: 2}."
    )

    @field_validator("plates")
    @classmethod
    def _plates_positive(cls, plates: dict[float, int]) -> dict[float, int]:
        for weight, count in plates.items():
            if weight <= 0 or count < 0:
                raise ValueError(
                    f"plate {weight} x {count}: weights must be positive and counts 0 or more"
                )
        return plates


class Branding(BaseModel):
    """How a trainer's programmes look: name, logo and accent colour."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=120)
    logo: Path | None = Field(default=None, description="PNG, JPEG or SVG file of the logo.")
    accent: str = Field(
        default="#1f4e79",
        pattern=r"^#[0-9a-fA-F]{6}$",
        description="Accent colour as #rrggbb; nothing relies on colour alone.",
    )


class ClientProfile(BaseModel):
    """Who the programme is for and what they have to train with."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120, description="Client's name, as printed.")
    goal: Goal = Field(description="glutes, hypertrophy, strength or general.")
    level: Level = Field(description="beginner, intermediate or advanced.")
    days_per_week: int = Field(ge=2, le=6, description="Training days a week, 2 to 6.")
    days: list[Weekday] | None = Field(
        default=None, description="Which weekdays; by default spread over the week."
    )
    session_minutes: int = Field(
        ge=15, le=180, description="Minutes available per session, warm-up included."
    )
    weeks: int = Field(default=8, ge=1, le=52, description="Length of the programme.")
    units: Units = Field(default=Units.KG, description="kg or lb.")
    equipment: list[EquipmentId] = Field(
        default_factory=list, description="Equipment ids or aliases; bodyweight is implied."
    )
    barbell: BarbellKit | None = Field(
        default=None, description="Bar and plate inventory; a standard set when omitted."
    )
    dumbbells: list[Weight] | None = Field(
        default=None, description="Dumbbell weights in the rack; a standard rack when omitted."
    )
    kettlebells: list[Weight] | None = Field(
        default=None, description="Kettlebell weights available."
    )
    bands: list[str] | None = Field(
        default=None, description="Band colours from lightest to heaviest."
    )
    machine_step: Weight | None = Field(
        default=None, description="Smallest step of the machines' weight stacks."
    )
    rep_maxes: dict[ExerciseId, RepMax] = Field(
        default_factory=dict, description="Known sets: {exercise_id: {weight, reps}}."
    )
    bodyweight: Weight | None = Field(default=None, description="Body weight, in units.")
    start_date: dt.date | None = Field(default=None, description="Date of the first session.")
    limitations: list[str] = Field(
        default_factory=list, description="lower_back, knees, shoulders, wrists, pregnancy."
    )
    pregnancy_week: int | None = Field(
        default=None,
        ge=1,
        le=42,
        description=(
            "Week of pregnancy at the programme's start, with the pregnancy limitation; "
            "unknown means the plan is treated as past the first trimester throughout."
        ),
    )
    include: list[Include] = Field(
        default_factory=list,
        description="Exercises the trainer insists on, each on a weekday or on any day: "
        "[{exercise: ID, day: mon}].",
    )
    exclude: list[ExerciseId] = Field(
        default_factory=list, description="Exercises never to prescribe."
    )
    favourites: list[ExerciseId] = Field(default_factory=list)
    dislikes: list[ExerciseId] = Field(default_factory=list)
    supersets: bool = Field(default=False, description="Pair non-competing exercises.")
    progression: ProgressionScheme | None = Field(
        default=None, description="Override the scheme chosen from goal and level."
    )
    trainer: Branding | None = None

    @field_validator("equipment", mode="before")
    @classmethod
    def _resolve_equipment(cls, value: Any) -> Any:
        words = value.split(";") if isinstance(value, str) else value
        if isinstance(words, list):
            return VOCABULARY.resolve_all("equipment", [str(w) for w in words if str(w).strip()])
        return value

    @field_validator("limitations", mode="before")
    @classmethod
    def _resolve_limitations(cls, value: Any) -> Any:
        words = value.split(";") if isinstance(value, str) else value
        if isinstance(words, list):
            return VOCABULARY.resolve_all("limitations", [str(w) for w in words if str(w).strip()])
        return value

    @model_validator(mode="after")
    def _days_match_count(self) -> Self:
        if self.days is not None:
            if len(set(self.days)) != len(self.days):
                raise ValueError("days: a weekday is listed twice; list each training day once")
            if len(self.days) != self.days_per_week:
                raise ValueError(
                    f"days: {len(self.days)} days listed but days_per_week is "
                    f"{self.days_per_week}; make them agree"
                )
        return self

    @model_validator(mode="after")
    def _include_is_not_excluded(self) -> Self:
        both = sorted({i.exercise for i in self.include} & set(self.exclude))
        if both:
            raise ValueError(
                f"include and exclude both list {', '.join(both)}; keep each in one of them"
            )
        return self

    @model_validator(mode="after")
    def _pregnancy_week_needs_pregnancy(self) -> Self:
        if self.pregnancy_week is not None and "pregnancy" not in self.limitations:
            raise ValueError(
                f"pregnancy_week is {self.pregnancy_week} but limitations does not list "
                "pregnancy; add 'pregnancy' to limitations or remove pregnancy_week"
            )
        return self

    @property
    def training_days(self) -> tuple[Weekday, ...]:
        """The weekdays trained, in week order."""
        days = self.days or DEFAULT_DAYS[self.days_per_week]
        return tuple(sorted(days, key=lambda d: d.offset))

    @property
    def available_equipment(self) -> frozenset[EquipmentId]:
        return frozenset({"bodyweight", *self.equipment})


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the field and the fix."""


def describe_validation_error(error: ValidationError) -> str:
    """One line per problem, each naming the field path and what is wrong with it."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "profile"
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"{field}: {message}")
    return "\n".join(lines)


def parse_profile(data: Any, source: str = "profile") -> ClientProfile:
    """Validate a mapping as a profile, or raise :class:`ProfileError` naming each field."""
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: expected a mapping of profile fields")
    try:
        return ClientProfile.model_validate(data)
    except ValidationError as error:
        raise ProfileError(describe_validation_error(error)) from error
