"""The client profile: everything a programme is built from (the input contract)."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from enum import StrEnum, auto
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
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
    """The unit of every load, the profile's as written: each value is the name in lower case."""

    KG = auto()
    LB = auto()


class Weekday(StrEnum):
    """A training day, Monday first; each value is the name in lower case ("mon")."""

    MON = auto()
    TUE = auto()
    WED = auto()
    THU = auto()
    FRI = auto()
    SAT = auto()
    SUN = auto()

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

#: Every model refuses NaN and infinities: no rule or ladder can work with them.
_STRICT = ConfigDict(extra="forbid", allow_inf_nan=False)

#: Sessions this short pair their exercises unless the client says otherwise: after the
#: warm-up, 19 minutes hold about four exercises of two straight sets, too few for a
#: full body, and sharing the rest of two non-competing lifts is how short-session
#: programmes fit one in (docs/session-structure.md, "Supersets").
SUPERSETS_UP_TO_MINUTES = 25

#: Bounds on what a profile may hold, so that no plan's work grows without limit: the
#: plate ladder grows with the number of plate sizes, their counts and their step.
MAX_PLATE_SIZES = 12
MAX_PLATES_OF_A_SIZE = 50
MAX_PLATE_WEIGHT = 100.0
#: Plates come in steps of this (0.25, 1.25, 2.5...), so one side of the bar carries at
#: most total / step different weights.
PLATE_STEP = 0.05
MAX_PLATES_TOTAL = 1000.0
#: The window a programme may start in: a date outside it is a typing mistake.
FIRST_START = dt.date(2000, 1, 1)
LAST_START = dt.date(2099, 12, 31)
#: Invisible characters that would rewrite a printed or exported line: control codes
#: (newlines, terminal escapes) and the bidirectional overrides.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable_text(value: str) -> str:
    """``value`` with surrounding spaces removed, refused if it holds a control character.

    >>> printable_text("  Ana Ruiz ")
    'Ana Ruiz'
    >>> printable_text("Ana\\nEND:VEVENT")
    Traceback (most recent call last):
    ...
    ValueError: holds a control character (U+000A); write it on one line, as plain text
    """
    for char in value:
        if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            raise ValueError(
                f"holds a control character (U+{ord(char):04X}); write it on one line, "
                "as plain text"
            )
    if not value.strip():
        raise ValueError("is blank; give some text or leave the field out")
    return value.strip()


PlainText = Annotated[str, AfterValidator(printable_text)]
BandColour = Annotated[str, Field(max_length=40), AfterValidator(printable_text)]


class RepMax(BaseModel):
    """A set the client has done: ``weight`` for ``reps`` reps, taken to failure or near."""

    model_config = _STRICT

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

    model_config = _STRICT

    bar: Weight = Field(description="Weight of the empty bar, in the profile's units.")
    plates: dict[float, int] = Field(
        description="Plate weight -> how many plates of it (not pairs), e.g. {10: 2, 5: 2}."
    )

    @field_validator("plates")
    @classmethod
    def _plates_bounded(cls, plates: dict[float, int]) -> dict[float, int]:
        if len(plates) > MAX_PLATE_SIZES:
            raise ValueError(
                f"{len(plates)} plate sizes; list at most {MAX_PLATE_SIZES}, the ones you use"
            )
        for weight, count in plates.items():
            _check_plate(weight, count)
        total = sum(weight * count for weight, count in plates.items())
        if total > MAX_PLATES_TOTAL:
            raise ValueError(
                f"the plates weigh {total:g} in all, more than the {MAX_PLATES_TOTAL:g} any "
                "load here needs; list only the plates you load"
            )
        return plates


def _check_plate(weight: float, count: int) -> None:
    """Refuse a plate no gym has: see the bounds above."""
    if not math.isfinite(weight) or not 0 < weight <= MAX_PLATE_WEIGHT:
        raise ValueError(
            f"plate {weight}: a plate weighs more than 0 and at most {MAX_PLATE_WEIGHT:g}"
        )
    steps = weight / PLATE_STEP
    if abs(steps - round(steps)) > 1e-6:
        raise ValueError(
            f"plate {weight:g}: plate weights go in steps of {PLATE_STEP:g} "
            "(such as 0.25, 1.25, 2.5); round it to one"
        )
    if not 0 <= count <= MAX_PLATES_OF_A_SIZE:
        raise ValueError(
            f"plate {weight:g} x {count}: give from 0 to {MAX_PLATES_OF_A_SIZE} plates of a size"
        )


