"""Glute programmes: the shape Strong Curves gives every workout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import EquipmentId, Exercise
from thrustplan.rules.goals import Goal
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.named import NAMED
from thrustplan.rules.review.reading import allowed, known, most, sessions, weeks_holding

if TYPE_CHECKING:
    from thrustplan.rules.program import Program

#: The glute muscles: an exercise is a glute move when one of them is a prime mover.
GLUTE_MUSCLES = frozenset({"gluteus_maximus", "gluteus_medius"})
#: Staples a coach uses when the kit has them (Strong Curves' hinge, hip-extension and
#: knee-flexion slots): the equipment that makes them possible, and the words to print.
KIT_STAPLES: dict[EquipmentId, str] = {
    "back_extension_bench": "back extension",
    "leg_curl_machine": "leg curl",
}
#: Staples that fill the same hinge slot: either one in a week serves it.
HINGE_STAPLES = ("back extension", "kettlebell swing")


def is_glute_move(exercise: Exercise) -> bool:
    return bool(GLUTE_MUSCLES & set(exercise.primary_muscles))


def _for_glutes(program: Program) -> bool:
    return program.profile.goal is Goal.GLUTES


def review_glute_move_every_session(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In a glute plan every session holds a glute move: an exercise whose prime mover is
    the gluteus maximus or medius.

    Source: Strong Curves (Contreras 2013) trains the glutes in every one of its workouts.
    """
    if not _for_glutes(program):
        return []
    findings: list[Finding] = []
    for week, session in sessions(program):
        moves = sum(1 for _, x in known(session, catalogue) if is_glute_move(x))
        if moves == 0:
            findings.append(
                Finding(
                    "glute_move_every_session",
                    f"0 glute moves in {len(session.exercises)} exercises",
                    week.number,
                    session.day,
                )
            )
    return findings


def review_thrust_or_bridge_first(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In a glute plan a hip thrust or a bridge opens most sessions of every week (the
    first exercise, or the first superset pair).

    Source: Strong Curves opens every workout with a bridge or a thrust; the hip thrust is
    done first or second, while fresh.
    """
    if not _for_glutes(program):
        return []
    findings: list[Finding] = []
    for week in program.weeks:
        opened = 0
        for session in week.sessions:
            first = session.steps()[:1]
            if any(
                (x := catalogue.get(e.exercise_id)) is not None and x.is_hip_thrust_family
                for step in first
                for e in step
            ):
                opened += 1
        if not most(opened, len(week.sessions)):
            findings.append(
                Finding(
                    "thrust_or_bridge_first",
                    f"a thrust or bridge opens {opened} of {len(week.sessions)} sessions",
                    week.number,
                )
            )
    return findings


def review_abduction_every_week(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In a glute plan hip abduction is done every week whenever any abduction exercise is
    open to the client (the floor is enough for a side-lying abduction).

    Source: Strong Curves gives abduction (side-lying, clam, cable) a slot in every
    workout; half credit from other lifts does not replace it.
    """
    if not _for_glutes(program):
        return []
    possible = any(allowed(x, program) for x in catalogue.values() if x.pattern == "hip_abduction")
    if not possible:
        return []
    findings: list[Finding] = []
    for week in program.weeks:
        count = sum(
            1 for s in week.sessions for _, x in known(s, catalogue) if x.pattern == "hip_abduction"
        )
        if count == 0:
            findings.append(
                Finding("abduction_every_week", "0 hip-abduction exercises this week", week.number)
            )
    return findings


def _kit_staples(program: Program, catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """Each staple the client's kit and limitations allow, by the words to print, with
    the exercises that count for it."""
    staples: dict[str, frozenset[str]] = {}
    for equipment, words in KIT_STAPLES.items():
        staples[words] = frozenset(
            x.id for x in catalogue.values() if equipment in x.equipment and allowed(x, program)
        )
    staples["kettlebell swing"] = frozenset(
        i for i in NAMED["kettlebell swing"] if (x := catalogue.get(i)) and allowed(x, program)
    )
    hinges = [words for words in HINGE_STAPLES if staples.get(words)]
    if len(hinges) > 1:
        staples[" or a ".join(hinges)] = frozenset().union(*(staples.pop(w) for w in hinges))
    return {words: ids for words, ids in staples.items() if ids}


def review_glute_kit_staples(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In a glute plan the back-extension bench, the leg-curl machine and kettlebells are
    used when the client has them: a leg curl in most weeks, and a back extension or a
    kettlebell swing in most weeks, as far as the limitations allow.

    Source: Strong Curves' hinge slot (back extension, swing, Romanian deadlift) and its
    hamstring work; a kit bought for a purpose is a coach's first choice for that slot.
    The back extension and the swing are two answers to one slot: Strong Curves rotates
    them through its workouts, and a week that also holds the client's Romanian deadlift
    or squat has room under its weekly glute sets for one of them, not both. So either
    counts when the kit has both.
    """
    if not _for_glutes(program):
        return []
    findings: list[Finding] = []
    total = len(program.weeks)
    for words, ids in _kit_staples(program, catalogue).items():
        held = len(weeks_holding(program, ids))
        if not most(held, total):
            findings.append(
                Finding(
                    "glute_kit_staples",
                    f"a {words} in {held} of {total} weeks though the kit allows one",
                )
            )
    return findings
