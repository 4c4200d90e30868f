"""Everything the weekly model needs, prepared in advance: the model builder looks nothing up.

Candidates are the exercises a client may do (equipment, limitations, exclusions),
trimmed to the best few per movement pattern: the model's size, not the catalogue's,
sets the solve time (docs/solver-design.md: ~10 per pattern kept 800-exercise catalogues
provable in 1-2 s). Superset pairs, where the profile pairs exercises, are every two
candidates that may share a superset and can fill neighbouring slots of a day.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, MuscleId, PatternId
from thrustplan.rules.bodyweight import MOST_RUNGS_APART, rungs_apart
from thrustplan.rules.eligibility import (
    coarser_than_kit,
    held_thrust_beside_bar,
    is_heavy,
    superseded_by_kit,
    unfit_reason,
)
from thrustplan.rules.goals import Goal
from thrustplan.rules.populations import preferred_for
from thrustplan.rules.prescription import Prescription, is_main_lift
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.sessions import (
    STRENGTH_MAIN_LIFTS,
    Role,
    Slot,
    day_patterns,
    is_staple,
    role_of,
    skeleton,
    slot_fillers,
)
from thrustplan.rules.slot_prescription import (
    MOST_SETS,
    client_prescription,
    light_day_sets,
    light_repeats,
    role_sets,
)
from thrustplan.rules.split import Split, choose_split
from thrustplan.rules.supersets import pairing_problem
from thrustplan.rules.timing import exercise_seconds, superset_seconds
from thrustplan.rules.volume import MAX_WEEKLY_SETS, PRIORITY_MUSCLES, half_sets, weekly_targets

# The session's bounds and the hip-thrust minimum are the rules' own; named here too for
# the callers that read them beside the model's other inputs.
from thrustplan.rules.week_rules import MAX_EXERCISES_PER_SESSION, work_budget_seconds

#: How many exercises of one movement pattern the model may choose between.
PER_PATTERN = 6
#: Most sets any exercise gets; weekly volume grows mainly by adding exercises.
MAX_SETS = MOST_SETS


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
    #: The trainer excluded it in the profile (the ``trainer_excludes`` rule keeps it out).
    trainer_excluded: bool = False
    #: Working sets whenever it is chosen (see :func:`standard_sets`).
    sets: int = 3
    #: Its role in a session (``thrustplan.rules.sessions.role_of``), which sets its reps and sets.
    role: Role = Role.ACCESSORY
    #: Working sets in its second and later sessions of a week, where those are light days
    #: with fewer sets (``thrustplan.rules.slot_prescription.light_repeats``), else None.
    light_sets: int | None = None

    @property
    def id(self) -> ExerciseId:
        return self.exercise.id


@dataclass(frozen=True)
class Pair:
    """Two candidates that may share a superset, and the seconds sharing the rest saves."""

    first: Candidate
    second: Candidate
    #: Both done apart minus both done as a superset (``thrustplan.rules.timing``).
    saving: int

    @property
    def id(self) -> str:
        return f"{self.first.id}+{self.second.id}"


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
    #: The superset pairs each day (by index into the split) may use; days without any
    #: are left out, so this is empty unless the profile pairs exercises and they help.
    pairs: Mapping[int, tuple[Pair, ...]] = field(default_factory=dict)
    #: Each day's skeleton (``thrustplan.rules.sessions.skeleton``), by index into the split; a day
    #: holds only what its slots admit.
    slots: Mapping[int, tuple[Slot, ...]] = field(default_factory=dict)
    #: The trainer's includes the client cannot do at all, with the reason (the kit, a
    #: limitation, an id the catalogue lacks): what an explanation tells the trainer.
    unfit_includes: Mapping[ExerciseId, str] = field(default_factory=dict)
    #: Two unloaded candidates further apart on a ladder of harder variations than a
    #: week's sessions should stand (``thrustplan.rules.bodyweight.rungs_apart``).
    far_rungs: tuple[tuple[Candidate, Candidate], ...] = ()

    def day_allows(self, day: int, candidate: Candidate) -> bool:
        """Whether day ``day``'s focus and skeleton admit ``candidate`` at all."""
        return any(candidate in options for options in self.slot_options(day))

    def slot_options(self, day: int) -> tuple[tuple[Candidate, ...], ...]:
        """The candidates each slot of day ``day`` may take, slot by slot: allowed to the
        client, of the day's focus and of the slot's patterns, and for a loaded slot only
        loaded compounds when there are any (``thrustplan.rules.sessions.slot_fillers``).

        A day without a skeleton gives each allowed candidate a slot of its own.
        """
        return self._slot_options[day]

    @cached_property
    def _slot_options(self) -> tuple[tuple[tuple[Candidate, ...], ...], ...]:
        return tuple(self._day_slot_options(d) for d in range(len(self.split.days)))

    def _day_slot_options(self, day: int) -> tuple[tuple[Candidate, ...], ...]:
        focus = self.split.days[day].patterns
        here = [c for c in self.candidates if c.excluded is None and c.exercise.pattern in focus]
        slots = self.slots.get(day)
        if slots is None:
            return tuple((c,) for c in here)
        by_id = {c.id: c for c in here}
        return tuple(
            tuple(by_id[e.id] for e in slot_fillers(slot, (c.exercise for c in here)))
            for slot in slots
        )


