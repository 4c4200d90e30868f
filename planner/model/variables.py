"""The weekly model's decision variables, named, with the helpers rules use to read them."""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import Candidate, ModelInput, Pair
from thrustplan.rules.sessions import Slot

Day = int  # index into the split's days


class WeekVariables:
    """``assign[d, s, e]``: exercise e fills slot s of day d's session, with its standard
    sets; ``use[d, e]``: e is in day d's session (in whichever slot);
    ``pair[d, a, b]``: a and b are done as a superset in day d's session, for the pairs
    the request allows (none unless the client asked for supersets).

    A slot may only take the exercises of its own patterns
    (``thrustplan.rules.sessions.Slot``), and a loaded slot only loaded compounds when the
    client has any (``slot_fillers``): a week is a few hundred booleans, not every
    exercise on every day, and holds at most one exercise per slot. A day without a
    skeleton gives every exercise its day allows a place of its own.

    The order inside a session is not a variable: it is fixed afterwards by rule (hip
    thrust first, compounds, then isolation), which meets the ordering rules exactly and
    keeps the model small (docs/solver-design.md, "Day-indexed").
    """

    def __init__(self, model: cp_model.CpModel, data: ModelInput) -> None:
        self.model = model
        self.data = data
        self.days = range(len(data.split.days))
        self._slot: dict[tuple[Day, int], dict[str, cp_model.IntVar]] = {}
        self._use: dict[tuple[Day, str], cp_model.IntVar] = {}
        self._never = model.new_constant(0)
        for d in self.days:
            self._make_day(d)
        self._pair: dict[tuple[Day, str], cp_model.IntVar] = {}
        for d in self.days:
            for p in data.pairs.get(d, ()):
                self._pair[d, p.id] = model.new_bool_var(f"pair[{d},{p.first.id},{p.second.id}]")

    def _make_day(self, d: Day) -> None:
        """Slot variables for day ``d``, at most one exercise a slot, and each exercise's
        use as the sum of its slots (so at most once a day)."""
        places: dict[str, list[cp_model.IntVar]] = {}
        for s, options in enumerate(self.data.slot_options(d)):
            chosen: dict[str, cp_model.IntVar] = {}
            for c in options:
                var = self.model.new_bool_var(f"assign[{d},{s},{c.id}]")
                chosen[c.id] = var
                places.setdefault(c.id, []).append(var)
            self._slot[d, s] = chosen
            if len(chosen) > 1:
                self.model.add_at_most_one(chosen.values())
        for c in self.data.candidates:
            found = places.get(c.id, [])
            if len(found) == 1:
                self._use[d, c.id] = found[0]
            elif found:
                use = self.model.new_bool_var(f"use[{d},{c.id}]")
                self.model.add(sum(found) == use)
                self._use[d, c.id] = use
            else:
                self._use[d, c.id] = self._never

    def candidates(self) -> Iterator[Candidate]:
        return iter(self.data.candidates)

    def options(self, day: Day) -> list[Candidate]:
        """The candidates day ``day`` may hold: allowed to the client and by the day's slots,
        and not excluded by the trainer. Rules that ask for something "whenever the client
        can" look here, so that a trainer's exclusion narrows what they ask for; an
        excluded exercise keeps its variables, which ``trainer_excludes`` holds at zero."""
        return [
            c
            for c in self.data.candidates
            if self._use[day, c.id] is not self._never and not c.trainer_excluded
        ]

    def slots(self, day: Day) -> tuple[Slot, ...]:
        """Day ``day``'s skeleton, empty for a day without one."""
        return tuple(self.data.slots.get(day, ()))

    def slot_fill(self, day: Day, slot: int) -> list[cp_model.IntVar]:
        """One literal per exercise that may fill slot ``slot`` of day ``day``: at most one
        is true."""
        return list(self._slot.get((day, slot), {}).values())

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

    def hint_from(self, source: WeekVariables, solver: cp_model.CpSolver) -> None:
        """Start the search from ``solver``'s solution of ``source``, a model of the same
        request without pairs: every slot literal as it was there, and no pairs."""
        for key, chosen in self._slot.items():
            for e, var in chosen.items():
                self.model.add_hint(var, solver.boolean_value(source._slot[key][e]))
        for (d, e), use in self._use.items():
            if use is not self._never and use.name.startswith("use["):
                self.model.add_hint(use, solver.boolean_value(source._use[d, e]))
        for pair in self._pair.values():
            self.model.add_hint(pair, False)

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
