"""Pure progression functions of the week: reps, loads and deloads as ``f(step, ...)``.

Sources (``docs/training-rules.md``, "Progression" and "Load and effort"):

- Linear (practitioner novice progression): about +2.5 kg a session for lower-body
  barbell lifts and +1.25 kg for upper-body ones; with a lift trained about twice a week
  that is +5 kg and +2.5 kg a week, lower body twice the upper.
- Double progression (practitioner): reps climb from the bottom of the range to the top
  on all sets, then the smallest load step and back to the bottom.
- Load increases of 2-10 % when the client beats the target (ACSM 2009): the weekly
  growth rates of the percentage-based schemes sit at the low end of that band.
- Deloads cut sets, reps and load (Rogerson et al. 2024).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from thrustplan.exercise_db.models import Level
from thrustplan.planner.progression.loads import LoadLadder
from thrustplan.planner.progression.phases import PhaseKind
from thrustplan.rules.strength import load_for

#: Weekly growth of the working load in the percentage-based schemes (undulating, block),
#: by level: the low end of ACSM's 2-10 % per successful step, since it applies every week.
WEEKLY_GROWTH: Mapping[Level, float] = {
    Level.BEGINNER: 0.025,
    Level.INTERMEDIATE: 0.015,
    Level.ADVANCED: 0.01,
}
#: Linear steps a week, in kg (practitioner novice progression, two sessions a week).
LINEAR_STEP_KG: Mapping[tuple[bool, bool], float] = {
    # (lower body, compound) -> kg a week
    (True, True): 5.0,
    (False, True): 2.5,
    (True, False): 2.5,
    (False, False): 1.25,
}
#: A deload keeps about this share of the last week's load (Rogerson et al. 2024: cut load).
DELOAD_LOAD = 0.85
#: Extra reps in reserve in a deload week.
DELOAD_EXTRA_RIR = 2
#: The most reps in reserve an entry may ask for.
MAX_RIR = 5
#: Patterns that count as lower body for the linear step.
LOWER_BODY_PATTERNS = frozenset(
    {
        "hip_thrust", "hinge", "squat", "lunge", "knee_flexion", "knee_extension",
        "hip_abduction", "hip_adduction", "glute_kickback", "calves",
    }
)  # fmt: skip


def rep_ladder(low: int, high: int) -> tuple[int, ...]:
    """The rep targets double progression climbs through: every rep for a narrow range,
    every other rep for a wide one, always ending at the top.

    >>> rep_ladder(8, 10)
    (8, 9, 10)
    >>> rep_ladder(12, 20)
    (12, 14, 16, 18, 20)
    >>> rep_ladder(6, 10)
    (6, 8, 10)
    >>> rep_ladder(8, 8)
    (8,)
    """
    stride = 1 if high - low <= 3 else 2
    reps = list(range(low, high + 1, stride))
    if reps[-1] != high:
        reps.append(high)
    return tuple(reps)


def double_position(step: int, reps: Sequence[int], start: int = 0) -> tuple[int, int]:
    """Reps and load steps (above the starting load) ``step`` weeks into double progression.

    ``start`` is the position in the rep ladder of the first week.

    >>> [double_position(s, (8, 9, 10)) for s in range(5)]
    [(8, 0), (9, 0), (10, 0), (8, 1), (9, 1)]
    >>> double_position(0, (8, 9, 10), start=2), double_position(1, (8, 9, 10), start=2)
    ((10, 0), (8, 1))
    """
    position = start + step
    return reps[position % len(reps)], position // len(reps)


def linear_target(step: int, first: float, weekly_step: float) -> float:
    """Linear progression: the first week's load plus a fixed step per normal week.

    >>> linear_target(0, 40, 5), linear_target(3, 40, 5)
    (40, 55)
    """
    return first + weekly_step * step


def growth_target(step: int, one_rep_max: float, rate: float, reps: int, rir: int) -> float:
    """Percentage-based progression: the load for ``reps`` at ``rir`` from a 1RM that grows
    by ``rate`` a normal week.

    >>> round(growth_target(0, 100, 0.02, 8, 2), 1), round(growth_target(5, 100, 0.02, 8, 2), 1)
    (73.9, 81.3)
    """
    return load_for(one_rep_max * (1 + rate * step), reps, rir)


DayType = Literal["heavy", "moderate", "light"]


def undulating_day(occurrence: int, occurrences: int) -> DayType:
    """Which kind of day the ``occurrence``-th session of a lift in the week is.

    A lift trained once a week stays moderate (there is nothing to undulate against);
    twice: heavy then light; three times or more: heavy, light, moderate, repeating.

    >>> [undulating_day(i, 3) for i in range(3)]
    ['heavy', 'light', 'moderate']
    >>> undulating_day(0, 1), undulating_day(1, 2)
    ('moderate', 'light')
    """
    if occurrences == 1:
        return "moderate"
    days: tuple[DayType, ...] = ("heavy", "light", "moderate")
    return days[occurrence % 3]


def day_reps(day: DayType, low: int, high: int) -> int:
    """Target reps of an undulating day, inside the goal's range.

    >>> day_reps("heavy", 8, 10), day_reps("moderate", 8, 10), day_reps("light", 8, 10)
    (8, 9, 10)
    """
    return {"heavy": low, "moderate": (low + high) // 2, "light": high}[day]


def block_reps(kind: PhaseKind, low: int, high: int) -> int:
    """Target reps in a block phase: the top of the range while accumulating, the bottom
    (and so a heavier load) while intensifying.

    >>> block_reps("accumulation", 6, 8), block_reps("intensification", 6, 8)
    (8, 6)
    """
    return low if kind == "intensification" else high


def linear_reps(low: int, high: int) -> int:
    """The fixed reps of linear progression: the middle of the range, rounded up.

    >>> linear_reps(8, 10), linear_reps(8, 12)
    (9, 10)
    """
    return (low + high + 1) // 2


def deload_sets(sets: int) -> int:
    """About half the sets, never fewer than one.

    >>> [deload_sets(n) for n in (1, 2, 3, 4, 5)]
    [1, 1, 2, 2, 3]
    """
    return max(1, (sets + 1) // 2)


def deload_load(last: float, ladder: LoadLadder) -> float:
    """A deload load: about 85 % of last week's, and lighter than it whenever the kit allows.

    >>> from thrustplan.rules.profile import Units
    >>> ladder = LoadLadder((20.0, 25.0, 30.0, 35.0, 40.0), Units.KG, "total")
    >>> deload_load(40, ladder), deload_load(25, ladder), deload_load(20, ladder)
    (30.0, 20.0, 20.0)
    """
    load = ladder.floor(last * DELOAD_LOAD)
    return load if load < last else ladder.below(last)


#: Technique levels that make bodyweight and band work harder once reps run out.
TECHNIQUES: tuple[str, ...] = ("", "lower for 3 s", "lower for 3 s and hold 2 s at the top")


def fixed_position(
    step: int, weeks: int, low: int, high: int, technique: int = 0
) -> tuple[int, int]:
    """Reps and technique level in the ``step``-th normal week of a block of ``weeks``.

    Reps climb from ``low`` to ``high`` first; in blocks of 4 weeks or more the last week
    or two keep the top reps and add a slower lowering, then a hold at the top.

    >>> [fixed_position(s, 3, 12, 20) for s in range(3)]
    [(12, 0), (16, 0), (20, 0)]
    >>> [fixed_position(s, 5, 12, 20) for s in range(5)]
    [(12, 0), (15, 0), (17, 0), (20, 0), (20, 1)]
    >>> [fixed_position(s, 3, 12, 20, technique=2) for s in range(3)]
    [(12, 2), (16, 2), (20, 2)]
    """
    last = len(TECHNIQUES) - 1
    extra = min(last - technique, max(0, (weeks - 2) // 2))
    climb = max(weeks - extra, 1)
    if step < climb:
        reps = low if climb == 1 else low + round(step * (high - low) / (climb - 1))
        return reps, technique
    return high, min(technique + step - climb + 1, last)


def hold_seconds(step: int, weeks: int, low: int, high: int) -> int:
    """Seconds of a timed hold: from ``low`` to ``high`` over the block, in 5 s steps.

    >>> [hold_seconds(s, 4, 20, 45) for s in range(4)]
    [20, 30, 35, 45]
    """
    if weeks <= 1:
        return low
    raw = low + step * (high - low) / (weeks - 1)
    return min(max(5 * round(raw / 5), low), high)
