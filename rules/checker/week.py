"""Checks of the week's shape: known exercises, equipment, focus, hip thrusts, session
size and time, heavy days, weekly sets, balance, order and supersets.
"""

from __future__ import annotations

from collections.abc import Iterator

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.rules.checker.reading import (
    Violation,
    each,
    entry_exercise,
    per_item,
    per_session,
    program_sessions,
    trial_week,
    trials,
)
from thrustplan.rules.eligibility import unfit_reason
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import ExerciseEntry, Program
from thrustplan.rules.sessions import (
    Role,
    leads_with_main_lift,
    role_of,
    thrust_sessions_needed,
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


def check_known_exercises(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every exercise of the plan is in the catalogue it was planned from."""

    def unknown(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        return (
            (i, f"not in catalogue {catalogue.name!r}") for i in session.items if not i.exercise
        )

    return per_item(program, catalogue, "known_exercises", unknown)


def check_equipment_and_limitations(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Only exercises the client has the equipment for, allowed by their limitations."""

    def excluded(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        for item in session.items:
            if item.exercise and (why := unfit_reason(item.exercise, program.profile)):
                yield item, why

    return per_item(program, catalogue, "equipment_and_limitations", excluded)


def check_split_focus(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Each session holds only patterns its focus allows."""
    for week, session in program_sessions(program):
        allowed = FOCUS_PATTERNS.get(session.focus)
        if allowed is None:
            yield Violation(
                "split_focus", f"unknown focus {session.focus!r}", week.number, session.day
            )
            continue
        for entry in session.exercises:
            exercise = entry_exercise(entry, catalogue)
            if exercise and exercise.pattern not in allowed:
                yield Violation(
                    "split_focus",
                    f"a {exercise.pattern} exercise on a {session.focus} day",
                    week.number,
                    session.day,
                    entry.exercise_id,
                )


def check_one_hip_thrust_per_session(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """At most one hip-thrust-family exercise per session."""

    def problem(session: TrialSession) -> str | None:
        thrusts = hip_thrusts(session)
        ids = ", ".join(e.exercise_id for e in thrusts)
        return f"{len(thrusts)} hip thrusts: {ids}" if len(thrusts) > 1 else None

    return per_session(program, catalogue, "one_hip_thrust_per_session", problem)


def check_hip_thrust_every_week(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A hip thrust in most sessions of a week for the glutes goal, in one otherwise."""
    for week in program.weeks:
        needed = thrust_sessions_needed(program.profile.goal, len(week.sessions))
        count = hip_thrust_sessions(trial_week(week, catalogue))
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

    return per_session(program, catalogue, "session_size", problem)


def check_session_fits_time(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Each session, warm-up included, fits the client's minutes."""
    budget = program.profile.session_minutes

    def problem(session: TrialSession) -> str | None:
        seconds = session_seconds(session)
        if fits_time(seconds, budget):
            return None
        return f"takes {WARM_UP_MINUTES + seconds / 60:.0f} minutes; the client has {budget}"

    return per_session(program, catalogue, "session_fits_time", problem)


def check_heavy_sessions_apart(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No heavy hip thrust or heavy hinge on consecutive days, across weeks too."""
    sessions = [session for _, session in trials(program, catalogue)]
    for session in heavy_back_to_back(sessions):
        yield Violation(
            "heavy_sessions_apart",
            "heavy hip-thrust or hinge work the day after another heavy session",
            session.week,
            session.day,
        )


def check_weekly_sets_ceiling(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No muscle above the level's maximum weekly sets (secondary muscles count half, and
    in a glute programme so do the glutes in squats, lunges and hinges)."""
    level, goal = program.profile.level, program.profile.goal
    for week in program.weeks:
        for muscle, sets in sets_over_ceiling(trial_week(week, catalogue), level, goal).items():
            yield Violation(
                "weekly_sets_ceiling",
                f"{muscle} gets {sets:g} sets; a {level} maximum is {MAX_WEEKLY_SETS[level]}",
                week.number,
            )


def check_full_body_balance(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """General and hypertrophy weeks hold a push, a pull, a squat or lunge, a hinge or knee
    flexion, and core work."""
    for week in program.weeks:
        for group in missing_balance(trial_week(week, catalogue), program.profile.goal):
            yield Violation("full_body_balance", f"no {group} exercise this week", week.number)


def check_no_exercise_twice_in_session(
    program: Program, catalogue: Catalogue
) -> Iterator[Violation]:
    """No exercise twice in one session."""
    found = each(repeated_exercises, "appears twice")
    return per_item(program, catalogue, "no_exercise_twice_in_session", found)


def _after_main_lifts(program: Program, before: list[list[Exercise | None]]) -> bool:
    """Whether every step before a strength plan's hip thrust holds one of its main lifts
    (a pair that holds one keeps the lift's place: ``supersets_non_competing`` is the rule
    that reports the pair itself)."""
    if not leads_with_main_lift(program.profile.goal):
        return False
    return all(
        any(
            x is not None
            and role_of(x, program.profile.goal, program.profile.rep_maxes) is Role.MAIN
            for x in group
        )
        for group in before
    )


def check_hip_thrust_early(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A hip-thrust-family exercise is at order 1 or 2 (its superset group first or
    second); in a strength plan it may instead come straight after the steps that hold the
    day's main lifts."""

    def late(session: TrialSession) -> Iterator[tuple[TrialItem, str]]:
        groups = steps(session)
        for position, item in late_hip_thrusts(session):
            before = [[x.exercise for x in group] for group in groups[: position - 1]]
            if not _after_main_lifts(program, before):
                yield item, f"at position {position}; it belongs first or second"

    return per_item(program, catalogue, "hip_thrust_early", late)


def check_compound_before_isolation(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No compound exercise after an isolation one (superset pairs count as one step)."""
    found = each(compounds_after_isolation, "a compound after isolation work")
    return per_item(program, catalogue, "compound_before_isolation", found)


def _superset_problems(
    group: list[ExerciseEntry], catalogue: Catalogue, profile: ClientProfile
) -> Iterator[str]:
    letter = group[0].superset
    if len(group) != 2:
        yield f"superset {letter} has {len(group)} exercises; a pair has two"
        return
    a, b = group
    if b.order != a.order + 1:
        yield f"superset {letter} is split: orders {a.order} and {b.order}, not back to back"
    if a.sets != b.sets:
        yield f"superset {letter} pairs {a.sets} sets with {b.sets}; a pair shares every rest"
    first, second = entry_exercise(a, catalogue), entry_exercise(b, catalogue)
    if first is None or second is None:
        return
    if why := pairing_problem(first, second, profile.goal, profile.rep_maxes):
        yield f"superset {letter} competes: {why}"


def check_supersets_non_competing(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Supersets only when the profile asks for them; each is two exercises back to back,
    with the same sets, that do not compete (no prime mover or pattern in common, never
    the hip thrust, a heavy hinge or one of the plan's main lifts)."""
    for week, session in program_sessions(program):
        groups: dict[str, list[ExerciseEntry]] = {}
        for entry in sorted(session.exercises, key=lambda e: e.order):
            if entry.superset:
                groups.setdefault(entry.superset, []).append(entry)
        for group in groups.values():
            problems = list(_superset_problems(group, catalogue, program.profile))
            if not program.profile.pairs_exercises:
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
