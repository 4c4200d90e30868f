"""How the training week is divided: full body, lower/upper, or glute-focused days.

Frequency guidance (ACSM 2009; Schoenfeld et al. 2016, twice a week beats once): full
body for 2-3 days so every muscle is trained at least twice; lower/upper or glute-focused
splits for 4-6 days so each session can go deeper while every muscle is still hit twice.
Five days outside a glute plan are upper, lower, push, pull, lower: no two days in a row
train the same muscles as prime movers (ACSM 2009: 48 hours before a muscle group's next
session), where a fifth full-body day pressed the day after the upper day's presses.
"""

from __future__ import annotations

from dataclasses import dataclass

from thrustplan.exercise_db.models import PatternId
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import ClientProfile, Weekday

_LOWER: frozenset[PatternId] = frozenset(
    {
        "hip_thrust", "hinge", "squat", "lunge", "knee_flexion", "knee_extension",
        "hip_abduction", "hip_adduction", "glute_kickback", "calves", "core",
    }
)  # fmt: skip
_UPPER: frozenset[PatternId] = frozenset(
    {
        "horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull",
        "shoulder_isolation", "arms", "core",
    }
)  # fmt: skip
#: Glute-focused clients keep glute work on upper days: a bridge or thrust to open, a
#: back extension or a swing, a little isolation after.
_UPPER_PLUS_GLUTES = _UPPER | {"hip_thrust", "hinge", "hip_abduction", "glute_kickback"}
_GLUTES: frozenset[PatternId] = frozenset(
    {"hip_thrust", "hinge", "lunge", "knee_flexion", "hip_abduction", "glute_kickback", "core"}
)
_FULL = _LOWER | _UPPER
#: An upper day split in two: presses with the delts' and arms' isolation, pulls with
#: the same.
_PUSH: frozenset[PatternId] = frozenset(
    {"horizontal_push", "vertical_push", "shoulder_isolation", "arms", "core"}
)
_PULL: frozenset[PatternId] = frozenset(
    {"horizontal_pull", "vertical_pull", "shoulder_isolation", "arms", "core"}
)


FULL_BODY = "full body"
#: What each kind of day may hold, by the focus name printed on the plan.
FOCUS_PATTERNS: dict[str, frozenset[PatternId]] = {
    FULL_BODY: _FULL,
    "lower": _LOWER,
    "glutes and lower": _LOWER,
    "upper": _UPPER,
    "push": _PUSH,
    "pull": _PULL,
    "upper and glutes": _UPPER_PLUS_GLUTES,
    "glutes": _GLUTES,
}

#: Day foci by number of days, for glute-focused clients and for everyone else. A glute
#: client's upper days keep a glute move: Strong Curves trains the glutes every session.
_GLUTE_WEEKS: dict[int, tuple[str, ...]] = {
    4: ("glutes and lower", "upper and glutes", "glutes and lower", "upper and glutes"),
    5: ("glutes and lower", "upper and glutes", "glutes", "upper and glutes", "glutes and lower"),
    6: (
        "glutes",
        "upper and glutes",
        "glutes and lower",
        "glutes",
        "upper and glutes",
        "glutes and lower",
    ),
}
_LOWER_UPPER_WEEKS: dict[int, tuple[str, ...]] = {
    4: ("lower", "upper", "lower", "upper"),
    # Upper and lower, then push, pull and legs: each day's prime movers rest the next
    # day, however the client's five days fall in the week.
    5: ("upper", "lower", "push", "pull", "lower"),
    6: ("lower", "upper", "lower", "upper", "lower", "upper"),
}


@dataclass(frozen=True)
class DayFocus:
    """What one training day is for, and which movement patterns it may hold."""

    day: Weekday
    focus: str

    @property
    def patterns(self) -> frozenset[PatternId]:
        return FOCUS_PATTERNS[self.focus]


@dataclass(frozen=True)
class Split:
    name: str
    days: tuple[DayFocus, ...]

    @property
    def full_body(self) -> bool:
        """Whether every day trains the whole body (two or three days a week)."""
        return all(d.focus == FULL_BODY for d in self.days)


def choose_split(profile: ClientProfile) -> Split:
    """Pick the split from the number of days and the goal.

    >>> from thrustplan.rules.profile import ClientProfile
    >>> p = ClientProfile(name="A", goal="glutes", level="beginner", days_per_week=4,
    ...                   session_minutes=60)
    >>> [d.focus for d in choose_split(p).days]
    ['glutes and lower', 'upper and glutes', 'glutes and lower', 'upper and glutes']
    """
    days = profile.training_days
    if len(days) <= 3:
        return Split(FULL_BODY, tuple(DayFocus(d, FULL_BODY) for d in days))
    if profile.goal is Goal.GLUTES:
        name, foci = "glute-focused lower/upper", _GLUTE_WEEKS[len(days)]
    else:
        foci = _LOWER_UPPER_WEEKS[len(days)]
        name = "upper/lower and push/pull" if "push" in foci else "lower/upper"
    return Split(name, tuple(DayFocus(d, f) for d, f in zip(days, foci, strict=True)))
