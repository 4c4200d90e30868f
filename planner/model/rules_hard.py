"""The hard rules of the weekly model, one ``add_<rule>`` each: the docstring states the
rule as a trainer would; the constraints are added under the rule's guard
(:meth:`~thrustplan.planner.model.rule_model.RuleModel.require`), so that an impossible
request can name the rules in conflict. The registry is ``rulebook.HARD_RULES``.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from thrustplan.planner.model.rule_model import RuleModel, session_seconds
from thrustplan.rules.goals import Goal
from thrustplan.rules.sessions import (
    GLUTE_MUSCLES,
    PULL,
    PULL_PUSH_BOUNDS,
    PUSH,
    STRENGTH_MAIN_LIFTS,
    strength_lift_sessions,
    thrust_sessions_needed,
    variant_key,
)
from thrustplan.rules.volume import ceiling_half_sets
from thrustplan.rules.week_rules import (
    BALANCE_GROUPS,
    BALANCED_GOALS,
    MAX_EXERCISES_PER_SESSION,
    MIN_EXERCISES_PER_SESSION,
    work_budget_seconds,
)


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


def add_hinge_every_week(m: RuleModel) -> None:
    """A hip hinge every week (a deadlift, a Romanian deadlift, a back extension, a swing)
    whenever the client can do any: with the squat, the push and the pull, one of the
    patterns every programme trains."""
    v = m.vars
    uses = [
        v.is_assigned(d, c) for d in v.days for c in v.options(d) if c.exercise.pattern == "hinge"
    ]
    if uses:
        m.require(sum(uses) >= 1)


def _weekly_sets(m: RuleModel, patterns: frozenset[str]) -> cp_model.LinearExpr:
    v = m.vars
    return cp_model.LinearExpr.sum(
        [v.sets_of(d, c) for d in v.days for c in v.options(d) if c.exercise.pattern in patterns]
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
    press twice a week, deadlift and overhead press at least once (each once in a two-day
    week, and fewer only when fewer days can hold them). Beginners too: Starting Strength
    and GZCLP are beginners' programmes built on exactly these lifts."""
    if m.data.profile.goal is not Goal.STRENGTH:
        return
    v = m.vars
    for c in v.candidates():
        if c.id in STRENGTH_MAIN_LIFTS:
            uses = [v.is_assigned(d, c) for d in v.days if c in v.options(d)]
            if uses:
                needed = strength_lift_sessions(c.id, len(v.days))
                m.require(sum(uses) >= min(needed, len(uses)))


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
    (secondary muscles count half, and in a glute programme so do the glutes in squats,
    lunges and hinges)."""
    v = m.vars
    ceiling = 2 * m.data.max_weekly_sets
    goal = m.data.profile.goal
    halves = {c.id: ceiling_half_sets(c.exercise, goal) for c in v.candidates()}
    muscles = sorted({muscle for shares in halves.values() for muscle in shares})
    for muscle in muscles:
        m.require(
            sum(
                v.sets_of(d, c) * halves[c.id][muscle]
                for d in v.days
                for c in v.candidates()
                if muscle in halves[c.id]
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
