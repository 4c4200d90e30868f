"""Checks of how a coach builds sessions and weeks: the skeleton, one variant per
movement, glute work, pull/push balance, the lifts that matter, the trainer's overrides.
"""

from __future__ import annotations

from collections.abc import Iterator

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.rules.checker.reading import (
    Violation,
    entry_exercise,
    program_sessions,
    week_work,
)
from thrustplan.rules.eligibility import exclusion_reason
from thrustplan.rules.goals import Goal
from thrustplan.rules.program import Program, Session
from thrustplan.rules.sessions import (
    GLUTE_MUSCLES,
    PULL,
    PUSH,
    STRENGTH_MAIN_LIFTS,
    day_patterns,
    pull_push_problem,
    skeleton,
    slot_fillers,
    strength_lift_sessions,
    variant_key,
)
from thrustplan.rules.split import FOCUS_PATTERNS


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
    return [x for e in session.exercises if (x := entry_exercise(e, catalogue)) is not None]


def check_session_skeleton(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every slot a coach insists on is filled when the client can do an exercise for it
    (a main slot by a loaded compound when there is one)."""
    for week, session in program_sessions(program):
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
    for week, session in program_sessions(program):
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
    for week, session in program_sessions(program):
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
        done = any(x.pattern == "hip_abduction" for x, _ in week_work(week, catalogue))
        if possible and not done:
            yield Violation("abduction_every_week", "no hip abduction this week", week.number)


def check_hinge_every_week(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A hip hinge every week whenever the client can do any.

    Sources: the NSCA's Essentials and Strong Curves' hinge-or-back-extension slot in every
    workout; a plan of thrusts and squats alone leaves the hamstrings and the back
    extensors their only work as helpers.
    """
    for week in program.weeks:
        possible = any(
            x.pattern == "hinge" for s in week.sessions for x in _options(program, s, catalogue)
        )
        done = any(x.pattern == "hinge" for x, _ in week_work(week, catalogue))
        if possible and not done:
            yield Violation("hinge_every_week", "no hip hinge this week", week.number)


def check_pull_push_balance(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Weekly pull sets keep up with push sets (normal weeks; a deload halves both)."""
    for week in program.weeks:
        if week.deload:
            continue
        work = week_work(week, catalogue)
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
        weeks = sum(1 for w in normal if any(x.id == lift for x, _ in week_work(w, catalogue)))
        if 2 * weeks < len(normal):
            yield Violation(
                "lifts_that_matter",
                f"in {weeks} of {len(normal)} normal weeks; the client named it",
                exercise_id=lift,
            )


def check_strength_lifts_weekly(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A strength plan, at any level, holds back squat and bench press twice a week and
    deadlift and overhead press once (each once in a two-day week), as far as the kit
    and the days allow."""
    profile = program.profile
    if profile.goal is not Goal.STRENGTH or not program.weeks:
        return
    days = len(program.weeks[0].sessions)
    for lift in STRENGTH_MAIN_LIFTS:
        exercise = catalogue.get(lift)
        placeable = _placeable(program, exercise, catalogue) if exercise else 0
        needed = min(strength_lift_sessions(lift, days), placeable)
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
    for week, session in program_sessions(program):
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
