"""The weekly model under construction, and the structure every rule reads: what a
superset variable means and how long a session takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import ModelInput, Pair
from thrustplan.planner.model.variables import WeekVariables
from thrustplan.rules.timing import exercise_seconds


class RuleModel:
    """The CP-SAT model under construction, with the rule currently being added.

    When ``guarded``, each hard rule's constraints are enforced only if that rule's
    indicator literal is true; the literals are passed as assumptions so that an
    infeasible request can be traced back to the rules in conflict.
    """

    def __init__(
        self,
        data: ModelInput,
        *,
        guarded: bool = False,
        savings: Mapping[int, Mapping[str, int]] | None = None,
    ) -> None:
        self.data = data
        #: Seconds each exercise of a day is timed below its straight sets, by day: set
        #: only in the relaxation that bounds the model with pairs (:func:`build_bound`).
        self.savings = savings
        self.model = cp_model.CpModel()
        self.vars = WeekVariables(self.model, data)
        self.guarded = guarded
        self.guards: dict[str, cp_model.IntVar] = {}
        self._guard: cp_model.IntVar | None = None
        self.session_seconds: list[cp_model.LinearExprT] = []
        #: The weighted sum of the soft rules' penalties, once :func:`build` has set it.
        self.objective: cp_model.LinearExprT = 0
        link_pairs(self)

    def begin(self, rule: str) -> None:
        """Constraints added from now on belong to ``rule``."""
        if self.guarded:
            self._guard = self.guards.setdefault(rule, self.model.new_bool_var(f"rule[{rule}]"))

    def end(self) -> None:
        self._guard = None

    def require(self, constraint: cp_model.BoundedLinearExpression | bool) -> None:
        """Add ``constraint`` under the current rule's guard."""
        added = self.model.add(constraint)
        if self._guard is not None:
            added.only_enforce_if(self._guard)


def link_pairs(m: RuleModel) -> None:
    """What a superset variable means: both exercises are in the session, and an exercise
    is in at most one pair.

    Part of the model's structure, never guarded: a pair without its exercises would
    save time that no session has, and an explanation would blame the wrong rule.
    """
    v = m.vars
    for d in v.days:
        pairs_of: dict[str, list[cp_model.IntVar]] = {}
        for p in v.pairs(d):
            for c in (p.first, p.second):
                pairs_of.setdefault(c.id, []).append(v.is_paired(d, p))
        for c in v.candidates():
            if c.id in pairs_of:
                m.model.add(sum(pairs_of[c.id]) <= v.is_assigned(d, c))


def session_seconds(m: RuleModel, d: int) -> cp_model.LinearExpr:
    """Seconds of day ``d``'s session after the warm-up: work, rest between sets, changeovers.

    Each chosen exercise costs ``thrustplan.rules.timing.exercise_seconds`` for its standard sets;
    each superset pair takes off what sharing its rest saves
    (``thrustplan.rules.timing.superset_seconds``). In the relaxation of
    :func:`build_bound`, each chosen exercise costs its straight sets less its
    :func:`best_savings`, and there are no pairs.
    """
    v = m.vars
    if m.savings is not None:
        least = m.savings.get(d, {})
        return cp_model.LinearExpr.weighted_sum(
            [v.is_assigned(d, c) for c in v.candidates()],
            [
                exercise_seconds(c.sets, c.work_seconds, c.rest_seconds) - least.get(c.id, 0)
                for c in v.candidates()
            ],
        )
    pairs = v.pairs(d)
    return cp_model.LinearExpr.weighted_sum(
        [*(v.is_assigned(d, c) for c in v.candidates()), *(v.is_paired(d, p) for p in pairs)],
        [
            *(exercise_seconds(c.sets, c.work_seconds, c.rest_seconds) for c in v.candidates()),
            *(-p.saving for p in pairs),
        ],
    )


def best_savings(pairs: Iterable[Pair]) -> dict[str, int]:
    """The most seconds each exercise can save in one of ``pairs``: half of its best
    pair's saving. However a session pairs, its pairs save no more than these summed over
    its exercises, since each exercise is in one pair at most."""
    best: dict[str, int] = {}
    for p in pairs:
        for c in (p.first, p.second):
            best[c.id] = max(best.get(c.id, 0), -(-p.saving // 2))
    return best
