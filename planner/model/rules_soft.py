"""The soft rules of the weekly model, one ``penalise_<rule>`` each: a weight and a
penalty that the objective sums. The docstring states the rule as a trainer would; the
registry is ``rulebook.SOFT_RULES``.
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from thrustplan.exercise_db.models import Level
from thrustplan.planner.model.candidates import MAX_SETS, Candidate
from thrustplan.planner.model.rule_model import RuleModel, session_seconds
from thrustplan.rules.goals import Goal
from thrustplan.rules.prescription import is_main_lift
from thrustplan.rules.sessions import HEAVY_LOWER_PATTERNS, STAPLES, Role
from thrustplan.rules.timing import WARM_UP_MINUTES
from thrustplan.rules.volume import BAND_TOP
from thrustplan.rules.week_rules import MAX_EXERCISES_PER_SESSION

#: Points per half-set off the volume target band, on top of the shortfall weighting: far
#: more than a lapse of any other soft rule costs, and than the priority weighting can
#: trade, so the plan is first as close to every target as the rules allow (never further
#: than a simple greedy fill, ``benchmarks/solve.py``) and the other goals choose among
#: such plans.
VOLUME_FIRST = 100
#: What a point of ``volume_near_target``'s shortfall and excess weighs in the objective.
VOLUME_WEIGHT = 30
#: Objective points per half-set of a target band left unused: enough to buy productive
#: sets with spare minutes, too little to trade against anything a trainer would notice.
#: A third of a volume point: at a whole point, the solver spent much of its work on the
#: grid proving which muscle's band a session's last minutes should go to
#: (docs/solver-design.md, "The band's point").
BAND_WEIGHT = 10
#: The unit ``volume_near_target`` is counted in, so that both weights are whole numbers.
_VOLUME_UNIT = math.gcd(VOLUME_WEIGHT, BAND_WEIGHT)
#: Points per half-set beyond the band: little, since the weekly ceiling is the hard
#: limit and a coach would rather fill the client's hour than send them home early.
OVER_BAND_POINTS = 2
#: The share the model aims at: a few points above, since later blocks swap in variations
#: whose rests and set times differ, and the plan's median session must still reach
#: ``thrustplan.rules.timing.TIME_USED_PERCENT``.
TIME_AIM_PERCENT = 78
#: Sessions within this many minutes of each other count as even.
EVEN_ENOUGH_MINUTES = 5
#: The weights of the rules that price each exercise chosen and each slot left empty;
#: ``planner.model.cuts`` bounds their sum in a session by the sets it holds.
FIT_WEIGHT = 30
LEVEL_WEIGHT = 180
EMPTY_SLOT_WEIGHT = 100


Penalty = tuple[int, cp_model.LinearExprT]


def penalise_volume_error(m: RuleModel) -> Penalty:
    """Weekly sets per muscle on target, first among the soft goals: every half-set below
    the target costs a hundred points and twice the muscle's priority weight; every
    half-set above the productive band (the target and half as much again) two points.
    Sets count where the muscle is a prime mover; a synergist's half-sets count only up
    to the prime-mover sets, so they never fill a target alone (Schoenfeld, Ogborn &
    Krieger 2017 counted direct sets). Inside the band, each half-set left unused costs
    a third of a point: where time allows, more sets still bring a little more growth.
    Penalty in half-sets, counted in thirds of a point."""
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
        off = (VOLUME_FIRST + 2 * weight) * under + OVER_BAND_POINTS * over
        terms.append(VOLUME_WEIGHT // _VOLUME_UNIT * off)
        terms.append(BAND_WEIGHT // _VOLUME_UNIT * (band - headroom))
    return _VOLUME_UNIT, sum(terms)


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


def penalise_lift_on_consecutive_days(m: RuleModel) -> Penalty:
    """Variety from one day to the next: a loaded compound lift in the sessions of two
    consecutive days (a Smith-machine bench press on Friday's upper day and again in
    Saturday's full-body session) costs a point, so the second day takes a sibling
    variation where the kit has one, as a coach varies a lift done again within a day."""
    v = m.vars
    days = m.data.split.days
    repeats: list[cp_model.IntVar] = []
    for a in v.days:
        for b in v.days:
            if days[a].day.days_until(days[b].day) != 1:
                continue
            both = {c.id for c in v.options(a)} & {c.id for c in v.options(b)}
            for c in v.candidates():
                if c.id in both and is_main_lift(c.exercise):
                    repeat = m.model.new_bool_var(f"next_day[{a},{b},{c.id}]")
                    m.model.add(repeat >= v.is_assigned(a, c) + v.is_assigned(b, c) - 1)
                    repeats.append(repeat)
    return 60, sum(repeats)


#: Sessions a week a trained hypertrophy client does one loaded lift before a third costs.
SAME_LIFT_SESSIONS = 2


def penalise_lift_thrice_a_week(m: RuleModel) -> Penalty:
    """Variety across a hypertrophy week: a trained client's loaded compound in a third
    session of the week costs two points, so the third press or pull is a sibling
    variation (an incline press, a cable row) where the kit has one. Double progression
    gives every session of a lift the same sets, reps and load, so a six-day week pressed
    on the same machine 3 x 6 on Tuesday, Thursday and Saturday; a coach varies the
    exercise for the parts of a muscle one lift misses. Beginners keep their lifts,
    repetition being how they learn them, and so do full-body weeks, as full-body
    programmes write them."""
    profile = m.data.profile
    full_body = m.data.split.full_body
    if profile.goal is not Goal.HYPERTROPHY or profile.level is Level.BEGINNER or full_body:
        return 0, 0
    v = m.vars
    extras: list[cp_model.IntVar] = []
    for c in v.candidates():
        if not is_main_lift(c.exercise):
            continue
        days = [d for d in v.days if c in v.options(d)]
        if len(days) > SAME_LIFT_SESSIONS:
            extra = m.model.new_int_var(0, len(days), f"third_session[{c.id}]")
            m.model.add(extra >= sum(v.is_assigned(d, c) for d in days) - SAME_LIFT_SESSIONS)
            extras.append(extra)
    # Two points: at one, a six-day week paid it for a third lat pulldown once the band's
    # point was cut to a third (docs/solver-design.md, "The band's point").
    return 120, sum(extras)


def penalise_rungs_apart(m: RuleModel) -> Penalty:
    """One rung of a body-weight ladder a week, give or take one: floor push-ups on
    Tuesday beside knee push-ups on Friday are a hard and an easy day, but beside wall
    push-ups, three rungs easier, one of the two is out of the client's reach or does
    nothing for them. Each such pair in the week costs a point."""
    v = m.vars
    used: dict[str, cp_model.IntVar] = {}

    def in_week(c: Candidate) -> cp_model.IntVar:
        if c.id not in used:
            used[c.id] = m.model.new_bool_var(f"in_week[{c.id}]")
            for d in v.days:
                m.model.add_implication(v.is_assigned(d, c), used[c.id])
        return used[c.id]

    apart: list[cp_model.IntVar] = []
    for a, b in m.data.far_rungs:
        both = m.model.new_bool_var(f"rungs_apart[{a.id},{b.id}]")
        m.model.add(both >= in_week(a) + in_week(b) - 1)
        apart.append(both)
    return 60, sum(apart)


def penalise_exercise_fit(m: RuleModel) -> Penalty:
    """Prefer exercises that serve a programme best: compounds with a load that can climb."""
    v = m.vars
    return FIT_WEIGHT, sum(c.cost * v.is_assigned(d, c) for d in v.days for c in v.candidates())


def penalise_level_mismatch(m: RuleModel) -> Penalty:
    """Exercises suited to the client's level; each level above theirs costs."""
    v = m.vars
    return LEVEL_WEIGHT, sum(
        c.level_gap * v.is_assigned(d, c) for d in v.days for c in v.candidates()
    )


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
    return 10, sum(sum(v.supersets(d)) for d in v.days)


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
    return EMPTY_SLOT_WEIGHT, sum(empty)


def penalise_unused_time(m: RuleModel) -> Penalty:
    """Use the client's time: each whole minute a session falls short of three quarters
    of the client's minutes and a little more (:data:`TIME_AIM_PERCENT`), warm-up
    included, costs a point."""
    minutes = m.data.profile.session_minutes
    # Rounded up: the review measures three quarters exactly, so 67 of 90 minutes misses.
    goal_seconds = 60 * (-(-minutes * TIME_AIM_PERCENT // 100) - WARM_UP_MINUTES)
    short: list[cp_model.IntVar] = []
    for d in m.vars.days:
        missing = m.model.new_int_var(0, minutes, f"short_minutes[{d}]")
        m.model.add(60 * missing >= goal_seconds - session_seconds(m, d))
        short.append(missing)
    return 150, sum(short)


def penalise_stacked_heavy_lower(m: RuleModel) -> Penalty:
    """One heavy lower-body lift a session: a second main squat or hinge (a deadlift after
    the day's heavy squats) costs as much as a set of volume, so that a week with a lower
    day for each gives each its own day, as GZCLP and 5/3/1 do. A lift on its light day
    beside another's heavy one costs half that: a week with fewer such days than heavy
    lifts still holds them all, and puts a light day beside a heavy one (GZCLP's T1 and
    T2 of a day), but a week with a day to spare gives the light day its own."""
    v = m.vars
    heavy = [
        c
        for c in v.candidates()
        if c.role is Role.MAIN and c.exercise.pattern in HEAVY_LOWER_PATTERNS
    ]
    extras: list[cp_model.IntVar] = []
    for d in v.days:
        # In halves: a heavy lift counts two, one on its light day
        # (``WeekVariables.is_repeat``) one; the session's first heavy lift is free.
        here = [2 * v.is_assigned(d, c) - v.is_repeat(d, c) for c in heavy if c in v.options(d)]
        if len(here) > 1:
            extra = m.model.new_int_var(0, 2 * len(here), f"stacked_heavy_lower[{d}]")
            m.model.add(extra >= sum(here) - 2)
            extras.append(extra)
    # Half a set: one half-set short of a target of priority weight 1.
    return VOLUME_WEIGHT * (VOLUME_FIRST + 2), sum(extras)


def penalise_missing_staples(m: RuleModel) -> Penalty:
    """For the glutes goal, the kit's staples are used: a back extension or a kettlebell
    swing, and the leg-curl machine (``rules.sessions.STAPLES``); a point for each the
    client has and the week leaves out."""
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
    return 30_000, sum(missing)
