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
from thrustplan.rules.eligibility import exclusion_reason
from thrustplan.rules.program import ExerciseEntry, Program, Session, Week
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
    minimum_hip_thrust_sessions,
    missing_balance,
    repeated_exercises,
    session_seconds,
    session_size_fits,
    sets_over_ceiling,
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
            if item.exercise and (why := exclusion_reason(item.exercise, program.profile)):
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
    """A hip thrust in at least 2 sessions a week for the glutes goal, 1 otherwise."""
    needed = minimum_hip_thrust_sessions(program.profile.goal)
    for week in program.weeks:
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


def check_hip_thrust_early(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A hip-thrust-family exercise is at order 1 or 2 (its superset group first or second)."""

    def late(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        for position, item in late_hip_thrusts(session):
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
    "no_exercise_twice_in_session": check_no_exercise_twice_in_session,
    "hip_thrust_early": check_hip_thrust_early,
    "compound_before_isolation": check_compound_before_isolation,
    "supersets_non_competing": check_supersets_non_competing,
    "prescriptions": check_prescriptions,
}


def check_program(program: Program, catalogue: Catalogue) -> list[Violation]:
    """Every violation of every hard rule, in rule order."""
    return [v for check in CHECKS.values() for v in check(program, catalogue)]
