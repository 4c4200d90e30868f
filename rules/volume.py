"""Weekly hard sets per muscle: how they are counted, the targets and the ceilings.

Counting: a set is 1.0 for a muscle it trains as primary and 0.5 as secondary
(Pelland et al. 2024). Targets follow the dose-response evidence (Schoenfeld, Ogborn &
Krieger 2017: 10+ sets beat < 5; Baz-Valle et al. 2022: 12-20 for trained lifters) and
the practitioner landmarks compiled by Renaissance Periodization (glutes MAV 4-12 direct
sets, quads MAV 12-18, hamstrings MAV 10-16). All figures in ``docs/training-rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from thrustplan.exercise_db.models import Exercise, Level, MuscleId
from thrustplan.rules.goals import Goal

#: Weekly sets for an intermediate client; see :func:`weekly_targets` for the level.
_INTERMEDIATE_TARGETS: Mapping[Goal, Mapping[MuscleId, int]] = {
    Goal.GLUTES: {
        "gluteus_maximus": 18, "gluteus_medius": 8, "hamstrings": 8, "quadriceps": 8,
        "chest": 4, "lats": 4, "upper_back": 4, "side_delts": 2, "abs": 4,
    },
    Goal.HYPERTROPHY: {
        "gluteus_maximus": 10, "gluteus_medius": 4, "hamstrings": 10, "quadriceps": 12,
        "chest": 12, "lats": 10, "upper_back": 10, "side_delts": 8, "rear_delts": 4,
        "biceps": 6, "triceps": 6, "calves": 6, "abs": 6,
    },
    Goal.STRENGTH: {
        "gluteus_maximus": 8, "hamstrings": 8, "quadriceps": 10, "chest": 8, "lats": 6,
        "upper_back": 6, "front_delts": 4, "triceps": 4, "abs": 4,
    },
    Goal.GENERAL: {
        "gluteus_maximus": 8, "hamstrings": 6, "quadriceps": 8, "chest": 6, "lats": 6,
        "upper_back": 6, "side_delts": 3, "abs": 6,
    },
}  # fmt: skip

#: Beginners recover from and need less; advanced lifters need more (MEV rises with age).
_LEVEL_SCALE: Mapping[Level, float] = {
    Level.BEGINNER: 0.75,
    Level.INTERMEDIATE: 1.0,
    Level.ADVANCED: 1.25,
}

#: The most weekly sets any one muscle may get, by level (RP's MRV: 12/18/25+).
MAX_WEEKLY_SETS: Mapping[Level, int] = {
    Level.BEGINNER: 16,
    Level.INTERMEDIATE: 22,
    Level.ADVANCED: 28,
}

#: The productive band runs from the target to half as much again: RP's MAV ranges span
#: about that (quads 12-18, hamstrings 10-16 sets).
BAND_TOP = 1.5

#: Muscles whose target matters most for each goal: the penalty for missing it is multiplied.
PRIORITY_MUSCLES: Mapping[Goal, Mapping[MuscleId, int]] = {
    Goal.GLUTES: {"gluteus_maximus": 4, "gluteus_medius": 2, "hamstrings": 2},
    Goal.HYPERTROPHY: {},
    Goal.STRENGTH: {"gluteus_maximus": 2, "quadriceps": 2, "hamstrings": 2},
    Goal.GENERAL: {},
}


def weekly_targets(goal: Goal, level: Level) -> dict[MuscleId, int]:
    """Weekly set target per muscle for ``goal`` at ``level``.

    >>> weekly_targets(Goal.GLUTES, Level.INTERMEDIATE)["gluteus_maximus"]
    18
    >>> weekly_targets(Goal.GLUTES, Level.BEGINNER)["gluteus_maximus"]
    14
    """
    scale = _LEVEL_SCALE[level]
    return {muscle: round(sets * scale) for muscle, sets in _INTERMEDIATE_TARGETS[goal].items()}


def weekly_sets(work: Iterable[tuple[Exercise, int]]) -> dict[MuscleId, float]:
    """Weekly sets per muscle for (exercise, sets) pairs, counting secondary muscles half.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> thrust = builtin_catalogue()["barbell_hip_thrust"]
    >>> sets = weekly_sets([(thrust, 4), (thrust, 3)])
    >>> sets["gluteus_maximus"], sets["hamstrings"]
    (7.0, 3.5)
    """
    return _summed(work, half_sets)


#: Movement patterns whose glute work counts half toward a glute programme's weekly
#: ceiling on the glutes: the squats, lunges and hinges that train the glutes along with
#: the thighs. The ceiling is RP's maximum recoverable volume, which for the glutes
#: counts direct glute work (their minimum is nil because squats and hinges already train
#: them). Counted in full, a Strong Curves week of a thrust, a squat and a hinge in each of
#: three sessions is 27 glute sets, past even an intermediate's ceiling; counted so, 18.
#: Other goals' glute targets are met well inside the ceiling.
INDIRECT_GLUTE_PATTERNS = frozenset({"squat", "lunge", "hinge"})


def half_sets(exercise: Exercise) -> dict[MuscleId, int]:
    """Half-sets a set of ``exercise`` counts for each muscle: two where the muscle is a
    prime mover, one where it helps (:func:`weekly_sets` in half-sets)."""
    halves: dict[MuscleId, int] = {muscle: 1 for muscle in exercise.secondary_muscles}
    halves.update({muscle: 2 for muscle in exercise.primary_muscles})
    return halves


def ceiling_half_sets(exercise: Exercise, goal: Goal) -> dict[MuscleId, int]:
    """Half-sets a set of ``exercise`` counts toward each muscle's weekly ceiling: two
    where the muscle is a prime mover, one where it helps, and, in a glute programme, one
    for the glutes in a squat, lunge or hinge (:data:`INDIRECT_GLUTE_PATTERNS`).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> squat = builtin_catalogue()["goblet_squat"]
    >>> ceiling_half_sets(squat, Goal.GLUTES)["gluteus_maximus"]
    1
    >>> ceiling_half_sets(squat, Goal.HYPERTROPHY)["gluteus_maximus"]
    2
    """
    halves = half_sets(exercise)
    indirect = exercise.pattern in INDIRECT_GLUTE_PATTERNS
    if goal is Goal.GLUTES and indirect and "gluteus_maximus" in halves:
        halves["gluteus_maximus"] = 1
    return halves


def ceiling_sets(work: Iterable[tuple[Exercise, int]], goal: Goal) -> dict[MuscleId, float]:
    """Weekly sets per muscle as the ceiling counts them (:func:`ceiling_half_sets`)."""
    return _summed(work, lambda exercise: ceiling_half_sets(exercise, goal))


def _summed(
    work: Iterable[tuple[Exercise, int]], halves: Callable[[Exercise], Mapping[MuscleId, int]]
) -> dict[MuscleId, float]:
    """Weekly sets per muscle, each set of an exercise counting its ``halves`` in half-sets."""
    totals: dict[MuscleId, float] = {}
    for exercise, sets in work:
        for muscle, share in halves(exercise).items():
            totals[muscle] = totals.get(muscle, 0.0) + sets * share / 2
    return totals


def volume_error(sets: Mapping[MuscleId, float], targets: Mapping[MuscleId, int]) -> float:
    """Weekly sets outside the productive band, summed over the target muscles: the sets
    short of each target plus those beyond :data:`BAND_TOP` times it.

    >>> volume_error({"quadriceps": 6.0, "chest": 20.0, "abs": 5.0},
    ...              {"quadriceps": 8, "chest": 12, "abs": 4})
    4.0
    """
    error = 0.0
    for muscle, target in targets.items():
        done = sets.get(muscle, 0.0)
        error += max(0.0, target - done) + max(0.0, done - BAND_TOP * target)
    return error