class Branding(BaseModel):
    """How a trainer's programmes look: name, logo and accent colour."""

    model_config = _STRICT

    name: PlainText | None = Field(default=None, max_length=120)
    logo: Path | None = Field(default=None, description="PNG, JPEG or SVG file of the logo.")
    accent: str = Field(
        default="#1f4e79",
        pattern=r"^#[0-9a-fA-F]{6}$",
        description="Accent colour as #rrggbb; nothing relies on colour alone.",
    )


class ClientProfile(BaseModel):
    """Who the programme is for and what they have to train with."""

    model_config = _STRICT

    name: PlainText = Field(min_length=1, max_length=120, description="Client's name, as printed.")
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
        default_factory=list,
        max_length=60,
        description="Equipment ids or aliases; bodyweight is implied.",
    )
    barbell: BarbellKit | None = Field(
        default=None, description="Bar and plate inventory; a standard set when omitted."
    )
    dumbbells: list[Weight] | None = Field(
        default=None,
        max_length=100,
        description="Dumbbell weights in the rack; a standard rack when omitted.",
    )
    kettlebells: list[Weight] | None = Field(
        default=None, max_length=60, description="Kettlebell weights available."
    )
    bands: list[BandColour] | None = Field(
        default=None, max_length=20, description="Band colours from lightest to heaviest."
    )
    machine_step: Weight | None = Field(
        default=None, description="Smallest step of the machines' weight stacks."
    )
    rep_maxes: dict[ExerciseId, RepMax] = Field(
        default_factory=dict,
        max_length=500,
        description="Known sets: {exercise_id: {weight, reps}}.",
    )
    bodyweight: float | None = Field(
        default=None, ge=20, le=1000, description="Body weight, in units."
    )
    start_date: dt.date | None = Field(
        default=None,
        ge=FIRST_START,
        le=LAST_START,
        description="Date of the first session, from 2000 to 2099.",
    )
    limitations: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="lower_back, knees, shoulders, wrists, pregnancy.",
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
        default_factory=list, max_length=1000, description="Exercises never to prescribe."
    )
    favourites: list[ExerciseId] = Field(default_factory=list, max_length=1000)
    dislikes: list[ExerciseId] = Field(default_factory=list, max_length=1000)
    supersets: bool | None = Field(
        default=None,
        description="Pair non-competing exercises as supersets: true or false; unset, "
        f"they are paired in sessions of {SUPERSETS_UP_TO_MINUTES} minutes or less.",
    )
    progression: ProgressionScheme | None = Field(
        default=None, description="Override the scheme chosen from goal and level."
    )
    trainer: Branding | None = None

    @field_validator("equipment", mode="before")
    @classmethod
    def _resolve_equipment(cls, value: Any) -> Any:
        return _resolve_words("equipment", value)

    @field_validator("limitations", mode="before")
    @classmethod
    def _resolve_limitations(cls, value: Any) -> Any:
        return _resolve_words("limitations", value)

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

    @property
    def pairs_exercises(self) -> bool:
        """Whether the plan may pair exercises as supersets: as the client said, and
        where they did not say, in sessions of :data:`SUPERSETS_UP_TO_MINUTES` or less.

        >>> short = ClientProfile(name="A", goal="general", level="beginner",
        ...                       days_per_week=2, session_minutes=20)
        >>> short.pairs_exercises, short.model_copy(update={"supersets": False}).pairs_exercises
        (True, False)
        """
        if self.supersets is not None:
            return self.supersets
        return self.session_minutes <= SUPERSETS_UP_TO_MINUTES


def _resolve_words(kind: Literal["equipment", "limitations"], value: Any) -> Any:
    """A ``;``-separated string or a list of words, resolved to vocabulary ids."""
    words = value.split(";") if isinstance(value, str) else value
    if not isinstance(words, list):
        return value
    if any(not isinstance(word, str | int | float) for word in words):
        raise ValueError(f"give {kind} as a list of words, without lists or mappings inside")
    if len(words) > 100:
        raise ValueError(f"{len(words)} {kind} words; list at most 100")
    return VOCABULARY.resolve_all(kind, [str(w) for w in words if str(w).strip()])


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