def exercise_cost(exercise: Exercise) -> int:
    """Lower for exercises that serve a programme best: compound, with a load that climbs.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> exercise_cost(builtin_catalogue()["barbell_hip_thrust"])
    0
    >>> exercise_cost(builtin_catalogue()["glute_bridge"])
    2
    """
    cost = 0 if is_main_lift(exercise) else 2
    if not exercise.is_compound:
        cost += 2
    return cost


def fit_cost(exercise: Exercise, level: Level) -> int:
    """:func:`exercise_cost` for a client at ``level``: an exercise without an external
    load costs one more, and one more per level it sits below the client's, so that a
    loaded lift the client's level calls for wins its slot when the kit has one (a
    dumbbell row, not a doorway row, for an advanced lifter; a pull-up, not its
    lowering-only regression).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> [fit_cost(c[i], Level.ADVANCED) for i in ("dumbbell_row", "pull_up", "negative_pull_up")]
    [0, 4, 5]
    >>> fit_cost(c["negative_pull_up"], Level.BEGINNER)
    3
    """
    cost = exercise_cost(exercise)
    if not exercise.load_kind.external:
        cost += 1 + max(level.rank - exercise.level.rank, 0)
    return cost


def client_cost(exercise: Exercise, profile: ClientProfile) -> int:
    """:func:`fit_cost` for this client's kit: a kettlebell lift costs one more where
    dumbbells load the same movement in finer steps (``rules.eligibility.coarser_than_kit``),
    and a thrust held with a dumbbell or kettlebell one more where a bar or the machine
    loads it (``rules.eligibility.held_thrust_beside_bar``)."""
    return (
        fit_cost(exercise, profile.level)
        + coarser_than_kit(exercise, profile)
        + held_thrust_beside_bar(exercise, profile)
    )


def _preference(exercise: Exercise, profile: ClientProfile) -> int:
    if exercise.id in profile.favourites or preferred_for(exercise.id, profile.limitations):
        return 1
    if exercise.id in profile.dislikes:
        return -1
    return 0


def _rank_key(exercise: Exercise, profile: ClientProfile) -> tuple[int, int, int, str]:
    level_gap = max(exercise.level.rank - profile.level.rank, 0)
    return (
        -_preference(exercise, profile),
        level_gap,
        client_cost(exercise, profile),
        exercise.id,
    )


def standard_sets(
    exercise: Exercise,
    session_minutes: int,
    role: Role = Role.ACCESSORY,
    goal: Goal = Goal.GLUTES,
    level: Level = Level.INTERMEDIATE,
) -> int:
    """Working sets for an exercise whenever it is prescribed: those of its role
    (``thrustplan.rules.slot_prescription.role_sets``), a main lift's for any hip thrust.

    Fixing sets per exercise lets the model choose only which exercises go where, which
    proves optimal plans ten to fifty times faster than choosing set counts too.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> thrust = builtin_catalogue()["barbell_hip_thrust"]
    >>> standard_sets(thrust, 60), standard_sets(thrust, 30)
    (4, 3)
    """
    if exercise.is_hip_thrust_family:
        role = Role.MAIN
    return role_sets(role, goal, session_minutes, level, loaded=exercise.load_kind.external)


def key_lifts(profile: ClientProfile) -> frozenset[ExerciseId]:
    """The lifts the client named: those with a rep max, and favourites."""
    return frozenset({*profile.rep_maxes, *profile.favourites})


