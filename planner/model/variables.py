"""The weekly model's decision variables, named, with the helpers rules use to read them."""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from thrustplan.exercise_db.models import LoadKind
from thrustplan.planner.model.candidates import Candidate, ModelInput, Pair
from thrustplan.rules.prescription import is_main_lift
from thrustplan.rules.sessions import Slot, leads_with_main_lift
from thrustplan.rules.timing import RAMP_SET_SECONDS, exercise_seconds

Day = int  # index into the split's days


#: Patterns whose barbell lifts are the session's heaviest: where one follows dumbbell
#: work or a lighter barbell lift, it takes its own ramp-up sets. A bench press, a press
#: or a row after them is lighter and does not.
_HEAVY_BARBELL_PATTERNS = frozenset({"hip_thrust", "squat", "hinge", "lunge"})


def takes_a_ramp(candidate: Candidate) -> bool:
    """Whether ``candidate`` is a lower-body barbell lift, which ramps up wherever it is
    the heaviest barbell lift of the session so far
    (``thrustplan.planner.progression.weeks``)."""
    exercise = candidate.exercise
    return (
        is_main_lift(exercise)
        and exercise.load_kind is LoadKind.BARBELL
        and exercise.pattern in _HEAVY_BARBELL_PATTERNS
    )


class WeekVariables:
    """``assign[d, s, e]``: exercise e fills slot s of day d's session, with its standard
    sets; ``use[d, e]``: e is in day d's session (in whichever slot);
    ``superset[d, s]``: slots s and s + 1 of day d are done as one superset, where the
    request's pairs can fill them (none unless the profile pairs exercises);
    ``repeat[d, e]``: e, a lift whose later sessions of a week are light days with fewer
    sets (``Candidate.light_sets``), is in day d's session and in an earlier day's.

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
        self._by_id = {c.id: c for c in data.candidates}
        self._slot: dict[tuple[Day, int], dict[str, cp_model.IntVar]] = {}
        self._use: dict[tuple[Day, str], cp_model.IntVar] = {}
        self._never = model.new_constant(0)
        for d in self.days:
            self._make_day(d)
        #: Neighbouring slots ``s`` and ``s + 1`` of a day done as one superset: the
        #: literal, and the seconds that saves.
        self._joined: dict[tuple[Day, int], tuple[cp_model.IntVar, cp_model.IntVar]] = {}
        for d in self.days:
            self._join_slots(d)
        self._repeat: dict[tuple[Day, str], cp_model.IntVar] = {}
        for c in data.candidates:
            if c.light_sets is not None:
                self._mark_repeats(c)
        #: Days whose first slot's barbell lift follows a hip thrust in the session.
        self._late_ramp = {
            d: late for d in self.days if (late := self._ramp_after_thrust(d)) is not None
        }

    def _mark_repeats(self, c: Candidate) -> None:
        """``repeat[d, c]`` for each day: exactly whether ``c`` is in day ``d``'s session
        and in an earlier one's, which makes day ``d`` its light day.

        Besides the literals' own definition, the week's light days are as many as its
        sessions of ``c`` less one, if any: the sum the linear relaxation lacked, which
        proves a six-day strength week about three times faster."""
        earlier: list[cp_model.IntVar] = []
        repeats: list[cp_model.IntVar] = []
        for d in self.days:
            use = self._use[d, c.id]
            if use is self._never:
                continue
            if earlier:
                repeat = self.model.new_bool_var(f"repeat[{d},{c.id}]")
                self.model.add_implication(repeat, use)
                self.model.add(repeat <= sum(earlier))
                for before in earlier:
                    self.model.add_bool_or([repeat, ~use, ~before])
                self._repeat[d, c.id] = repeat
                repeats.append(repeat)
            earlier.append(use)
        if repeats:
            used = self.model.new_bool_var(f"used[{c.id}]")
            for use in earlier:
                self.model.add_implication(use, used)
            self.model.add(used <= sum(earlier))
            self.model.add(sum(repeats) == sum(earlier) - used)

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

    def _join_slots(self, d: Day) -> None:
        """Superset literals for day ``d`` by neighbouring slots rather than by pair of
        exercises: a skeleton of eight slots has seven places for a pair, however many
        exercises could fill them.

        Joined slots are both filled, with exercises of a prepared pair (``data.pairs``);
        a slot is joined to one neighbour at most. What joining saves is exact: the
        smaller of the two exercises' rests between sets, once for each set after the
        first (``thrustplan.rules.timing.superset_seconds``). From above it is bounded by
        each side's best saving, read from the slots' literals, which the solver's linear
        relaxation sees; from below, by each pair's saving once its two exercises are
        joined (a linear ``min`` in place of these proved the hardest weeks about half as
        fast). A slot's best saving also bounds the two places beside it together
        (:meth:`_save_once`).
        """
        saving = {frozenset((p.first.id, p.second.id)): p.saving for p in self.pairs(d)}
        previous: cp_model.IntVar | None = None
        #: Per slot: the places for a pair beside it, and each exercise's best saving.
        beside: dict[int, list[cp_model.IntVar]] = {}
        best_at: dict[int, dict[str, int]] = {}
        for s in range(len(self.data.slot_options(d)) - 1):
            here, there = self._slot[d, s], self._slot[d, s + 1]
            ahead = {a: [b for b in there if frozenset((a, b)) in saving] for a in here}
            if not any(ahead.values()):
                previous = None
                continue
            behind = {b: [a for a in here if b in ahead[a]] for b in there}
            joined = self.model.new_bool_var(f"superset[{d},{s}]")
            shared: list[cp_model.LinearExpr] = []
            most = 0
            for side, other, mates in ((here, there, ahead), (there, here, behind)):
                self.model.add(joined <= sum(side[e] for e in side if mates[e]))
                # Each exercise at its best saving beside this neighbour: the smaller of
                # the two sides is then exactly what the pair saves, since a pair saves
                # the smaller rest of the two.
                best = [max((saving[frozenset((e, o))] for o in mates[e]), default=0) for e in side]
                at = best_at.setdefault(s if side is here else s + 1, {})
                for e, most_saved in zip(side, best, strict=True):
                    at[e] = max(at.get(e, 0), most_saved)
                for e, var in side.items():
                    self.model.add(var + joined <= 1 + sum(other[o] for o in mates[e]))
                shared.append(cp_model.LinearExpr.weighted_sum(list(side.values()), best))
                most = max(most, *best)
            if previous is not None:
                self.model.add(previous + joined <= 1)
            previous = joined
            saved = self.model.new_int_var(0, most, f"saved[{d},{s}]")
            self.model.add(saved <= most * joined)
            for bound in shared:
                self.model.add(saved <= bound)
            # Exact from below too: joined partners save what their pair saves, so that
            # no session is timed longer than it runs.
            for a, partners in ahead.items():
                for b in partners:
                    pair = saving[frozenset((a, b))]
                    self.model.add(saved >= pair).only_enforce_if([here[a], there[b], joined])
            self._joined[d, s] = (joined, saved)
            beside.setdefault(s, []).append(saved)
            beside.setdefault(s + 1, []).append(saved)
        self._save_once(d, beside, best_at)

    def _save_once(
        self, d: Day, beside: dict[int, list[cp_model.IntVar]], best_at: dict[int, dict[str, int]]
    ) -> None:
        """A slot's exercise is in one pair at most, so the savings of the two places
        beside a slot together stay within its exercise's best saving. Each place alone
        is bounded so already; the sum is what the linear relaxation lacked, when it
        counted one exercise's rest in half a pair on either side. Valid for every plan,
        and it proves the grid's superset weeks about a sixth faster
        (``benchmarks/solve.py``)."""
        for s, savings in beside.items():
            if len(savings) > 1:
                slot = self._slot[d, s]
                self.model.add(sum(savings) <= sum(b * slot[e] for e, b in best_at[s].items()))

    def supersets(self, day: Day) -> list[cp_model.IntVar]:
        """One literal per place for a superset in day ``day``'s session."""
        return [joined for (d, _), (joined, _) in self._joined.items() if d == day]

    def seconds_saved(self, day: Day) -> cp_model.LinearExpr:
        """Seconds day ``day``'s supersets save on its exercises done apart."""
        saved = [saved for (d, _), (_, saved) in self._joined.items() if d == day]
        return cp_model.LinearExpr.sum(saved)

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

    def is_repeat(self, day: Day, candidate: Candidate) -> cp_model.IntVar:
        """Whether day ``day``'s session holds ``candidate`` on its light day: a lift with
        ``light_sets`` that an earlier day's session holds too."""
        return self._repeat.get((day, candidate.id), self._never)

    def sets_of(self, day: Day, candidate: Candidate) -> cp_model.LinearExpr:
        """Working sets of ``candidate`` in day ``day``'s session: its standard sets, fewer
        on a light day."""
        sets = candidate.sets * self._use[day, candidate.id]
        if candidate.light_sets is None:
            return sets
        return sets - (candidate.sets - candidate.light_sets) * self.is_repeat(day, candidate)

    def seconds_of(self, day: Day, candidate: Candidate) -> cp_model.LinearExpr:
        """Seconds of ``candidate``'s sets in day ``day``'s session, done apart
        (``thrustplan.rules.timing.exercise_seconds``)."""
        c = candidate
        full = exercise_seconds(c.sets, c.work_seconds, c.rest_seconds)
        seconds = full * self._use[day, c.id]
        if c.light_sets is None:
            return seconds
        light = exercise_seconds(c.light_sets, c.work_seconds, c.rest_seconds)
        return seconds - (full - light) * self.is_repeat(day, c)

    def ramp_seconds(self, day: Day) -> cp_model.LinearExpr:
        """Seconds day ``day``'s session keeps for ramp-up sets past the warm-up's own:
        a set's for each lower-body barbell lift (:func:`takes_a_ramp`) outside its
        skeleton's first slot, and for the first slot's where a hip thrust goes before it
        (:meth:`_ramp_after_thrust`).

        A session ramps its first loaded lift, and a later barbell lift where it is the
        heaviest so far: a squat or a deadlift after dumbbell work or after a lighter
        barbell lift, not a bench press after them. The warm-up's two ramp-up sets hold
        the first lift's and one more; past the time kept here, ramps are cut to fit
        (``thrustplan.planner.progression.warmup.fit_ramps``). Keeping a set for every
        barbell lift but the first, counted exactly, took the grid's hardest full-gym
        week from 1.7 to 7.4 deterministic seconds (``benchmarks/solve.py``), and a set
        for every barbell lift refused a beginner's two 40-minute sessions of squat,
        press, row and deadlift, whose press and row never ramp.
        """
        late = [self._late_ramp[day]] if day in self._late_ramp else []
        return RAMP_SET_SECONDS * cp_model.LinearExpr.sum(
            [var for c, var in self._ramp_places(day) if takes_a_ramp(c)] + late
        )

    def ramp_free(self, day: Day, candidate: Candidate) -> bool:
        """Whether ``candidate`` may fill the slot of day ``day`` that keeps no time for
        its ramp (:meth:`ramp_seconds`), unless a hip thrust goes before it."""
        return bool(self.data.slots.get(day)) and candidate.id in self._slot.get((day, 0), {})

    def _ramp_after_thrust(self, d: Day) -> cp_model.IntVar | None:
        """A literal that is true when day ``d``'s first slot holds a lower-body barbell
        lift and a later slot a hip thrust, or None where that cannot happen.

        The session is printed hip thrust first (``planner.model.solve.order_key``), so
        the first slot's squat or deadlift then comes second, after the warm-up's ramp
        has gone to the thrust, and needs a ramp of its own. A strength plan opens with
        its main lift and does not.
        """
        if leads_with_main_lift(self.data.profile.goal):
            return None
        first = [v for e, v in self._slot.get((d, 0), {}).items() if takes_a_ramp(self._by_id[e])]
        thrusts = [
            v
            for (day, s), chosen in self._slot.items()
            if day == d and s > 0
            for e, v in chosen.items()
            if self._by_id[e].exercise.is_hip_thrust_family
        ]
        if not first or not thrusts:
            return None
        late = self.model.new_bool_var(f"ramp_after_thrust[{d}]")
        self.model.add(late >= sum(first) + sum(thrusts) - 1)
        return late

    def _ramp_places(self, day: Day) -> list[tuple[Candidate, cp_model.IntVar]]:
        """Each slot literal of day ``day`` outside a skeleton's first slot, with its
        candidate."""
        first = 1 if self.data.slots.get(day) else 0
        return [
            (self._by_id[e], var)
            for (d, s), chosen in self._slot.items()
            if d == day and s >= first
            for e, var in chosen.items()
        ]

    def fix(self, day: Day, candidate: Candidate, chosen: bool) -> None:
        """Force ``candidate`` into or out of day ``day``'s session."""
        self.model.add(self._use[day, candidate.id] == int(chosen))

    def fix_pair(self, day: Day, pair: Pair, chosen: bool) -> None:
        """Force ``pair`` into or out of day ``day``'s session as a superset: with
        ``chosen``, its two exercises fill two joined neighbouring slots."""
        ways: list[cp_model.IntVar] = []
        for (d, s), (joined, _) in self._joined.items():
            for a, b in ((pair.first.id, pair.second.id), (pair.second.id, pair.first.id)):
                if d != day or a not in self._slot[d, s] or b not in self._slot[d, s + 1]:
                    continue
                both = [self._slot[d, s][a], self._slot[d, s + 1][b], joined]
                if not chosen:
                    self.model.add(sum(both) <= 2)
                    continue
                way = self.model.new_bool_var(f"joined_as[{d},{s},{a},{b}]")
                for literal in both:
                    self.model.add_implication(way, literal)
                ways.append(way)
        if chosen:
            self.model.add_bool_or(ways)

    def extract(self, solver: cp_model.CpSolver) -> dict[Day, list[Candidate]]:
        """The chosen candidates of each day, in candidate order (each with its sets)."""
        return {
            d: [c for c in self.data.candidates if solver.boolean_value(self._use[d, c.id])]
            for d in self.days
        }

    def extract_pairs(self, solver: cp_model.CpSolver) -> dict[Day, list[Pair]]:
        """The superset pairs chosen for each day: the exercises of each two joined slots."""
        found: dict[Day, list[Pair]] = {d: [] for d in self.days}
        for (d, s), (joined, _) in self._joined.items():
            if solver.boolean_value(joined):
                ids = {
                    e
                    for slot in (self._slot[d, s], self._slot[d, s + 1])
                    for e, var in slot.items()
                    if solver.boolean_value(var)
                }
                found[d].extend(p for p in self.pairs(d) if {p.first.id, p.second.id} == ids)
        return found
