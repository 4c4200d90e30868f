"""Redundant constraints: true of every plan, so they are not rules, but they tell the
solver's linear relaxation what it cannot see for itself and so let it prove a week
sooner. Added only where a plan is searched for, as the day order is
(``planner.model.symmetry``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import Candidate
from thrustplan.planner.model.rule_model import RuleModel
from thrustplan.planner.model.rules_soft import EMPTY_SLOT_WEIGHT, FIT_WEIGHT, LEVEL_WEIGHT
from thrustplan.planner.model.variables import takes_a_ramp
from thrustplan.rules.timing import RAMP_SET_SECONDS, exercise_seconds
from thrustplan.rules.week_rules import work_budget_seconds

#: Seconds per step of the knapsack in :func:`bound_sets_by_time`: coarse enough to cost a
#: few milliseconds a day; rounding every exercise's time down keeps the bound valid.
GRAIN_SECONDS = 15


def most_sets_in(m: RuleModel, d: int) -> int:
    """The most working sets day ``d``'s session could hold in the client's minutes: a
    0-1 knapsack over the day's candidates, each at its least possible time. That is its
    light day's sets where it has one, less half the best a superset could save it: a
    pair saves the smaller of its two exercises' best savings, so never more than half
    of both."""
    v = m.vars
    best: dict[str, int] = {}
    for pair in v.pairs(d):
        for c in (pair.first, pair.second):
            best[c.id] = max(best.get(c.id, 0), pair.saving)
    budget = work_budget_seconds(m.data.profile.session_minutes) // GRAIN_SECONDS
    most = [0] * (budget + 1)
    for c in v.options(d):
        sets = c.light_sets if c.light_sets is not None else c.sets
        seconds = exercise_seconds(sets, c.work_seconds, c.rest_seconds)
        if takes_a_ramp(c) and not v.ramp_free(d, c):
            seconds += RAMP_SET_SECONDS
        least = seconds - best.get(c.id, 0) / 2
        cost = max(int(least // GRAIN_SECONDS), 0)
        for room in range(budget, cost - 1, -1):
            most[room] = max(most[room], most[room - cost] + c.sets)
    return most[budget]


def bound_sets_by_time(m: RuleModel) -> None:
    """Each session holds no more working sets than :func:`most_sets_in` allows.

    The linear relaxation packs a fraction of one more exercise into a session's last
    minutes, and with supersets half a pair's saving on either side; the whole-set bound
    closes that gap. It proves the grid's hardest superset week (hypertrophy, 3 x 45
    minutes at home) in 2.0 deterministic seconds instead of 6.9, and takes the superset
    grids' summed solver time from 31.1 to 27.6 deterministic seconds (curated) and from
    21.4 to 20.4 (imported); the straight grids move within their noise
    (``benchmarks/solve.py``).
    """
    v = m.vars
    for d in v.days:
        options = v.options(d)
        if options:
            m.model.add(sum(v.sets_of(d, c) for c in options) <= most_sets_in(m, d))


def _points(c: Candidate) -> int:
    """What choosing ``c`` costs the objective: its fit and its level gap, weighted."""
    return FIT_WEIGHT * c.cost + LEVEL_WEIGHT * c.level_gap


def least_points_for_sets(m: RuleModel, d: int) -> dict[int, int]:
    """For each number of working sets day ``d``'s session can hold in the client's
    minutes, the fewest points its choices can cost: each exercise's fit and level
    (:func:`_points`) and each empty slot that ``skeleton_slots_filled`` prices.

    Exact over the skeleton alone, slot by slot: one exercise a slot from the slot's
    candidates, at its full or light-day sets, with a ramp set outside the first slot
    where it ramps (``WeekVariables.ramp_seconds``), joined to the previous slot's
    exercise where the day's pairs allow, each slot in one pair at most. The model's
    other rules only take plans away, so no session holds its sets for fewer points. The
    first slot's lift is timed without a ramp set, which it keeps only where a hip thrust
    goes before it (``WeekVariables.ramp_seconds``): a session timed short only loosens
    the bound.
    """
    v = m.vars
    partners: dict[str | None, dict[str, int]] = {}
    for pair in v.pairs(d):
        partners.setdefault(pair.first.id, {})[pair.second.id] = pair.saving
        partners.setdefault(pair.second.id, {})[pair.first.id] = pair.saving
    budget = work_budget_seconds(m.data.profile.session_minutes)
    slots = list(zip(v.slots(d), m.data.slot_options(d), strict=True))
    # (the previous slot's exercise where it may still join the next one, sets so far)
    # -> each (seconds, points) that no other beats in both.
    states: dict[tuple[str | None, int], list[tuple[int, int]]] = {(None, 0): [(0, 0)]}
    for s, (slot, options) in enumerate(slots):
        empty = EMPTY_SLOT_WEIGHT if options and not slot.insisted else 0
        following = {c.id for c in slots[s + 1][1]} if s + 1 < len(slots) else set()
        # Each way to fill the slot: the exercise, whether a partner may follow it, its
        # sets and seconds, its points.
        fills = [
            (c.id, c.id if following & partners.get(c.id, {}).keys() else None, n, took, _points(c))
            for c in options
            if not c.trainer_excluded
            for n, took in _timings(c, ramps=s > 0)
        ]
        found: dict[tuple[str | None, int], list[tuple[int, int]]] = defaultdict(list)
        for (previous, sets), reached in states.items():
            mates = partners.get(previous, {})
            for seconds, points in reached:
                found[None, sets].append((seconds, points + empty))
                for exercise, open_to, n, took, cost in fills:
                    found[open_to, sets + n].append((seconds + took, points + cost))
                    if exercise in mates:
                        # Joined: it shares the previous exercise's rest and pairs no more.
                        saved = seconds + took - mates[exercise]
                        found[None, sets + n].append((saved, points + cost))
        states = {key: kept for key, r in found.items() if (kept := _frontier(r, budget))}
    least: dict[int, int] = {}
    for (_, sets), reached in states.items():
        least[sets] = min(least.get(sets, reached[-1][1]), reached[-1][1])
    return least


def _timings(c: Candidate, *, ramps: bool) -> list[tuple[int, int]]:
    """``c``'s working sets and seconds on its normal day and, where it has one, on its
    light day, with a ramp set where it ramps."""
    ramp = RAMP_SET_SECONDS if ramps and takes_a_ramp(c) else 0
    return [
        (n, exercise_seconds(n, c.work_seconds, c.rest_seconds) + ramp)
        for n in {c.sets, c.light_sets or c.sets}
    ]


def _frontier(reached: list[tuple[int, int]], budget: int) -> list[tuple[int, int]]:
    """The (seconds, points) within ``budget`` seconds that no other beats in both,
    quickest first (so the last costs the fewest points)."""
    kept: list[tuple[int, int]] = []
    for seconds, points in sorted(reached):
        if seconds <= budget and (not kept or points < kept[-1][1]):
            kept.append((seconds, points))
    return kept


def lower_hull(points: dict[int, int]) -> list[tuple[int, int]]:
    """The corners of the lower convex hull of ``points`` (x -> y), by x: each edge's line
    lies on or under every point.

    >>> lower_hull({0: 600, 2: 500, 6: 300, 8: 290, 11: 290, 13: 340, 14: 780})
    [(0, 600), (6, 300), (8, 290), (11, 290), (13, 340), (14, 780)]
    """
    hull: list[tuple[int, int]] = []
    for x, y in sorted(points.items()):
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (y2 - y1) * (x - x1) < (y - y1) * (x2 - x1):
                break
            hull.pop()
        hull.append((x, y))
    return hull


def price_sets_by_time(m: RuleModel) -> None:
    """In a session with superset pairs, its choices cost at least what
    :func:`least_points_for_sets` asks for the sets it holds, read off that curve's lower
    convex hull, one line per edge.

    Packing a short session's minutes with sets takes quick exercises, and the quick
    ones (body-weight fillers, one-sided moves) cost fit points that the dumbbell or bar
    compounds do not. The solver's search, which meets this only deep in its tree, proves
    the grid's hardest superset weeks sooner with it: the 95th percentile of the curated
    superset grid's deterministic time fell by 15-30 % over three seeds
    (``benchmarks/solve.py``, docs/solver-design.md). Straight-set weeks gained nothing,
    so it is added only to days with pairs. Days with the same slots and pairs share one
    curve.
    """
    v = m.vars
    curves: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    for d in v.days:
        if not v.pairs(d) or not v.slots(d):
            continue
        key = (v.slots(d), tuple(p.id for p in v.pairs(d)),
               tuple(tuple(c.id for c in o) for o in m.data.slot_options(d)))  # fmt: skip
        if key not in curves:
            curves[key] = lower_hull(least_points_for_sets(m, d))
        options = v.options(d)
        empty = [
            1 - sum(fill)
            for s, slot in enumerate(v.slots(d))
            if (fill := v.slot_fill(d, s)) and not slot.insisted
        ]
        points = cp_model.LinearExpr.sum(
            [_points(c) * v.is_assigned(d, c) for c in options]
            + [EMPTY_SLOT_WEIGHT * e for e in empty]
        )
        sets = sum(v.sets_of(d, c) for c in options)
        for (x1, y1), (x2, y2) in itertools.pairwise(curves[key]):
            m.model.add((x2 - x1) * points >= (x2 - x1) * y1 + (y2 - y1) * (sets - x1))