def make_candidate(exercise: Exercise, profile: ClientProfile) -> Candidate:
    role = role_of(exercise, profile.goal, profile.rep_maxes)
    prescription = client_prescription(exercise, profile, role)
    sets = standard_sets(exercise, profile.session_minutes, role, profile.goal, profile.level)
    light = light_day_sets(sets) if light_repeats(exercise, profile) else sets
    return Candidate(
        exercise=exercise,
        prescription=prescription,
        work_seconds=exercise.work_seconds,
        rest_seconds=prescription.rest_seconds,
        half_sets=half_sets(exercise),
        heavy=is_heavy(exercise),
        cost=client_cost(exercise, profile),
        level_gap=max(exercise.level.rank - profile.level.rank, 0),
        preference=_preference(exercise, profile),
        excluded=unfit_reason(exercise, profile),
        trainer_excluded=exercise.id in profile.exclude,
        sets=sets,
        role=role,
        light_sets=light if light < sets else None,
    )


def _shortlist(
    fit: list[Exercise], profile: ClientProfile, isolated: frozenset[PatternId]
) -> list[Exercise]:
    """The best :data:`PER_PATTERN` per pattern among the exercises the client's kit and
    limitations allow, and for each ``isolated`` pattern (one an isolation slot of the
    client's week takes, ``Slot.isolation``) its best isolation exercise if those hold
    none; the client's named lifts, the trainer's includes, the strength lifts and the
    kit's staples (``thrustplan.rules.sessions``) always kept. An improvised exercise
    whose job the kit does properly (a door-frame row beside a cable station:
    ``thrustplan.rules.eligibility.superseded_by_kit``) is left out unless kept.

    An exercise the trainer excluded takes no place of its own: it is kept only where it
    would have been chosen, so that the model can name ``trainer_excludes`` when the
    exclusion is what makes a request impossible.
    """
    keep = {
        *key_lifts(profile),
        *(i.exercise for i in profile.include),
        *STRENGTH_MAIN_LIFTS,
        *(e.id for e in fit if is_staple(e)),
    }
    excluded = set(profile.exclude)
    by_pattern: dict[str, list[Exercise]] = defaultdict(list)
    for exercise in fit:
        if exercise.id in keep or superseded_by_kit(exercise, profile) is None:
            by_pattern[exercise.pattern].append(exercise)
    kept: list[Exercise] = []
    for pattern, exercises in by_pattern.items():
        places = 0
        ranked = sorted(exercises, key=lambda e: _rank_key(e, profile))
        here: list[Exercise] = []
        for e in ranked:
            if places < PER_PATTERN or e.id in keep:
                here.append(e)
            places += e.id not in excluded
        # An isolation slot's pattern keeps its best isolation exercise where compounds
        # took every place: a push day's fly beside a gym's presses (``Slot.isolation``).
        isolation = [e for e in ranked if not e.is_compound and e.id not in excluded]
        if pattern in isolated and isolation and all(e.is_compound for e in here):
            here.append(isolation[0])
        kept += here
    return sorted(kept, key=lambda e: e.id)


def make_pair(a: Candidate, b: Candidate) -> Pair | None:
    """``a`` and ``b`` as a superset the model may choose, or None when they may not pair.

    Besides the training rule (``thrustplan.rules.supersets.pairing_problem``), a pair holds two
    compounds or two isolation exercises, so that the session can still run compounds
    before isolation with a pair as one step, and two exercises of the same number of
    sets, so that the shared rest is honest for every set.
    """
    if a.exercise.mechanic is not b.exercise.mechanic or a.sets != b.sets:
        return None
    # A main lift goes alone: pairing_problem's rule for a goal, read off the role each
    # candidate was given by the same rules.sessions.role_of.
    if Role.MAIN in (a.role, b.role) or pairing_problem(a.exercise, b.exercise) is not None:
        return None
    first, second = sorted((a, b), key=lambda c: c.id)
    apart = sum(exercise_seconds(c.sets, c.work_seconds, c.rest_seconds) for c in (a, b))
    together = superset_seconds(
        a.sets, (a.work_seconds, b.work_seconds), (a.rest_seconds, b.rest_seconds)
    )
    return Pair(first, second, apart - together)


def _time_can_bind(
    here: Sequence[Candidate], slots: Sequence[Slot], profile: ClientProfile
) -> bool:
    """Whether the longest session the day's slots allow, each slot filled with its
    longest exercise, could outlast the client's minutes."""
    budget = work_budget_seconds(profile.session_minutes)
    if not slots:  # a day without a skeleton: its longest exercises, as many as fit a session
        seconds = sorted(exercise_seconds(c.sets, c.work_seconds, c.rest_seconds) for c in here)
        return sum(seconds[-MAX_EXERCISES_PER_SESSION:]) > budget
    longest = 0
    for slot in slots:
        seconds = [
            exercise_seconds(c.sets, c.work_seconds, c.rest_seconds)
            for c in here
            if slot.admits(c.exercise)
        ]
        longest += max(seconds, default=0)
    return longest > budget


