"""The independent checker: every hard rule recomputed from a finished programme alone.

It reads only a :class:`~thrustplan.rules.program.Program` and the catalogue; it never calls the
solver, so a bug in the model cannot hide a broken plan. ``thrustplan check``, the tests
and the batch runner all use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.rules.bodyweight import rep_ceiling
from thrustplan.rules.eligibility import exclusion_reason, unfit_reason
from thrustplan.rules.goals import Goal
from thrustplan.rules.populations import (
    CLEARANCE,
    PREGNANCY,
    PREGNANCY_MIN_RIR,
    PREGNANCY_WARNING_SIGNS,
    avoided_stresses,
    is_max_test,
    limitation_rep_ceiling,
    past_first_trimester,
)
from thrustplan.rules.program import ExerciseEntry, Program, Session, Week
from thrustplan.rules.sessions import (
    GLUTE_MUSCLES,
    PULL,
    PUSH,
    STRENGTH_MAIN_LIFTS,
    Role,
    day_patterns,
    leads_with_main_lift,
    pull_push_problem,
    role_of,
    skeleton,
    slot_fillers,
    thrust_sessions_needed,
    variant_key,
)
from thrustplan.rules.split import FOCUS_PATTERNS
from thrustplan.rules.supersets import pairing_problem
from thrustplan.rules.timing import WARM_UP_MINUTES
from thrustplan.rules.volume import MAX_WEEKLY_SETS
from thrustplan.rules.week_rules import (
    MAX_EXERCISES_PER_SESSION,
    MIN_EXERCISES_PER_SESSION,
    TrialItem,
    TrialSession,
    compounds_after_isolation,
    fits_time,
    heavy_back_to_back,
    hip_thrust_sessions,
    hip_thrusts,
    late_hip_thrusts,
    missing_balance,
    repeated_exercises,
    session_seconds,
    session_size_fits,
    sets_over_ceiling,
    steps,
)


@dataclass(frozen=True)
class Violation:
    """One broken rule, located to the week, the session and the exercise."""

    rule: str
    message: str
    week: int | None = None
    day: str | None = None
    exercise_id: str | None = None

    def __str__(self) -> str:
        where = " ".join(
            part
            for part in (
                f"week {self.week}" if self.week else "",
                self.day or "",
                self.exercise_id or "",
            )
            if part
        )
        return (
            f"[{self.rule}] {where}: {self.message}" if where else f"[{self.rule}] {self.message}"
        )


Check = Callable[[Program, Catalogue], Iterator[Violation]]


def _sessions(program: Program) -> Iterator[tuple[Week, Session]]:
    for week in program.weeks:
        for session in week.sessions:
            yield week, session


def _exercise(entry: ExerciseEntry, catalogue: Catalogue) -> Exercise | None:
    return catalogue.get(entry.exercise_id)


def trial_session(session: Session, week: int, catalogue: Catalogue) -> TrialSession:
    """A programme session as the rules in :mod:`thrustplan.rules.week_rules` read it."""
    items = tuple(
        TrialItem(e.exercise_id, _exercise(e, catalogue), e.sets, e.rest_seconds, e.superset)
        for e in sorted(session.exercises, key=lambda e: e.order)
    )
    return TrialSession(session.day, items, week)


def _trials(program: Program, catalogue: Catalogue) -> Iterator[tuple[Week, TrialSession]]:
    for week, session in _sessions(program):
        yield week, trial_session(session, week.number, catalogue)


def _trial_week(week: Week, catalogue: Catalogue) -> list[TrialSession]:
    return [trial_session(s, week.number, catalogue) for s in week.sessions]


def _week_work(week: Week, catalogue: Catalogue) -> list[tuple[Exercise, int]]:
    """Every (exercise, sets) of the week, exercises the catalogue lacks left out."""
    items = [item for session in _trial_week(week, catalogue) for item in session.items]
    return [(item.exercise, item.sets) for item in items if item.exercise is not None]


ItemProblems = Callable[[TrialSession], Iterable[tuple[TrialItem, str]]]


def _per_item(
    program: Program, catalogue: Catalogue, rule: str, problems: ItemProblems
) -> Iterator[Violation]:
    """A violation of ``rule``, located to its exercise, for each (item, message) that
    ``problems`` finds in a session of the programme."""
    for week, session in _trials(program, catalogue):
        for item, message in problems(session):
            yield Violation(rule, message, week.number, session.day, item.exercise_id)


def _each(found: Callable[[TrialSession], Iterable[TrialItem]], message: str) -> ItemProblems:
    """The items ``found`` in a session, each with the same ``message``."""
    return lambda session: ((item, message) for item in found(session))


def check_known_exercises(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every exercise of the plan is in the catalogue it was planned from."""

    def unknown(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        return (
            (i, f"not in catalogue {catalogue.name!r}") for i in session.items if not i.exercise
        )

    return _per_item(program, catalogue, "known_exercises", unknown)


def check_equipment_and_limitations(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Only exercises the client has the equipment for, allowed by their limitations."""

    def excluded(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        for item in session.items:
            if item.exercise and (why := unfit_reason(item.exercise, program.profile)):
                yield item, why

    return _per_item(program, catalogue, "equipment_and_limitations", excluded)


def check_split_focus(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Each session holds only patterns its focus allows."""
    for week, session in _sessions(program):
        allowed = FOCUS_PATTERNS.get(session.focus)
        if allowed is None:
            yield Violation(
                "split_focus", f"unknown focus {session.focus!r}", week.number, session.day
            )
            continue
        for entry in session.exercises:
            exercise = _exercise(entry, catalogue)
            if exercise and exercise.pattern not in allowed:
                yield Violation(
                    "split_focus",
                    f"a {exercise.pattern} exercise on a {session.focus} day",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


def _per_session(
    program: Program, catalogue: Catalogue, rule: str, problem: Callable[[TrialSession], str | None]
) -> Iterator[Violation]:
    """A violation of ``rule``, located to its session, for each session of the programme
    in which ``problem`` finds something wrong."""
    for week, session in _trials(program, catalogue):
        if message := problem(session):
            yield Violation(rule, message, week.number, session.day)


def check_one_hip_thrust_per_session(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """At most one hip-thrust-family exercise per session."""

    def problem(session: TrialSession) -> str | None:
        thrusts = hip_thrusts(session)
        ids = ", ".join(e.exercise_id for e in thrusts)
        return f"{len(thrusts)} hip thrusts: {ids}" if len(thrusts) > 1 else None

    return _per_session(program, catalogue, "one_hip_thrust_per_session", problem)


def check_hip_thrust_every_week(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A hip thrust in most sessions of a week for the glutes goal, in one otherwise."""
    for week in program.weeks:
        needed = thrust_sessions_needed(program.profile.goal, len(week.sessions))
        count = hip_thrust_sessions(_trial_week(week, catalogue))
        if count < needed:
            yield Violation(
                "hip_thrust_every_week",
                f"hip thrust in {count} sessions; the {program.profile.goal} goal needs {needed}",
                week.number,
            )


def check_session_size(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Three to eight exercises per session."""

    def problem(session: TrialSession) -> str | None:
        if session_size_fits(n := len(session.items)):
            return None
        bounds = f"{MIN_EXERCISES_PER_SESSION} to {MAX_EXERCISES_PER_SESSION}"
        return f"{n} exercises; a session holds {bounds}"

    return _per_session(program, catalogue, "session_size", problem)


def check_session_fits_time(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Each session, warm-up included, fits the client's minutes."""
    budget = program.profile.session_minutes

    def problem(session: TrialSession) -> str | None:
        seconds = session_seconds(session)
        if fits_time(seconds, budget):
            return None
        return f"takes {WARM_UP_MINUTES + seconds / 60:.0f} minutes; the client has {budget}"

    return _per_session(program, catalogue, "session_fits_time", problem)


def check_heavy_sessions_apart(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No heavy hip thrust or heavy hinge on consecutive days, across weeks too."""
    sessions = [session for _, session in _trials(program, catalogue)]
    for session in heavy_back_to_back(sessions):
        yield Violation(
            "heavy_sessions_apart",
            "heavy hip-thrust or hinge work the day after another heavy session",
            session.week,
            session.day,
        )


def check_weekly_sets_ceiling(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No muscle above the level's maximum weekly sets (secondary muscles count half)."""
    level = program.profile.level
    for week in program.weeks:
        for muscle, sets in sets_over_ceiling(_trial_week(week, catalogue), level).items():
            yield Violation(
                "weekly_sets_ceiling",
                f"{muscle} gets {sets:g} sets; a {level} maximum is {MAX_WEEKLY_SETS[level]}",
                week.number,
            )


def check_full_body_balance(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """General and hypertrophy weeks hold a push, a pull, a squat or lunge, a hinge or knee
    flexion, and core work."""
    for week in program.weeks:
        for group in missing_balance(_trial_week(week, catalogue), program.profile.goal):
            yield Violation("full_body_balance", f"no {group} exercise this week", week.number)


def check_no_exercise_twice_in_session(
    program: Program, catalogue: Catalogue
) -> Iterator[Violation]:
    """No exercise twice in one session."""
    found = _each(repeated_exercises, "appears twice")
    return _per_item(program, catalogue, "no_exercise_twice_in_session", found)


def _after_main_lifts(program: Program, before: list[list[Exercise | None]]) -> bool:
    """Whether every step before a strength plan's hip thrust is one of its main lifts."""
    if not leads_with_main_lift(program.profile.goal):
        return False
    return all(
        x is not None and role_of(x, program.profile.goal, program.profile.rep_maxes) is Role.MAIN
        for group in before
        for x in group
    )


def check_hip_thrust_early(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A hip-thrust-family exercise is at order 1 or 2 (its superset group first or
    second); in a strength plan it may instead come straight after the day's main lifts."""

    def late(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        groups = steps(session)
        for position, item in late_hip_thrusts(session):
            before = [[x.exercise for x in group] for group in groups[: position - 1]]
            if not _after_main_lifts(program, before):
                yield item, f"at position {position}; it belongs first or second"

    return _per_item(program, catalogue, "hip_thrust_early", late)


def check_compound_before_isolation(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No compound exercise after an isolation one (superset pairs count as one step)."""
    found = _each(compounds_after_isolation, "a compound after isolation work")
    return _per_item(program, catalogue, "compound_before_isolation", found)


def _superset_problems(group: list[ExerciseEntry], catalogue: Catalogue) -> Iterator[str]:
    letter = group[0].superset
    if len(group) != 2:
        yield f"superset {letter} has {len(group)} exercises; a pair has two"
        return
    a, b = group
    if b.order != a.order + 1:
        yield f"superset {letter} is split: orders {a.order} and {b.order}, not back to back"
    if a.sets != b.sets:
        yield f"superset {letter} pairs {a.sets} sets with {b.sets}; a pair shares every rest"
    first, second = _exercise(a, catalogue), _exercise(b, catalogue)
    if first is not None and second is not None and (why := pairing_problem(first, second)):
        yield f"superset {letter} competes: {why}"


def check_supersets_non_competing(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Supersets only when the profile asks for them; each is two exercises back to back,
    with the same sets, that do not compete (no prime mover or pattern in common, never
    the hip thrust or a heavy hinge)."""
    for week, session in _sessions(program):
        groups: dict[str, list[ExerciseEntry]] = {}
        for entry in sorted(session.exercises, key=lambda e: e.order):
            if entry.superset:
                groups.setdefault(entry.superset, []).append(entry)
        for group in groups.values():
            problems = list(_superset_problems(group, catalogue))
            if not program.profile.supersets:
                problems.insert(
                    0, f"superset {group[0].superset}: the profile did not ask for supersets"
                )
            for problem in problems:
                yield Violation(
                    "supersets_non_competing",
                    problem,
                    week.number,
                    session.day,
                    group[0].exercise_id,
                )


def check_prescriptions(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Orders run 1..n; target reps sit inside the range; a load has a unit."""
    for week, session in _sessions(program):
        orders = sorted(e.order for e in session.exercises)
        if orders != list(range(1, len(orders) + 1)):
            yield Violation(
                "prescriptions", f"orders {orders} are not 1..n", week.number, session.day
            )
        for entry in session.exercises:
            problems = []
            if not entry.reps_min <= entry.target_reps <= entry.reps_max:
                problems.append(
                    f"target {entry.target_reps} reps outside {entry.reps_min}-{entry.reps_max}"
                )
            if (entry.load is None) != (entry.load_unit is None):
                problems.append("a load needs a unit and a unit needs a load")
            if entry.load is not None and entry.load <= 0:
                problems.append(f"load {entry.load} is not positive")
            for problem in problems:
                yield Violation(
                    "prescriptions", problem, week.number, session.day, entry.exercise_id
                )


def _pregnant(program: Program) -> bool:
    return PREGNANCY in program.profile.limitations


def check_pregnancy_positions(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, once the plan reaches the second trimester, nothing lying flat on the
    back or on the belly (ACOG Committee Opinion 804)."""
    profile = program.profile
    if not _pregnant(program) or not past_first_trimester(profile.pregnancy_week, profile.weeks):
        return
    later = avoided_stresses(PREGNANCY) - avoided_stresses(PREGNANCY, after_first_trimester=False)
    for week, session in _sessions(program):
        for entry in session.exercises:
            exercise = _exercise(entry, catalogue)
            lying = sorted(set(exercise.stresses) & later) if exercise else []
            if lying:
                yield Violation(
                    "pregnancy_positions",
                    f"{', '.join(lying)} after the first trimester",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


def check_pregnancy_effort(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, every set leaves at least 3 reps in reserve (ACOG 804; Mottola 2018)."""
    if not _pregnant(program):
        return
    for week, session in _sessions(program):
        for entry in session.exercises:
            if entry.rir < PREGNANCY_MIN_RIR:
                yield Violation(
                    "pregnancy_effort",
                    f"RIR {entry.rir}; pregnancy needs {PREGNANCY_MIN_RIR} or more",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


def check_pregnancy_no_max_tests(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, no rep-max test anywhere (ACOG 804)."""
    if not _pregnant(program):
        return
    for week, session in _sessions(program):
        for entry in session.exercises:
            if is_max_test(entry.notes):
                yield Violation(
                    "pregnancy_no_max_tests",
                    "asks for a rep-max test",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


def check_pregnancy_warning_signs(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, the plan carries the page of warning signs and the call for a
    clinician's clearance (ACOG 804)."""
    if not _pregnant(program):
        return
    pages = [c for c in program.cautions if c.limitation == PREGNANCY]
    text = " ".join(f"{c.intro} {' '.join(c.items)}" for c in pages)
    missing = [sign for sign in PREGNANCY_WARNING_SIGNS if sign not in text]
    if CLEARANCE not in text:
        missing.insert(0, "clinician's clearance")
    if missing:
        yield Violation("pregnancy_warning_signs", f"the safety page lacks: {', '.join(missing)}")


def check_rep_ceilings(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No unloaded upper-body set above its ceiling (pull-ups 12, hard push-ups 15, easy
    ones 20) and, for sore knees, no lunge set above 12 reps."""
    limitations = program.profile.limitations
    for week, session in _sessions(program):
        for entry in session.exercises:
            exercise = _exercise(entry, catalogue)
            if exercise is None or entry.timed:
                continue
            ceilings = [rep_ceiling(exercise), limitation_rep_ceiling(exercise, limitations)]
            ceiling = min((c for c in ceilings if c is not None), default=None)
            if ceiling is not None and max(entry.target_reps, entry.reps_max) > ceiling:
                yield Violation(
                    "rep_ceilings",
                    f"{entry.target_reps} reps (range to {entry.reps_max}); at most {ceiling}",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


#: Every hard rule's check, by the rule's name in ``thrustplan.planner.model.rulebook.HARD_RULES``.


def _options(program: Program, session: Session, catalogue: Catalogue) -> list[Exercise]:
    """Exercises the client may do that the session's focus and skeleton admit."""
    focus = FOCUS_PATTERNS.get(session.focus, frozenset())
    patterns = focus & day_patterns(program.profile.goal, session.focus)
    return [
        x
        for x in catalogue.values()
        if x.pattern in patterns and exclusion_reason(x, program.profile) is None
    ]


def _session_exercises(session: Session, catalogue: Catalogue) -> list[Exercise]:
    return [x for e in session.exercises if (x := _exercise(e, catalogue)) is not None]


def check_session_skeleton(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every slot a coach insists on is filled when the client can do an exercise for it
    (a main slot by a loaded compound when there is one)."""
    for week, session in _sessions(program):
        options = _options(program, session, catalogue)
        done = {x.id for x in _session_exercises(session, catalogue)}
        for slot in skeleton(program.profile.goal, session.focus):
            fillers = slot_fillers(slot, options) if slot.insisted else []
            if fillers and not done & {x.id for x in fillers}:
                yield Violation(
                    "session_skeleton",
                    f"no {slot.name}, though the client can do {fillers[0].name.lower()}",
                    week.number,
                    session.day,
                )


def check_no_duplicate_variants(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Never two variants of one movement in a session."""
    for week, session in _sessions(program):
        seen: dict[str, str] = {}
        for x in _session_exercises(session, catalogue):
            key = variant_key(x)
            if key in seen:
                yield Violation(
                    "no_duplicate_variants",
                    f"a second {key.replace('_', ' ')} movement after {seen[key]}",
                    week.number,
                    session.day,
                    x.id,
                )
            seen.setdefault(key, x.id)


def _trains_glutes(x: Exercise) -> bool:
    return bool(set(x.primary_muscles) & GLUTE_MUSCLES)


def check_glute_move_every_session(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """For the glutes goal, every session trains the glutes as a prime mover, whenever the
    session's focus lets the client do a glute move."""
    if program.profile.goal is not Goal.GLUTES:
        return
    for week, session in _sessions(program):
        if not any(_trains_glutes(x) for x in _options(program, session, catalogue)):
            continue
        if not any(_trains_glutes(x) for x in _session_exercises(session, catalogue)):
            yield Violation(
                "glute_move_every_session", "no glute move in the session", week.number, session.day
            )


def check_abduction_every_week(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """For the glutes goal, hip abduction every week when the client can do any."""
    if program.profile.goal is not Goal.GLUTES:
        return
    for week in program.weeks:
        possible = any(
            x.pattern == "hip_abduction"
            for s in week.sessions
            for x in _options(program, s, catalogue)
        )
        done = any(x.pattern == "hip_abduction" for x, _ in _week_work(week, catalogue))
        if possible and not done:
            yield Violation("abduction_every_week", "no hip abduction this week", week.number)


def check_pull_push_balance(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Weekly pull sets keep up with push sets (normal weeks; a deload halves both)."""
    for week in program.weeks:
        if week.deload:
            continue
        work = _week_work(week, catalogue)
        push = sum(sets for x, sets in work if x.pattern in PUSH)
        pull = sum(sets for x, sets in work if x.pattern in PULL)
        if (problem := pull_push_problem(program.profile.goal, push, pull)) is not None:
            yield Violation("pull_push_balance", problem, week.number)


def _placeable(program: Program, exercise: Exercise, catalogue: Catalogue) -> int:
    """Sessions of the first week that could hold ``exercise``."""
    if exclusion_reason(exercise, program.profile) is not None:
        return 0
    return sum(
        1
        for s in program.weeks[0].sessions
        if exercise.pattern in FOCUS_PATTERNS.get(s.focus, frozenset())
        and exercise.pattern in day_patterns(program.profile.goal, s.focus)
    )


def check_lifts_that_matter(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every lift with a rep max or named a favourite is in at least half of the normal
    weeks, when the client may do it and some session could hold it."""
    normal = [w for w in program.weeks if not w.deload]
    named = sorted({*program.profile.rep_maxes, *program.profile.favourites})
    for lift in named:
        exercise = catalogue.get(lift)
        if exercise is None or not normal or not _placeable(program, exercise, catalogue):
            continue
        weeks = sum(1 for w in normal if any(x.id == lift for x, _ in _week_work(w, catalogue)))
        if 2 * weeks < len(normal):
            yield Violation(
                "lifts_that_matter",
                f"in {weeks} of {len(normal)} normal weeks; the client named it",
                exercise_id=lift,
            )


def check_strength_lifts_weekly(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A strength plan, at any level, holds back squat and bench press twice a week and
    deadlift and overhead press once, as far as the kit and the days allow."""
    profile = program.profile
    if profile.goal is not Goal.STRENGTH or not program.weeks:
        return
    for lift, times in STRENGTH_MAIN_LIFTS.items():
        exercise = catalogue.get(lift)
        placeable = _placeable(program, exercise, catalogue) if exercise else 0
        needed = min(times, placeable)
        for week in program.weeks:
            if week.deload or not needed:
                continue
            done = sum(1 for s in week.sessions for e in s.exercises if e.exercise_id == lift)
            if done < needed:
                yield Violation(
                    "strength_lifts_weekly",
                    f"{done} sessions this week; a strength plan needs {needed}",
                    week.number,
                    exercise_id=lift,
                )


def check_trainer_excludes(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No exercise the trainer excluded in the profile, in any session."""
    excluded = set(program.profile.exclude)
    for week, session in _sessions(program):
        for entry in session.exercises:
            if entry.exercise_id in excluded:
                yield Violation(
                    "trainer_excludes",
                    "the trainer excluded it",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


def _variants(exercise_id: str, catalogue: Catalogue) -> set[str]:
    """``exercise_id`` and every exercise its easier and harder links lead to: the
    variation planner moves bodyweight work along them, block by block."""
    found, todo = {exercise_id}, [exercise_id]
    while todo:
        exercise = catalogue.get(todo.pop())
        for link in (*exercise.easier, *exercise.harder) if exercise else ():
            if link not in found:
                found.add(link)
                todo.append(link)
    return found


def check_trainer_includes(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every exercise the trainer includes is in every normal week, on the weekday named
    when there is one; a harder or easier variation of it counts, as the progression
    moves bodyweight work along them."""
    for wanted in program.profile.include:
        ids = _variants(wanted.exercise, catalogue)
        for week in program.weeks:
            if week.deload:
                continue
            held = any(
                entry.exercise_id in ids
                for s in week.sessions
                if wanted.day in (None, s.day)
                for entry in s.exercises
            )
            if not held:
                where = f" on {wanted.day.value}" if wanted.day else ""
                yield Violation(
                    "trainer_includes",
                    f"the trainer included it{where}; this week does not hold it",
                    week.number,
                    wanted.day.value if wanted.day else None,
                    wanted.exercise,
                )


#: Every hard rule's check, by the rule's name in ``thrustplan.planner.model.rulebook.HARD_RULES``.
CHECKS: dict[str, Check] = {
    "known_exercises": check_known_exercises,
    "equipment_and_limitations": check_equipment_and_limitations,
    "split_focus": check_split_focus,
    "one_hip_thrust_per_session": check_one_hip_thrust_per_session,
    "hip_thrust_every_week": check_hip_thrust_every_week,
    "session_size": check_session_size,
    "session_fits_time": check_session_fits_time,
    "heavy_sessions_apart": check_heavy_sessions_apart,
    "weekly_sets_ceiling": check_weekly_sets_ceiling,
    "full_body_balance": check_full_body_balance,
    "session_skeleton": check_session_skeleton,
    "no_duplicate_variants": check_no_duplicate_variants,
    "glute_move_every_session": check_glute_move_every_session,
    "abduction_every_week": check_abduction_every_week,
    "pull_push_balance": check_pull_push_balance,
    "lifts_that_matter": check_lifts_that_matter,
    "strength_lifts_weekly": check_strength_lifts_weekly,
    "trainer_includes": check_trainer_includes,
    "trainer_excludes": check_trainer_excludes,
    "no_exercise_twice_in_session": check_no_exercise_twice_in_session,
    "hip_thrust_early": check_hip_thrust_early,
    "compound_before_isolation": check_compound_before_isolation,
    "supersets_non_competing": check_supersets_non_competing,
    "prescriptions": check_prescriptions,
    # Held by the prescription and the progression, not by the weekly model.
    "pregnancy_positions": check_pregnancy_positions,
    "pregnancy_effort": check_pregnancy_effort,
    "pregnancy_no_max_tests": check_pregnancy_no_max_tests,
    "pregnancy_warning_signs": check_pregnancy_warning_signs,
    "rep_ceilings": check_rep_ceilings,
}


def check_program(program: Program, catalogue: Catalogue) -> list[Violation]:
    """Every violation of every hard rule, in rule order."""
    return [v for check in CHECKS.values() for v in check(program, catalogue)]
