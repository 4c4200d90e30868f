"""The weekly model under construction, and how long a session takes, which several
rules read.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import ModelInput
from thrustplan.planner.model.variables import WeekVariables


class RuleModel:
    """The CP-SAT model under construction, with the rule currently being added.

    When ``guarded``, each hard rule's constraints are enforced only if that rule's
    indicator literal is true; the literals are passed as assumptions so that an
    infeasible request can be traced back to the rules in conflict.
    """

    def __init__(self, data: ModelInput, *, guarded: bool = False) -> None:
        self.data = data
        self.model = cp_model.CpModel()
        self.vars = WeekVariables(self.model, data)
        self.guarded = guarded
        self.guards: dict[str, cp_model.IntVar] = {}
        self._guard: cp_model.IntVar | None = None
        self.session_seconds: list[cp_model.LinearExprT] = []
        #: The weighted sum of the soft rules' penalties, once :func:`build` has set it.
        self.objective: cp_model.LinearExprT = 0

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


def session_seconds(m: RuleModel, d: int) -> cp_model.LinearExpr:
    """Seconds of day ``d``'s session after the warm-up: work, rest between sets, changeovers.

    Each chosen exercise costs ``thrustplan.rules.timing.exercise_seconds`` for its sets
    (``WeekVariables.seconds_of``: fewer on a light day);
    each superset takes off what sharing its rest saves
    (``thrustplan.rules.timing.superset_seconds``, ``WeekVariables.seconds_saved``);
    the session keeps room for the ramp-up sets its warm-up cannot hold
    (``WeekVariables.ramp_seconds``).
    """
    v = m.vars
    apart = cp_model.LinearExpr.sum([v.seconds_of(d, c) for c in v.candidates()])
    return apart - v.seconds_saved(d) + v.ramp_seconds(d)