def neighbours(slots: Sequence[Slot], a: Exercise, b: Exercise) -> bool:
    """Whether ``a`` and ``b`` can fill two neighbouring slots of a session: a superset
    joins exercises written next to each other (A1, A2), as programmes write them. A day
    without a skeleton has no neighbours to keep to.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> from thrustplan.rules.goals import Goal
    >>> c, slots = builtin_catalogue(), skeleton(Goal.GLUTES, "full body")
    >>> neighbours(slots, c["dumbbell_row"], c["goblet_squat"])
    True
    >>> neighbours(slots, c["dumbbell_row"], c["plank"])
    False
    """
    if not slots:
        return True
    return any(
        (first.admits(a) and second.admits(b)) or (first.admits(b) and second.admits(a))
        for first, second in itertools.pairwise(slots)
    )


def superset_pairs(
    candidates: Sequence[Candidate], split: Split, profile: ClientProfile
) -> dict[int, tuple[Pair, ...]]:
    """The pairs each day may use: every two candidates the day allows that may share a
    superset (:func:`make_pair`) and can fill neighbouring slots (:func:`neighbours`).

    None is trimmed away: the model decides by slot which neighbours are joined
    (``WeekVariables``), so every further pair costs it a term in a sum, not a variable,
    and a pair left out could be the one that fits the session's last exercise. Days of
    the same focus share one list. A day whose longest possible session fits the
    client's minutes gets no pairs, and is left out: supersets are there to fit work in,
    and with time to spare straight sets keep the full rest.
    """
    by_focus: dict[str, tuple[Pair, ...]] = {}
    for day in split.days:
        if day.focus in by_focus:
            continue
        slots = skeleton(profile.goal, day.focus)
        patterns = day.patterns & day_patterns(profile.goal, day.focus)
        here = [c for c in candidates if c.exercise.pattern in patterns]
        kept: list[Pair] = []
        if _time_can_bind(here, slots, profile):
            for i, a in enumerate(here):
                for b in here[i + 1 :]:
                    if neighbours(slots, a.exercise, b.exercise) and (p := make_pair(a, b)):
                        kept.append(p)
        by_focus[day.focus] = tuple(sorted(kept, key=lambda p: p.id))
    return {d: by_focus[day.focus] for d, day in enumerate(split.days) if by_focus[day.focus]}


def prepare(profile: ClientProfile, catalogue: Catalogue) -> ModelInput:
    """Turn a profile and a catalogue into the model's input."""
    split = choose_split(profile)
    slots = {d: skeleton(profile.goal, day.focus) for d, day in enumerate(split.days)}
    isolated = frozenset(
        p for day in slots.values() for s in day if s.isolation for p in s.patterns
    )
    fit = [e for e in catalogue.values() if unfit_reason(e, profile) is None]
    chosen = _shortlist(fit, profile, isolated)
    weights = {muscle: 1 for muscle in weekly_targets(profile.goal, profile.level)}
    weights.update(PRIORITY_MUSCLES[profile.goal])
    candidates = tuple(make_candidate(e, profile) for e in chosen)
    return ModelInput(
        profile=profile,
        split=split,
        candidates=candidates,
        targets=weekly_targets(profile.goal, profile.level),
        max_weekly_sets=MAX_WEEKLY_SETS[profile.level],
        muscle_weights=weights,
        pairs=superset_pairs(candidates, split, profile) if profile.pairs_exercises else {},
        slots={d: day_slots for d, day_slots in slots.items() if day_slots},
        unfit_includes=_unfit_includes(profile, catalogue),
        far_rungs=_far_rungs(candidates, catalogue),
    )


def _far_rungs(
    candidates: Sequence[Candidate], catalogue: Catalogue
) -> tuple[tuple[Candidate, Candidate], ...]:
    return tuple(
        (a, b)
        for a, b in itertools.combinations(candidates, 2)
        if (apart := rungs_apart(a.exercise, b.exercise, catalogue)) is not None
        and apart > MOST_RUNGS_APART
    )


def _unfit_includes(profile: ClientProfile, catalogue: Catalogue) -> dict[ExerciseId, str]:
    unfit: dict[ExerciseId, str] = {}
    for wanted in profile.include:
        exercise = catalogue.get(wanted.exercise)
        if exercise is None:
            unfit[wanted.exercise] = f"the catalogue {catalogue.name!r} has no such exercise"
        elif (why := unfit_reason(exercise, profile)) is not None:
            unfit[wanted.exercise] = why
    return unfit
