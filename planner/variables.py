"""The weekly model's decision variables, named, with the helpers rules use to read them."""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from planner.candidates import Candidate, ModelInput

Day = int  # index into the split's days


class WeekVariables:
    """``use[d, e]``: exercise e is in day d's session, with its standard sets.

    The order inside a session is not a variable: it is fixed afterwards by rule (hip
    thrust first, compounds, then isolation), which meets the ordering rules exactly and
    keeps the model small (PERFORMANCE_NOTES.md, "day-indexed").
    """

    def __init__(self, model: cp_model.CpModel, data: ModelInput) -> None:
        self.model = model
        self.data = data
        self.days = range(len(data.split.days))
        self._use: dict[tuple[Day, str], cp_model.IntVar] = {}
        for d in self.days:
            for c in data.candidates:
                self._use[d, c.id] = model.new_bool_var(f"use[{d},{c.id}]")

    def candidates(self) -> Iterator[Candidate]:
        return iter(self.data.candidates)

    def is_assigned(self, day: Day, candidate: Candidate) -> cp_model.IntVar:
        return self._use[day, candidate.id]

    def sets_of(self, day: Day, candidate: Candidate) -> cp_model.LinearExpr:
        return candidate.sets * self._use[day, candidate.id]

    def fix(self, day: Day, candidate: Candidate, chosen: bool) -> None:
        """Force ``candidate`` into or out of day ``day``'s session."""
        self.model.add(self._use[day, candidate.id] == int(chosen))

    def extract(self, solver: cp_model.CpSolver) -> dict[Day, list[tuple[Candidate, int]]]:
        """The chosen (candidate, sets) of each day, in candidate order."""
        return {
            d: [
                (c, c.sets)
                for c in self.data.candidates
                if solver.boolean_value(self._use[d, c.id])
            ]
            for d in self.days
        }
