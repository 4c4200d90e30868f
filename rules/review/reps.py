"""Reps that make sense: by the exercise's role, and for body-weight work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, LoadKind
from thrustplan.rules.bodyweight import MOST_RUNGS_APART, rungs_apart
from thrustplan.rules.goals import Goal
from thrustplan.rules.prescription import FIRST_WEEK_ISOLATION_RIR
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.named import NAMED
from thrustplan.rules.review.reading import (
    asked_for,
    entry_findings,
    known,
    normal_weeks,
    pattern_group,
    reps_above_ceiling,
    sessions,
)
from thrustplan.rules.sessions import STRENGTH_MAIN_LIFTS, Role, role_of

if TYPE_CHECKING:
    from thrustplan.rules.program import ExerciseEntry, Program

#: Fewest reps for an accessory: isolation work and the pullover sit at 6 and up.
ACCESSORY_LEAST_REPS = 6
#: Most reps a set of a strength plan's barbell lifts asks for, at every level.
STRENGTH_MAIN_MOST_REPS = 6
#: Most reps of unloaded pull-ups and chin-ups, and of hard push-up variations, before
#: the next harder variation or an added load is due.
PULL_UP_CEILING = 12
PUSH_UP_CEILING = 15


def _low_rep_role(exercise: Exercise, program: Program) -> str | None:
    """What ``exercise`` is when it has no business below six reps, or None: accessories
    (isolation work and the pullover) and second lifts, unless the catalogue gives the
    exercise its own low range (a Nordic curl's slow fives)."""
    if exercise.reps is not None and exercise.reps[0] < ACCESSORY_LEAST_REPS:
        return None
    if exercise.id in NAMED["pullover"]:
        # Named first: the pullover is an isolation lat exercise in the catalogue, and a
        # coach reading the finding knows it by name.
        return "a pullover"
    if not exercise.is_compound:
        return "an isolation exercise"
    profile = program.profile
    if role_of(exercise, profile.goal, profile.rep_maxes) is Role.SECONDARY:
        return "a second lift"
    return None


def review_rep_range_by_role(program: Program, catalogue: Catalogue) -> list[Finding]:
    """No isolation exercise, pullover or second lift is prescribed below 6 reps:
    accessories are for moderate and high reps, a second lift for moderate ones, and heavy
    low-rep sets belong to the main lifts.

    Sources: GZCLP's tiers (T2 at 3 x 10, T3 accessories at 15 and more), 5/3/1's
    assistance work at 50-100 reps a movement, ACSM 2009 (6-12 reps for hypertrophy).
    """
    findings: list[Finding] = []
    for week, session in sessions(program):
        for entry in session.exercises:
            exercise = catalogue.get(entry.exercise_id)
            if exercise is None or entry.timed or entry.reps_min >= ACCESSORY_LEAST_REPS:
                continue
            role = _low_rep_role(exercise, program)
            if role is not None:
                findings.append(
                    Finding(
                        "rep_range_by_role",
                        f"{entry.reps_min}-{entry.reps_max} reps; {role} works at "
                        f"{ACCESSORY_LEAST_REPS} or more",
                        week.number,
                        session.day,
                        entry.exercise_id,
                    )
                )
    return findings


def review_strength_main_reps(program: Program, catalogue: Catalogue) -> list[Finding]:
    """A strength plan works its barbell squat, bench press, deadlift and overhead press
    at 6 reps a set or fewer, beginners included.

    Sources: Rippetoe's Starting Strength and StrongLifts (3 x 5 for beginners), GZCLP's
    T1 (5 x 3, then 6 x 2 and 10 x 1), Wendler's 5/3/1 (sets of 5, 3 and 1). Eight to
    twelve reps is hypertrophy work, not a strength programme's main lifts.
    """
    if program.profile.goal is not Goal.STRENGTH:
        return []

    def ceiling(entry: ExerciseEntry) -> int | None:
        main = entry.exercise_id in STRENGTH_MAIN_LIFTS and entry.load is not None
        return STRENGTH_MAIN_MOST_REPS if main else None

    def says(entry: ExerciseEntry, most: int) -> str:
        return (
            f"{entry.reps_min}-{entry.reps_max} reps; a strength plan's main lifts work at "
            f"{most} or fewer (3 x 5 for a beginner)"
        )

    return reps_above_ceiling(program, "strength_main_reps", ceiling, says)


def review_first_week_isolation_effort(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In the programme's first week, loaded isolation work keeps two or more reps in
    reserve: its load is new, often a guess from other lifts, and a fly or a curl taken
    to one short of failure in week 1 is a test, not a start.

    Sources: the reps-in-reserve chart (Zourdos et al. 2016; Helms et al. 2016), read at
    RIR 2-3 for a first exposure; GZCLP's T3 and 5/3/1's assistance work start light and
    build over the weeks.
    """

    def too_hard(entry: ExerciseEntry) -> str | None:
        exercise = catalogue.get(entry.exercise_id)
        if exercise is None or exercise.is_compound or entry.load is None:
            return None
        if entry.rir >= FIRST_WEEK_ISOLATION_RIR:
            return None
        unit = f" {entry.load_unit}" if entry.load_unit else ""
        return (
            f"RIR {entry.rir} at {entry.load:g}{unit} in week 1; isolation work starts "
            f"{FIRST_WEEK_ISOLATION_RIR} or more short of failure"
        )

    first_week = program.model_copy(update={"weeks": program.weeks[:1]})
    return entry_findings(first_week, "first_week_isolation_effort", too_hard)


def hard_push_ups(catalogue: Catalogue) -> frozenset[ExerciseId]:
    """The floor push-up and every variation reachable from it by ``harder`` links."""
    found: set[ExerciseId] = set()
    todo = [i for i in NAMED["floor push-up"] if i in catalogue]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(i for i in catalogue[current].harder if i in catalogue)
    return frozenset(found)


def rep_ceiling(exercise: Exercise, hard: frozenset[ExerciseId]) -> int | None:
    """The most reps an unloaded set of ``exercise`` should ask for, or None for no ceiling.

    Pull-ups and chin-ups: a body-weight vertical pull on a bar. Hard push-ups: the floor
    push-up, its harder links, and any other body-weight press rated above beginner
    (pike push-ups, dips).
    """
    if exercise.load_kind is not LoadKind.BODYWEIGHT:
        return None
    group = pattern_group(exercise.pattern)
    if group == "pull" and exercise.pattern == "vertical_pull":
        return PULL_UP_CEILING if "pull_up_bar" in exercise.equipment else None
    if group == "push" and (exercise.id in hard or exercise.level is not Level.BEGINNER):
        return PUSH_UP_CEILING
    return None


def review_bodyweight_rep_ceiling(program: Program, catalogue: Catalogue) -> list[Finding]:
    """Unloaded pull-ups and chin-ups stop at 12 reps a set and hard push-up variations at
    15; past that the client moves to a harder variation or adds load.

    Sources: Strong Curves (chin-ups at 3-5 reps once unassisted); the push-up ladder from
    incline to floor to deficit or weighted, moving up past about 15-20 reps.
    """
    hard = hard_push_ups(catalogue)

    def ceiling(entry: ExerciseEntry) -> int | None:
        exercise = catalogue.get(entry.exercise_id)
        if exercise is None or entry.timed or entry.load is not None:
            return None
        return rep_ceiling(exercise, hard)

    def says(entry: ExerciseEntry, most: int) -> str:
        return (
            f"up to {entry.reps_max} unloaded reps; past {most} move to a harder variation "
            "or add load"
        )

    return reps_above_ceiling(program, "bodyweight_rep_ceiling", ceiling, says)


def review_bodyweight_rungs_close(program: Program, catalogue: Catalogue) -> list[Finding]:
    """Body-weight variations of one movement on one ladder stay within a rung of each
    other in a week (``rules.bodyweight.rungs_apart``): floor and knee push-ups make a hard
    and an easy day, but floor push-ups beside wall push-ups, three rungs easier, leave
    one of the two out of the client's reach or doing nothing for them. An exercise the
    client or the trainer asked for is not judged.

    Source: practitioner; a client trains on the rung of the push-up ladder (wall,
    incline, knees, floor, then a deficit or a load) whose reps meet the goal's range
    (ACSM 2009), and climbs to the next once they pass it.
    """
    asked = asked_for(program)
    findings: list[Finding] = []
    for week in normal_weeks(program):
        earlier: dict[ExerciseId, Exercise] = {}
        for session in week.sessions:
            for entry, exercise in known(session, catalogue):
                if exercise.id in asked:
                    continue
                for other in earlier.values():
                    apart = rungs_apart(other, exercise, catalogue)
                    if apart is not None and apart > MOST_RUNGS_APART:
                        findings.append(
                            Finding(
                                "bodyweight_rungs_close",
                                f"{apart} rungs from {other.id} earlier in the week",
                                week.number,
                                session.day,
                                entry.exercise_id,
                            )
                        )
                earlier[exercise.id] = exercise
    return findings
