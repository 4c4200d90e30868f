"""The weekly model's decision variables, named, with the helpers rules use to read them."""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import Candidate, ModelInput, Pair

Day = int  # index into the split's days


class WeekVariables:
    """``use[d, e]``: exercise e is in day d's session, with its standard sets;
    ``pair[d, a, b]``: a and b are done as a superset in day d's session, for the pairs the
    request allows (none unless the client asked for supersets).

    The order inside a session is not a variable: it is fixed afterwards by rule (hip
    thrust first, compounds, then isolation), which meets the ordering rules exactly and
    keeps the model small (docs/solver-design.md, "Day-indexed").
    """

    def __init__(self, model: cp_model.CpModel, data: ModelInput) -> None:
        self.model = model
        self.data = data
        self.days = range(len(data.split.days))
        self._use: dict[tuple[Day, str], cp_model.IntVar] = {}
        # An exercise the client may not do, or that no slot of the day admits, gets no
        # variable at all: the model holds only real choices, which keeps it small.
        never = model.new_constant(0)
        for d in self.days:
            for c in data.candidates:
                possible = c.excluded is None and data.day_allows(d, c)
                self._use[d, c.id] = model.new_bool_var(f"use[{d},{c.id}]") if possible else never
        self._pair: dict[tuple[Day, str], cp_model.IntVar] = {}
        for d in self.days:
            for p in data.pairs.get(d, ()):
                self._pair[d, p.id] = model.new_bool_var(f"pair[{d},{p.first.id},{p.second.id}]")

    def candidates(self) -> Iterator[Candidate]:
        return iter(self.data.candidates)

    def options(self, day: Day) -> list[Candidate]:
        """The candidates day ``day`` may hold: allowed to the client and by the day's slots."""
        return [
            c for c in self.data.candidates if c.excluded is None and self.data.day_allows(day, c)
        ]

    def is_assigned(self, day: Day, candidate: Candidate) -> cp_model.IntVar:
        return self._use[day, candidate.id]

    def pairs(self, day: Day) -> tuple[Pair, ...]:
        """The superset pairs day ``day`` may use."""
        return self.data.pairs.get(day, ())

    def is_paired(self, day: Day, pair: Pair) -> cp_model.IntVar:
        return self._pair[day, pair.id]

    def sets_of(self, day: Day, candidate: Candidate) -> cp_model.LinearExpr:
        return candidate.sets * self._use[day, candidate.id]

    def fix(self, day: Day, candidate: Candidate, chosen: bool) -> None:
        """Force ``candidate`` into or out of day ``day``'s session."""
        self.model.add(self._use[day, candidate.id] == int(chosen))

    def fix_pair(self, day: Day, pair: Pair, chosen: bool) -> None:
        """Force ``pair`` into or out of day ``day``'s session as a superset."""
        self.model.add(self._pair[day, pair.id] == int(chosen))

    def extract(self, solver: cp_model.CpSolver) -> dict[Day, list[Candidate]]:
        """The chosen candidates of each day, in candidate order (each with its sets)."""
        return {
            d: [c for c in self.data.candidates if solver.boolean_value(self._use[d, c.id])]
            for d in self.days
        }

    def extract_pairs(self, solver: cp_model.CpSolver) -> dict[Day, list[Pair]]:
        """The superset pairs chosen for each day."""
        return {
            d: [p for p in self.pairs(d) if solver.boolean_value(self._pair[d, p.id])]
            for d in self.days
        }
