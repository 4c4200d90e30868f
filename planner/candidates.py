"""Everything the weekly model needs, prepared in advance: the model builder looks nothing up.

Candidates are the exercises a client may do (equipment, limitations, exclusions),
trimmed to the best few per movement pattern: the model's size, not the catalogue's,
sets the solve time (PERFORMANCE_NOTES.md: ~10 per pattern kept 800-exercise catalogues
provable in 1-2 s).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from exercise_db.catalogue import Catalogue
from exercise_db.models import Exercise, ExerciseId, MuscleId
from planner.profile import ClientProfile
from planner.split import Split, choose_split
from rules.eligibility import exclusion_reason, is_heavy
from rules.goals import Goal
from rules.prescription import Prescription, is_main_lift, prescribe
from rules.volume import MAX_WEEKLY_SETS, PRIORITY_MUSCLES, weekly_targets

#: How many exercises of one movement pattern the model may choose between.
PER_PATTERN = 8
#: Most sets any exercise gets; weekly volume grows by adding exercises, not sets.
MAX_SETS = 4
MIN_EXERCISES_PER_SESSION = 3
MAX_EXERCISES_PER_SESSION = 8


@dataclass(frozen=True)
class Candidate:
    """One exercise as the model sees it."""

    exercise: Exercise
    prescription: Prescription
    #: Seconds of one set of work, and of rest after it.
    work_seconds: int
    rest_seconds: int
    #: Twice the set's share per muscle (primary 2, secondary 1), so sums stay integers.
    half_sets: Mapping[MuscleId, int]
    #: Heavy hip-extension work that needs 48 h before it is repeated.
    heavy: bool
    #: Cost of choosing it at all: how well it serves the goal (lower is better).
    cost: int
    #: Levels above the client's level (0 when suited).
    level_gap: int = 0
    #: +1 for a favourite, -1 for a dislike, 0 otherwise.
    preference: int = 0
    #: Why the client may not do it (missing equipment, a limitation), or None.
    excluded: str | None = None
    #: Working sets whenever it is chosen (see :func:`standard_sets`).
    sets: int = 3

    @property
    def id(self) -> ExerciseId:
        return self.exercise.id


@dataclass(frozen=True)
class ModelInput:
    """The prepared request: the client, their split and the exercises to choose from."""

    profile: ClientProfile
    split: Split
    candidates: tuple[Candidate, ...]
    targets: Mapping[MuscleId, int]
    max_weekly_sets: int
    #: Multiplier on a muscle's target error; priority muscles weigh more.
    muscle_weights: Mapping[MuscleId, int]


def exercise_cost(exercise: Exercise) -> int:
    """Lower for exercises that serve a programme best: compound, with a load that climbs.

    >>> from exercise_db.catalogue import builtin_catalogue
    >>> exercise_cost(builtin_catalogue()["barbell_hip_thrust"])
    0
    >>> exercise_cost(builtin_catalogue()["glute_bridge"])
    2
    """
    cost = 0 if is_main_lift(exercise) else 2
    if not exercise.is_compound:
        cost += 2
    return cost


def _preference(exercise: Exercise, profile: ClientProfile) -> int:
    if exercise.id in profile.favourites:
        return 1
    if exercise.id in profile.dislikes:
        return -1
    return 0


def _rank_key(exercise: Exercise, profile: ClientProfile) -> tuple[int, int, int, str]:
    level_gap = max(exercise.level.rank - profile.level.rank, 0)
    return (-_preference(exercise, profile), level_gap, exercise_cost(exercise), exercise.id)


def standard_sets(exercise: Exercise, session_minutes: int) -> int:
    """Working sets for an exercise whenever it is prescribed.

    Three sets, four for the session's hip thrust (its main lift); one fewer when
    sessions are 30 minutes or less so that short sessions still hold three exercises.
    Fixing sets per exercise lets the model choose only which exercises go where, which
    proves optimal plans ten to fifty times faster than choosing set counts too.

    >>> from exercise_db.catalogue import builtin_catalogue
    >>> thrust = builtin_catalogue()["barbell_hip_thrust"]
    >>> standard_sets(thrust, 60), standard_sets(thrust, 30)
    (4, 3)
    """
    sets = 4 if exercise.is_hip_thrust_family else 3
    return sets - 1 if session_minutes <= 30 else sets


def make_candidate(exercise: Exercise, profile: ClientProfile) -> Candidate:
    prescription = prescribe(exercise, profile.goal, profile.level)
    half_sets: dict[MuscleId, int] = {}
    for muscle in exercise.secondary_muscles:
        half_sets[muscle] = 1
    for muscle in exercise.primary_muscles:
        half_sets[muscle] = 2
    return Candidate(
        exercise=exercise,
        prescription=prescription,
        work_seconds=exercise.work_seconds,
        rest_seconds=prescription.rest_seconds,
        half_sets=half_sets,
        heavy=is_heavy(exercise),
        cost=exercise_cost(exercise),
        level_gap=max(exercise.level.rank - profile.level.rank, 0),
        preference=_preference(exercise, profile),
        excluded=exclusion_reason(exercise, profile),
        sets=standard_sets(exercise, profile.session_minutes),
    )


def _shortlist(allowed: list[Exercise], profile: ClientProfile) -> list[Exercise]:
    """The best :data:`PER_PATTERN` per pattern, favourites always kept."""
    by_pattern: dict[str, list[Exercise]] = defaultdict(list)
    for exercise in allowed:
        by_pattern[exercise.pattern].append(exercise)
    kept: list[Exercise] = []
    for exercises in by_pattern.values():
        ranked = sorted(exercises, key=lambda e: _rank_key(e, profile))
        kept.extend(ranked[:PER_PATTERN])
        kept.extend(e for e in ranked[PER_PATTERN:] if e.id in profile.favourites)
    return sorted(kept, key=lambda e: e.id)


def prepare(profile: ClientProfile, catalogue: Catalogue) -> ModelInput:
    """Turn a profile and a catalogue into the model's input."""
    allowed = [e for e in catalogue.values() if exclusion_reason(e, profile) is None]
    chosen = _shortlist(allowed, profile)
    weights = {muscle: 1 for muscle in weekly_targets(profile.goal, profile.level)}
    weights.update(PRIORITY_MUSCLES[profile.goal])
    return ModelInput(
        profile=profile,
        split=choose_split(profile),
        candidates=tuple(make_candidate(e, profile) for e in chosen),
        targets=weekly_targets(profile.goal, profile.level),
        max_weekly_sets=MAX_WEEKLY_SETS[profile.level],
        muscle_weights=weights,
    )


def minimum_hip_thrust_sessions(goal: Goal) -> int:
    """Sessions a week that must hold a hip-thrust-family exercise.

    >>> minimum_hip_thrust_sessions(Goal.GLUTES), minimum_hip_thrust_sessions(Goal.GENERAL)
    (2, 1)
    """
    return 2 if goal is Goal.GLUTES else 1
