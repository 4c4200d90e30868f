"""Pure progression functions of the week: reps, loads and deloads as ``f(step, ...)``.

Sources (``docs/training-rules.md``, "Progression"; ``docs/progression.md``):

- Linear (practitioner novice progression): the same reps every week, the load rising.
- Double progression (practitioner): reps climb from the bottom of the range to the top,
  then back to the bottom with a heavier load. The load is held through each climb and
  the week's reserve read off the effort chart for it (``LoadedLift.holds_load``).
- How fast the load rises is the level's rate (:mod:`.rates`).
- Deloads cut volume by about 30-50 % and keep the intensity close (Bell et al. 2023,
  Delphi consensus; Rogerson et al. 2024).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from thrustplan.planner.progression.loads import LoadLadder
from thrustplan.planner.progression.phases import PhaseKind

#: A deload keeps about this share of the sets (Bell et al. 2023: cut volume by about
#: 30-50 %), and never drops a slot of two or more sets below two: still a real session.
DELOAD_SET_SHARE = 0.6
#: Extra reps in reserve in a deload week: the load drops about a tenth, the intensity
#: stays close (Bell et al. 2023; Pritchard et al. 2015).
DELOAD_EXTRA_RIR = 2
#: The most reps in reserve an entry may ask for.
MAX_RIR = 5


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
    """About 60 % of the sets, rounded up, never fewer than two where there were two.

    >>> [deload_sets(n) for n in (1, 2, 3, 4, 5)]
    [1, 2, 2, 3, 3]
    """
    return max(min(sets, 2), math.ceil(sets * DELOAD_SET_SHARE))


def deload_load(last: float, ladder: LoadLadder, target: float) -> float:
    """A deload load: ``target`` on the kit, and lighter than last week's ``last``
    whenever the kit allows.

    >>> from thrustplan.rules.profile import Units
    >>> ladder = LoadLadder((20.0, 25.0, 30.0, 35.0, 40.0), Units.KG, "total")
    >>> deload_load(40, ladder, 36), deload_load(25, ladder, 24), deload_load(20, ladder, 18)
    (35.0, 20.0, 20.0)
    """
    load = ladder.floor(target)
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
