"""Redundant constraints: true of every plan, so they are not rules, but they tell the
solver's linear relaxation what it cannot see for itself and so let it prove a week
sooner. Added only where a plan is searched for, as the day order is
(``planner.model.symmetry``).
"""

from __future__ import annotations

from thrustplan.planner.model.rule_model import RuleModel
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
