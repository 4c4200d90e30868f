"""The rule book of the weekly model: every rule, hard and soft, in one place.

A hard rule adds constraints; a soft rule returns a penalty the objective minimises.
Four hard rules need no constraint because the model's shape, the prepared data or the
ordering step meets them exactly; they are listed so that the whole rule book reads in
one screen, and the independent checker (``thrustplan.rules.checker``) recomputes every hard rule
from the finished plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import MAX_SETS, ModelInput, Pair
from thrustplan.planner.model.variables import WeekVariables
from thrustplan.rules.goals import Goal
from thrustplan.rules.sessions import (
    GLUTE_MUSCLES,
    PULL,
    PULL_PUSH_BOUNDS,
    PUSH,
    STAPLES,
    STRENGTH_MAIN_LIFTS,
    thrust_sessions_needed,
    variant_key,
)
from thrustplan.rules.timing import WARM_UP_MINUTES, exercise_seconds
from thrustplan.rules.volume import BAND_TOP
from thrustplan.rules.week_rules import (
    BALANCE_GROUPS,
    BALANCED_GOALS,
    MAX_EXERCISES_PER_SESSION,
    MIN_EXERCISES_PER_SESSION,
    work_budget_seconds,
)


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


#: Points per half-set off the volume target band, on top of the shortfall weighting: far
#: more than a lapse of any other soft rule costs, and than the priority weighting can
#: trade, so the plan is first as close to every target as the rules allow (never further
#: than a simple greedy fill, ``benchmarks/solve.py``) and the other goals choose among
#: such plans.
VOLUME_FIRST = 100
#: Points per half-set of a target band left unused: enough to buy productive sets with
#: spare minutes, too little to trade against anything a trainer would notice.
BAND_POINTS = 1
#: Points per half-set beyond the band: little, since the weekly ceiling is the hard
#: limit and a coach would rather fill the client's hour than send them home early.
OVER_BAND_POINTS = 2
#: Share of the client's minutes, warm-up included, a session should use (percent).
TIME_USED_PERCENT = 75
#: Sessions within this many minutes of each other count as even.
EVEN_ENOUGH_MINUTES = 5


# ---------------------------------------------------------------------------- structure


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


def interchangeable_days(data: ModelInput) -> list[list[int]]:
    """Groups of days whose sessions could swap without any rule noticing: the same focus
    and skeleton, and the same training days beside them (the only rule that tells days
    apart is heavy work on consecutive days). Groups of two or more, days in split order."""
    days = data.split.days

    def beside(a: int) -> set[int]:
        return {
            b
            for b in range(len(days))
            if b != a
            and 1 in (days[a].day.days_until(days[b].day), days[b].day.days_until(days[a].day))
        }

    groups: list[list[int]] = []
    for d, day in enumerate(days):
        for group in groups:
            first = group[0]
            same = days[first].focus == day.focus and data.slots.get(first) == data.slots.get(d)
            if same and all(beside(g) - {d} == beside(d) - {g} for g in group):
                group.append(d)
                break
        else:
            groups.append([d])
    return [g for g in groups if len(g) > 1]


def _slot_keys(m: RuleModel, d: int) -> list[cp_model.LinearExpr]:
    """Each slot of day ``d`` as a number: its exercise's place among the candidates
    (one-based), 0 when the slot is empty."""
    rank = {c.id: i + 1 for i, c in enumerate(m.vars.candidates())}
    return [
        cp_model.LinearExpr.weighted_sum(m.vars.slot_fill(d, s), [rank[c.id] for c in options])
        for s, options in enumerate(m.data.slot_options(d))
    ]


def _lex_not_below(
    m: RuleModel, high: list[cp_model.LinearExpr], low: list[cp_model.LinearExpr]
) -> None:
    """``high`` is lexicographically at least ``low``: ``tied[s]`` says the two agree on
    every slot before ``s``; while tied, ``high`` is not below ``low``, and it is above
    it where the tie ends."""
    tied = m.model.new_constant(1)
    for s, (a, b) in enumerate(zip(high, low, strict=True)):
        m.model.add(a >= b).only_enforce_if(tied)
        after = m.model.new_bool_var(f"tied[{s}]")
        m.model.add_implication(after, tied)
        m.model.add(a == b).only_enforce_if(after)
        m.model.add(a >= b + 1).only_enforce_if([tied, ~after])
        tied = after


def break_day_symmetry(m: RuleModel) -> None:
    """Among interchangeable days, sessions come in a fixed order: each day's slots, read
    as the numbers of :func:`_slot_keys`, are lexicographically at least the next day's.
    Any plan can be reordered so, and the solver no longer proves the same week once for
    every order of its sessions.

    Not a training rule and never guarded; added only where a plan is searched for, so
    that tests may fix any day's session as they please.
    """
    for group in interchangeable_days(m.data):
        if not m.vars.slots(group[0]):
            continue
        keys = [_slot_keys(m, d) for d in group]
        for earlier, later in itertools.pairwise(keys):
            _lex_not_below(m, earlier, later)


def best_savings(pairs: Iterable[Pair]) -> dict[str, int]:
    """The most seconds each exercise can save in one of ``pairs``: half of its best
    pair's saving. However a session pairs, its pairs save no more than these summed over
    its exercises, since each exercise is in one pair at most."""
    best: dict[str, int] = {}
    for p in pairs:
        for c in (p.first, p.second):
            best[c.id] = max(best.get(c.id, 0), -(-p.saving // 2))
    return best


# ---------------------------------------------------------------------------- hard rules


def add_equipment_and_limitations(m: RuleModel) -> None:
    """Only exercises the client has the equipment for and that their limitations allow."""
    for c in m.vars.candidates():
        if c.excluded is not None:
            for d in m.vars.days:
                m.require(m.vars.is_assigned(d, c) == 0)


def add_trainer_excludes(m: RuleModel) -> None:
    """No exercise the trainer excluded in the profile, on any day."""
    for c in m.vars.candidates():
        if c.trainer_excluded:
            for d in m.vars.days:
                m.require(m.vars.is_assigned(d, c) == 0)


def add_trainer_includes(m: RuleModel) -> None:
    """Every exercise the trainer includes is in the week: on the weekday named, or on
    some day when none is. An include that no day can hold (the kit or a limitation rules
    it out, or the day's focus has no place for it) makes the request impossible, and the
    explanation names this rule."""
    v = m.vars
    by_id = {c.id: c for c in v.candidates()}
    days = m.data.split.days
    for wanted in m.data.profile.include:
        c = by_id.get(wanted.exercise)
        uses = [
            v.is_assigned(d, c)
            for d in v.days
            if c is not None and c in v.options(d) and wanted.day in (None, days[d].day)
        ]
        m.require(sum(uses) >= 1)


def add_split_focus(m: RuleModel) -> None:
    """Each day holds only the movement patterns its place in the split is for."""
    for d, day in zip(m.vars.days, m.data.split.days, strict=True):
        for c in m.vars.candidates():
            if c.exercise.pattern not in day.patterns:
                m.require(m.vars.is_assigned(d, c) == 0)


def add_session_skeleton(m: RuleModel) -> None:
    """Every slot a coach insists on is filled whenever the client can do an exercise
    that fits it: the day's main lift (a loaded compound when the kit has one), and the
    upper pull of an upper or full-body day (``thrustplan.rules.sessions.SKELETONS``)."""
    v = m.vars
    for d in v.days:
        for s, slot in enumerate(v.slots(d)):
            fill = v.slot_fill(d, s)
            options = m.data.slot_options(d)[s]
            if slot.insisted and any(not c.trainer_excluded for c in options):
                m.require(sum(fill) == 1)


def add_no_duplicate_variants(m: RuleModel) -> None:
    """Never two variants of one movement in a session (a barbell and a dumbbell reverse
    lunge back to back): one exercise per movement (``thrustplan.rules.sessions.variant_key``)."""
    v = m.vars
    for d in v.days:
        by_key: dict[str, list[cp_model.IntVar]] = {}
        for c in v.options(d):
            by_key.setdefault(variant_key(c.exercise), []).append(v.is_assigned(d, c))
        for uses in by_key.values():
            if len(uses) > 1:
                m.require(sum(uses) <= 1)


def add_glute_move_every_session(m: RuleModel) -> None:
    """For the glutes goal, every session holds an exercise that trains the glutes as a
    prime mover (Strong Curves trains them in every workout)."""
    if m.data.profile.goal is not Goal.GLUTES:
        return
    v = m.vars
    for d in v.days:
        glute = [c for c in v.options(d) if set(c.exercise.primary_muscles) & GLUTE_MUSCLES]
        if glute:
            m.require(sum(v.is_assigned(d, c) for c in glute) >= 1)


def add_abduction_every_week(m: RuleModel) -> None:
    """For the glutes goal, hip abduction every week whenever the client can do any."""
    if m.data.profile.goal is not Goal.GLUTES:
        return
    v = m.vars
    uses = [
        v.is_assigned(d, c)
        for d in v.days
        for c in v.options(d)
        if c.exercise.pattern == "hip_abduction"
    ]
    if uses:
        m.require(sum(uses) >= 1)


def _weekly_sets(m: RuleModel, patterns: frozenset[str]) -> cp_model.LinearExpr:
    v = m.vars
    return cp_model.LinearExpr.weighted_sum(
        [
            v.is_assigned(d, c)
            for d in v.days
            for c in v.options(d)
            if c.exercise.pattern in patterns
        ],
        [c.sets for d in v.days for c in v.options(d) if c.exercise.pattern in patterns],
    )


def add_pull_push_balance(m: RuleModel) -> None:
    """Pulling keeps up with pushing: weekly pull sets at least push sets for the glutes
    and general goals, each within 25 % of the other for hypertrophy and strength
    (``thrustplan.rules.sessions.PULL_PUSH_BOUNDS``)."""
    push, pull = _weekly_sets(m, PUSH), _weekly_sets(m, PULL)
    (low_num, low_den), high = PULL_PUSH_BOUNDS[m.data.profile.goal]
    m.require(low_den * pull >= low_num * push)
    if high is not None:
        high_num, high_den = high
        m.require(high_den * pull <= high_num * push)


def add_lifts_that_matter(m: RuleModel) -> None:
    """Every lift the client gave a rep max for or named a favourite is in the week,
    whenever they may do it and some day's slots admit it."""
    v = m.vars
    named = {*m.data.profile.rep_maxes, *m.data.profile.favourites}
    for c in v.candidates():
        if c.id in named:
            uses = [v.is_assigned(d, c) for d in v.days if c in v.options(d)]
            if uses:
                m.require(sum(uses) >= 1)


def add_strength_lifts_weekly(m: RuleModel) -> None:
    """A strength plan centres on the barbell lifts the kit allows: back squat and bench
    press twice a week, deadlift and overhead press at least once (fewer only when fewer
    days can hold them). Beginners too: Starting Strength and GZCLP are beginners'
    programmes built on exactly these lifts."""
    if m.data.profile.goal is not Goal.STRENGTH:
        return
    v = m.vars
    for c in v.candidates():
        if c.id in STRENGTH_MAIN_LIFTS:
            uses = [v.is_assigned(d, c) for d in v.days if c in v.options(d)]
            if uses:
                m.require(sum(uses) >= min(STRENGTH_MAIN_LIFTS[c.id], len(uses)))


def add_one_hip_thrust_per_session(m: RuleModel) -> None:
    """At most one hip-thrust-family exercise in a session: it is the session's main lift."""
    thrusts = [c for c in m.vars.candidates() if c.exercise.is_hip_thrust_family]
    for d in m.vars.days:
        m.require(sum(m.vars.is_assigned(d, c) for c in thrusts) <= 1)


def add_hip_thrust_every_week(m: RuleModel) -> None:
    """A hip-thrust-family exercise in most sessions of the week for the glutes goal
    (Strong Curves opens every workout with one), and in at least one for every other goal."""
    thrusts = [c for c in m.vars.candidates() if c.exercise.is_hip_thrust_family]
    needed = thrust_sessions_needed(m.data.profile.goal, len(m.data.split.days))
    m.require(sum(m.vars.is_assigned(d, c) for d in m.vars.days for c in thrusts) >= needed)


def add_session_size(m: RuleModel) -> None:
    """Every session holds three to eight exercises."""
    for d in m.vars.days:
        count = sum(m.vars.is_assigned(d, c) for c in m.vars.candidates())
        m.require(count >= MIN_EXERCISES_PER_SESSION)
        m.require(count <= MAX_EXERCISES_PER_SESSION)


def add_session_fits_time(m: RuleModel) -> None:
    """Each session, warm-up included, fits the minutes the client has."""
    budget = work_budget_seconds(m.data.profile.session_minutes)
    for d in m.vars.days:
        m.require(session_seconds(m, d) <= budget)


def add_heavy_sessions_apart(m: RuleModel) -> None:
    """At least 48 hours between heavy hip-thrust or hinge sessions: never on consecutive
    days, Sunday to Monday included (ACSM 2009 recovery guideline)."""
    heavy = [c for c in m.vars.candidates() if c.heavy]
    if not heavy:
        return
    days = m.data.split.days
    heavy_day = [m.model.new_bool_var(f"heavy_day[{d}]") for d in m.vars.days]
    for d in m.vars.days:
        for c in heavy:
            m.require(heavy_day[d] - m.vars.is_assigned(d, c) >= 0)
    for a in m.vars.days:
        for b in m.vars.days:
            if days[a].day.days_until(days[b].day) == 1:
                m.require(heavy_day[a] + heavy_day[b] <= 1)


def add_weekly_sets_ceiling(m: RuleModel) -> None:
    """No muscle gets more weekly sets than the client's level can recover from
    (secondary muscles count half)."""
    v = m.vars
    ceiling = 2 * m.data.max_weekly_sets
    muscles = sorted({muscle for c in v.candidates() for muscle in c.half_sets})
    for muscle in muscles:
        m.require(
            sum(
                v.sets_of(d, c) * c.half_sets[muscle]
                for d in v.days
                for c in v.candidates()
                if muscle in c.half_sets
            )
            <= ceiling
        )


def add_full_body_balance(m: RuleModel) -> None:
    """For the general and hypertrophy goals, every week holds a push, a pull, a squat or
    lunge, a hinge or knee flexion, and core work."""
    if m.data.profile.goal not in BALANCED_GOALS:
        return
    v = m.vars
    for patterns in BALANCE_GROUPS.values():
        members = [c for c in v.candidates() if c.exercise.pattern in patterns]
        m.require(sum(v.is_assigned(d, c) for d in v.days for c in members) >= 1)


# ---------------------------------------------------------------------------- soft rules

Penalty = tuple[int, cp_model.LinearExprT]


def penalise_volume_error(m: RuleModel) -> Penalty:
    """Weekly sets per muscle on target, first among the soft goals: every half-set below
    the target costs a hundred points and twice the muscle's priority weight; every
    half-set above the productive band (the target and half as much again) two points.
    Sets count where the muscle is a prime mover; a synergist's half-sets count only up
    to the prime-mover sets, so they never fill a target alone (Schoenfeld, Ogborn &
    Krieger 2017 counted direct sets). Inside the band, each half-set left unused costs
    one point: where time allows, more sets still bring a little more growth. Penalty in
    half-sets."""
    v = m.vars
    terms: list[cp_model.LinearExprT] = []
    bound = 2 * MAX_SETS * MAX_EXERCISES_PER_SESSION * len(v.days)
    for muscle, target in sorted(m.data.targets.items()):
        work = [(d, c) for d in v.days for c in v.options(d) if muscle in c.half_sets]
        prime = sum(v.sets_of(d, c) * 2 for d, c in work if c.half_sets[muscle] == 2)
        helper = sum(v.sets_of(d, c) for d, c in work if c.half_sets[muscle] == 1)
        credit = m.model.new_int_var(0, bound, f"synergist_credit[{muscle}]")
        m.model.add(credit <= helper)
        m.model.add(credit <= prime)
        volume = prime + credit
        under = m.model.new_int_var(0, 2 * target, f"under[{muscle}]")
        over = m.model.new_int_var(0, bound, f"over[{muscle}]")
        # Sets up to the band's top are within the productive range: no cost.
        band = round(2 * target * (BAND_TOP - 1))
        headroom = m.model.new_int_var(0, band, f"headroom[{muscle}]")
        m.model.add(volume + under - over - headroom == 2 * target)
        weight = m.data.muscle_weights.get(muscle, 1)
        terms.append((VOLUME_FIRST + 2 * weight) * under + OVER_BAND_POINTS * over)
        terms.append(BAND_POINTS * (band - headroom))
    return 30, sum(terms)


def penalise_repeated_hip_thrust(m: RuleModel) -> Penalty:
    """Different hip-thrust variations across the week where the equipment allows (one
    heavy barbell session, one single-leg or banded one); one point per repeat."""
    v = m.vars
    repeats: list[cp_model.IntVar] = []
    for c in v.candidates():
        if c.exercise.is_hip_thrust_family:
            repeat = m.model.new_int_var(0, len(v.days), f"repeat[{c.id}]")
            m.model.add(repeat >= sum(v.is_assigned(d, c) for d in v.days) - 1)
            repeats.append(repeat)
    return 60, sum(repeats)


def penalise_repeated_pattern(m: RuleModel) -> Penalty:
    """Variety inside a session: a second exercise of the same movement pattern in one
    session costs a point (two knee-flexion moves back to back add little)."""
    v = m.vars
    extras: list[cp_model.IntVar] = []
    patterns = sorted({c.exercise.pattern for c in v.candidates()})
    for d in v.days:
        for pattern in patterns:
            members = [c for c in v.candidates() if c.exercise.pattern == pattern]
            if len(members) > 1:
                extra = m.model.new_int_var(0, len(members), f"extra[{d},{pattern}]")
                m.model.add(extra >= sum(v.is_assigned(d, c) for c in members) - 1)
                extras.append(extra)
    return 60, sum(extras)


def penalise_exercise_fit(m: RuleModel) -> Penalty:
    """Prefer exercises that serve a programme best: compounds with a load that can climb."""
    v = m.vars
    return 30, sum(c.cost * v.is_assigned(d, c) for d in v.days for c in v.candidates())


def penalise_level_mismatch(m: RuleModel) -> Penalty:
    """Exercises suited to the client's level; each level above theirs costs."""
    v = m.vars
    return 180, sum(c.level_gap * v.is_assigned(d, c) for d in v.days for c in v.candidates())


def penalise_preferences(m: RuleModel) -> Penalty:
    """Favourites preferred (a point for each favourite left out of the week) and dislikes
    avoided (a point for each session holding one)."""
    v = m.vars
    terms: list[cp_model.LinearExprT] = []
    for c in v.candidates():
        uses = sum(v.is_assigned(d, c) for d in v.days)
        if c.preference < 0:
            terms.append(uses)
        elif c.preference > 0:
            used = m.model.new_bool_var(f"favourite_used[{c.id}]")
            m.model.add(uses >= 1).only_enforce_if(used)
            m.model.add(uses == 0).only_enforce_if(~used)
            terms.append(1 - used)
    return 240, sum(terms)


def penalise_supersets(m: RuleModel) -> Penalty:
    """Straight sets unless a superset buys something: each pair costs a point, so pairs
    appear only where sharing the rest makes room for more work or evens out the week.

    A point weighs as much as a minute between the longest and the shortest session:
    every weight in the objective is then a multiple of ten, which the solver uses to
    prove plans optimal several times faster than with a weight of one.
    """
    v = m.vars
    return 10, sum(v.is_paired(d, p) for d in v.days for p in v.pairs(d))


def penalise_uneven_sessions(m: RuleModel) -> Penalty:
    """Sessions of similar length: when the longest outlasts the shortest by more than
    five minutes, each further whole minute costs a point."""
    budget_minutes = m.data.profile.session_minutes
    longest = m.model.new_int_var(0, budget_minutes, "longest_session")
    shortest = m.model.new_int_var(0, budget_minutes, "shortest_session")
    for d in m.vars.days:
        seconds = session_seconds(m, d)
        m.model.add(60 * longest >= seconds)
        m.model.add(60 * shortest <= seconds)
    # A spread the client will not notice costs nothing; without that tolerance the
    # solver spends most of its time proving the last minute of evenness.
    excess = m.model.new_int_var(0, budget_minutes, "uneven_minutes")
    m.model.add(excess >= longest - shortest - EVEN_ENOUGH_MINUTES)
    return 10, excess


def penalise_unfilled_slots(m: RuleModel) -> Penalty:
    """The rest of the skeleton, as taste: each slot a coach would write that the client
    could fill (abduction, core, a leg curl, arms...) but the session leaves empty costs a
    point."""
    v = m.vars
    empty: list[cp_model.LinearExprT] = []
    for d in v.days:
        for s, slot in enumerate(v.slots(d)):
            fill = v.slot_fill(d, s)
            if fill and not slot.insisted:
                empty.append(1 - sum(fill))
    return 100, sum(empty)


def penalise_unused_time(m: RuleModel) -> Penalty:
    """Use the client's time: each whole minute a session falls short of three quarters
    of the client's minutes, warm-up included, costs a point."""
    minutes = m.data.profile.session_minutes
    goal_seconds = 60 * (minutes * TIME_USED_PERCENT // 100 - WARM_UP_MINUTES)
    short: list[cp_model.IntVar] = []
    for d in m.vars.days:
        missing = m.model.new_int_var(0, minutes, f"short_minutes[{d}]")
        m.model.add(60 * missing >= goal_seconds - session_seconds(m, d))
        short.append(missing)
    return 150, sum(short)


def penalise_missing_staples(m: RuleModel) -> Penalty:
    """For the glutes goal, the kit's staples are used: the back-extension bench, the
    leg-curl machine, the kettlebell swing and the abduction machine (``rules.sessions``);
    a point for each the client has and the week leaves out."""
    if m.data.profile.goal is not Goal.GLUTES:
        return 0, 0
    v = m.vars
    missing: list[cp_model.LinearExprT] = []
    for name, ids in STAPLES.items():
        uses = [v.is_assigned(d, c) for d in v.days for c in v.options(d) if c.id in ids]
        if uses:
            used = m.model.new_bool_var(f"staple_used[{name}]")
            m.model.add(used <= sum(uses))
            missing.append(1 - used)
    # Worth twenty half-sets of volume: a staple takes a slot another exercise would
    # fill, and under the weekly ceiling it may push a set or two elsewhere out; a coach
    # who sees the kit still wants it used.
    return 60_000, sum(missing)


# ---------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class HardRule:
    name: str
    add: Callable[[RuleModel], None] | None
    #: How a rule with no constraint is met, when ``add`` is None.
    met_by: str = ""

    @property
    def statement(self) -> str:
        doc = self.add.__doc__ if self.add else self.met_by
        return " ".join((doc or "").split())


@dataclass(frozen=True)
class SoftRule:
    name: str
    penalty: Callable[[RuleModel], Penalty]

    @property
    def statement(self) -> str:
        return " ".join((self.penalty.__doc__ or "").split())


HARD_RULES: tuple[HardRule, ...] = (
    HardRule("equipment_and_limitations", add_equipment_and_limitations),
    HardRule("split_focus", add_split_focus),
    HardRule("one_hip_thrust_per_session", add_one_hip_thrust_per_session),
    HardRule("hip_thrust_every_week", add_hip_thrust_every_week),
    HardRule("session_size", add_session_size),
    HardRule("session_fits_time", add_session_fits_time),
    HardRule("heavy_sessions_apart", add_heavy_sessions_apart),
    HardRule("weekly_sets_ceiling", add_weekly_sets_ceiling),
    HardRule("full_body_balance", add_full_body_balance),
    HardRule("session_skeleton", add_session_skeleton),
    HardRule("no_duplicate_variants", add_no_duplicate_variants),
    HardRule("glute_move_every_session", add_glute_move_every_session),
    HardRule("abduction_every_week", add_abduction_every_week),
    HardRule("pull_push_balance", add_pull_push_balance),
    HardRule("lifts_that_matter", add_lifts_that_matter),
    HardRule("strength_lifts_weekly", add_strength_lifts_weekly),
    HardRule("trainer_includes", add_trainer_includes),
    HardRule("trainer_excludes", add_trainer_excludes),
    HardRule(
        "no_exercise_twice_in_session",
        None,
        "No exercise appears twice in a session: one variable per day and exercise.",
    ),
    HardRule(
        "hip_thrust_early",
        None,
        "A hip-thrust-family exercise comes first or second, while the client is fresh: the "
        "ordering step puts it first, and at most one hip thrust is in a session. A strength "
        "plan opens with the day's main barbell lifts and the thrust follows them straight "
        "away.",
    ),
    HardRule(
        "compound_before_isolation",
        None,
        "Compound exercises come before isolation ones: the ordering step sorts them, "
        "a superset pair counting as one step.",
    ),
    HardRule(
        "supersets_non_competing",
        None,
        "Supersets only for clients who ask for them, and only of two exercises that do not "
        "compete: no prime mover or movement pattern in common, never the session's hip "
        "thrust or heavy hinge, the same number of sets, each exercise in one pair at most. "
        "Only such pairs are prepared for the model.",
    ),
)

SOFT_RULES: tuple[SoftRule, ...] = (
    SoftRule("volume_near_target", penalise_volume_error),
    SoftRule("hip_thrust_variety", penalise_repeated_hip_thrust),
    SoftRule("pattern_variety", penalise_repeated_pattern),
    SoftRule("exercise_fit", penalise_exercise_fit),
    SoftRule("level_fit", penalise_level_mismatch),
    SoftRule("preferences", penalise_preferences),
    SoftRule("supersets_only_when_useful", penalise_supersets),
    SoftRule("even_sessions", penalise_uneven_sessions),
    SoftRule("skeleton_slots_filled", penalise_unfilled_slots),
    SoftRule("use_the_time", penalise_unused_time),
    SoftRule("kit_staples", penalise_missing_staples),
)


def build(data: ModelInput, *, guarded: bool = False) -> RuleModel:
    """The whole weekly model: structure, every hard rule, and the soft rules' objective."""
    m = RuleModel(data, guarded=guarded)
    for rule in HARD_RULES:
        if rule.add is not None:
            m.begin(rule.name)
            rule.add(m)
    m.end()
    m.objective = sum(weight * expr for weight, expr in (r.penalty(m) for r in SOFT_RULES))
    m.model.minimize(m.objective)
    return m


#: Soft rules that read a session's length, left out of :func:`build_bound`.
TIME_READING_RULES = frozenset({"even_sessions", "use_the_time"})


def build_bound(data: ModelInput) -> RuleModel:
    """A relaxation of the model with superset pairs, without any pair variable: every
    exercise is timed at its straight sets less its :func:`best_savings` on that day,
    and the soft rules that read a session's length are left out.

    Every plan the model with pairs allows is a plan here at no higher cost (its penalties
    for length and for pairs are never negative), so this model's optimum, or its proven
    bound, is a lower bound on the best plan with pairs; with no pair variables it
    solves about as fast as the plan of straight sets.
    """
    savings = {d: best_savings(pairs) for d, pairs in data.pairs.items()}
    m = RuleModel(replace(data, pairs={}), savings=savings)
    for rule in HARD_RULES:
        if rule.add is not None:
            rule.add(m)
    soft = [r.penalty(m) for r in SOFT_RULES if r.name not in TIME_READING_RULES]
    m.objective = sum(weight * expr for weight, expr in soft)
    m.model.minimize(m.objective)
    return m
