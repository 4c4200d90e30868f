"""Which two exercises may share a superset.

A superset does two exercises back to back and rests once after the pair, which fits
more work into a short session. It only works when the two do not compete: while one
muscle group works the other rests, as in NSCA Essentials (2016), where a superset pairs
opposing muscle groups. Keeping the session's main lift out of pairs, with its full rest,
is practitioner advice: the lift that drives the programme is done fresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from thrustplan.exercise_db.models import Exercise, ExerciseId
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.rules.eligibility import is_heavy
from thrustplan.rules.goals import Goal
from thrustplan.rules.sessions import Role, role_of


def pairing_problem(
    first: Exercise,
    second: Exercise,
    goal: Goal | None = None,
    key_lifts: Iterable[ExerciseId] = (),
) -> str | None:
    """Why ``first`` and ``second`` may not share a superset, or None when they may.

    Never the hip thrust or a heavy hinge, nor, in a plan for ``goal``, one of its main
    lifts (``rules.sessions.role_of``: a strength plan's squat and bench, a lift with a
    rep max, ``key_lifts``): the lifts that drive the programme stay alone, with their full
    rest. Never two exercises of one movement pattern or with a prime mover in common,
    since one would tire the muscles the other needs.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> catalogue = builtin_catalogue()
    >>> print(pairing_problem(catalogue["goblet_squat"], catalogue["dumbbell_row"]))
    None
    >>> pairing_problem(catalogue["push_up"], catalogue["dumbbell_shoulder_press"])
    'both train triceps as a prime mover'
    >>> pairing_problem(catalogue["barbell_hip_thrust"], catalogue["push_up"])
    'barbell hip thrust is the main lift: it goes alone, with its full rest'
    >>> squat, bench = catalogue["back_squat"], catalogue["bench_press"]
    >>> print(pairing_problem(squat, bench, Goal.GLUTES))
    None
    >>> pairing_problem(squat, bench, Goal.STRENGTH)
    'barbell back squat is a main lift: it goes alone, with its full rest'
    """
    for exercise in (first, second):
        if exercise.is_hip_thrust_family or is_heavy(exercise):
            return f"{exercise.name.lower()} is the main lift: it goes alone, with its full rest"
        if goal is not None and role_of(exercise, goal, key_lifts) is Role.MAIN:
            return f"{exercise.name.lower()} is a main lift: it goes alone, with its full rest"
    if first.pattern == second.pattern:
        pattern = VOCABULARY.name("patterns", first.pattern).lower()
        return f"both are {pattern} movements, with the same prime movers"
    shared = [m for m in first.primary_muscles if m in second.primary_muscles]
    if shared:
        muscles = ", ".join(VOCABULARY.name("muscles", m).lower() for m in shared)
        return f"both train {muscles} as a prime mover"
    return None
