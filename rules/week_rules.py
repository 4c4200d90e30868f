"""The hard rules of a training week as plain predicates over a trial week.

A trial week is a sequence of sessions, each a weekday (of a programme week) and its
exercises in order, with their sets, rests and superset letters. The independent checker
builds one from every week of a finished programme and says where a rule is broken; the
variation planner builds one for every swap it weighs and keeps only swaps that break no
rule anew. The CP-SAT rule book states the same rules as constraints, with the constants
defined here.

Each predicate returns what breaks its rule (an empty answer when the rule holds), so
that a caller can both decide and say where.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, MuscleId
from thrustplan.rules.eligibility import is_heavy
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import Weekday
from thrustplan.rules.timing import WARM_UP_MINUTES, ramp_seconds, superset_seconds
from thrustplan.rules.volume import MAX_WEEKLY_SETS, ceiling_sets

if TYPE_CHECKING:
    from thrustplan.rules.program import Session

#: A session holds this many exercises at the fewest and at the most.
MIN_EXERCISES_PER_SESSION = 3
MAX_EXERCISES_PER_SESSION = 8
#: Slack for rounding session minutes up to whole minutes.
TIME_TOLERANCE_SECONDS = 30
#: Seconds a set of an exercise the catalogue does not hold is timed at.
UNKNOWN_WORK_SECONDS = 60
#: Movement groups a balanced full-body week covers (general and hypertrophy goals).
BALANCE_GROUPS: Mapping[str, frozenset[str]] = {
    "push": frozenset({"horizontal_push", "vertical_push"}),
    "pull": frozenset({"horizontal_pull", "vertical_pull"}),
    "squat or lunge": frozenset({"squat", "lunge"}),
    "hinge or knee flexion": frozenset({"hinge", "knee_flexion"}),
    "core": frozenset({"core"}),
}
#: Goals whose weeks must cover every group of :data:`BALANCE_GROUPS`.
BALANCED_GOALS = frozenset({Goal.GENERAL, Goal.HYPERTROPHY})


@dataclass(frozen=True)
class TrialItem:
    """One exercise of a trial session; ``exercise`` is None when the catalogue lacks it,
    and the rules that need its attributes pass it over."""

    exercise_id: ExerciseId
    exercise: Exercise | None
    sets: int
    #: Rest after each set; a superset pair rests for the longer of its two.
    rest_seconds: int = 0
    superset: str | None = None
    #: Ramp-up sets before the first working set.
    ramp_sets: int = 0

    @classmethod
    def of(
        cls,
        exercise: Exercise,
        sets: int,
        rest_seconds: int = 0,
        superset: str | None = None,
        ramp_sets: int = 0,
    ) -> TrialItem:
        """An item of a known exercise."""
        return cls(exercise.id, exercise, sets, rest_seconds, superset, ramp_sets)

    @property
    def work_seconds(self) -> int:
        return self.exercise.work_seconds if self.exercise else UNKNOWN_WORK_SECONDS


@dataclass(frozen=True)
class TrialSession:
    """One session of a trial week: its weekday, its programme week and its items in order."""

    day: Weekday
    items: tuple[TrialItem, ...]
    week: int = 1

    @property
    def exercises(self) -> list[Exercise]:
        """The items' exercises that the catalogue holds, in order."""
        return [i.exercise for i in self.items if i.exercise is not None]


TrialWeek = Sequence[TrialSession]


def programme_session(session: Session, catalogue: Catalogue, week: int = 1) -> TrialSession:
    """A printed programme's session as these rules read it, ramp-up sets included."""
    items = tuple(
        TrialItem(
            e.exercise_id,
            catalogue.get(e.exercise_id),
            e.sets,
            e.rest_seconds,
            e.superset,
            len(e.ramp),
        )
        for e in sorted(session.exercises, key=lambda e: e.order)
    )
    return TrialSession(session.day, items, week)


# ------------------------------------------------------------------------------ sessions


def session_size_fits(count: int) -> bool:
    """Whether a session of ``count`` exercises holds three to eight.

    >>> session_size_fits(3), session_size_fits(8), session_size_fits(2), session_size_fits(9)
    (True, True, False, False)
    """
    return MIN_EXERCISES_PER_SESSION <= count <= MAX_EXERCISES_PER_SESSION


def steps(session: TrialSession) -> list[list[TrialItem]]:
    """The session's items in order, grouped into steps: a superset pair done back to back
    is one step, any other item a step of its own."""
    groups: list[list[TrialItem]] = []
    for item in session.items:
        if groups and item.superset and groups[-1][0].superset == item.superset:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def repeated_exercises(session: TrialSession) -> list[TrialItem]:
    """Items whose exercise already came earlier in the session (no exercise twice)."""
    seen: set[ExerciseId] = set()
    repeats = []
    for item in session.items:
        if item.exercise_id in seen:
            repeats.append(item)
        seen.add(item.exercise_id)
    return repeats


def hip_thrusts(session: TrialSession) -> list[TrialItem]:
    """The session's hip-thrust-family items (one at the most is allowed)."""
    return [i for i in session.items if i.exercise is not None and i.exercise.is_hip_thrust_family]


def late_hip_thrusts(session: TrialSession) -> list[tuple[int, TrialItem]]:
    """Hip-thrust-family items later than the second step, with their 1-based step: the
    main lift comes first or second, while the client is fresh."""
    return [
        (position, item)
        for position, group in enumerate(steps(session), start=1)
        for item in group
        if position > 2 and item.exercise is not None and item.exercise.is_hip_thrust_family
    ]


def compounds_after_isolation(session: TrialSession) -> list[TrialItem]:
    """Compound items in a step after one that held isolation work (a superset pair is
    one step, so a compound may share a step with an isolation exercise)."""
    late: list[TrialItem] = []
    seen_isolation = False
    for group in steps(session):
        if seen_isolation:
            late += [i for i in group if i.exercise is not None and i.exercise.is_compound]
        seen_isolation = seen_isolation or any(
            i.exercise is not None and not i.exercise.is_compound for i in group
        )
    return late


def session_seconds(session: TrialSession) -> int:
    """Working time of a session after the warm-up: each step's sets, work and shared rest
    (:func:`thrustplan.rules.timing.superset_seconds`), and the ramp-up sets the warm-up
    does not hold (:func:`thrustplan.rules.timing.ramp_seconds`)."""
    work = sum(
        superset_seconds(
            max(i.sets for i in group),
            [i.work_seconds for i in group],
            [i.rest_seconds for i in group],
        )
        for group in steps(session)
    )
    return work + ramp_seconds(sum(i.ramp_sets for i in session.items))


def work_budget_seconds(session_minutes: int) -> int:
    """Seconds a session of ``session_minutes`` has for work once the warm-up is done.

    >>> work_budget_seconds(45)
    2340
    """
    return (session_minutes - WARM_UP_MINUTES) * 60


def fits_time(seconds: int, session_minutes: int) -> bool:
    """Whether ``seconds`` of work, warm-up added, fit ``session_minutes`` (with the slack
    of rounding up to whole minutes).

    >>> fits_time(2340, 45), fits_time(2370, 45), fits_time(2371, 45)
    (True, True, False)
    """
    return seconds <= work_budget_seconds(session_minutes) + TIME_TOLERANCE_SECONDS


# -------------------------------------------------------------------------------- weeks


def is_heavy_session(session: TrialSession) -> bool:
    """Whether the session holds heavy hip-thrust or hinge work (it needs 48 h after it)."""
    return any(is_heavy(x) for x in session.exercises)


def heavy_back_to_back(sessions: TrialWeek) -> list[TrialSession]:
    """Heavy sessions that fall the day after another heavy session, in day order.

    Sessions may come from several programme weeks, so Sunday to Monday counts; for a
    week that repeats, pass it as two weeks (see :func:`repeated_week`).
    """
    heavy = sorted(
        (s for s in sessions if is_heavy_session(s)), key=lambda s: s.day.day_number(s.week)
    )
    return [
        b
        for a, b in itertools.pairwise(heavy)
        if b.day.day_number(b.week) - a.day.day_number(a.week) == 1
    ]


def repeated_week(week: TrialWeek) -> list[TrialSession]:
    """``week`` as programme weeks 1 and 2, so that a rule across days sees the week wrap."""
    return [TrialSession(s.day, s.items, number) for number in (1, 2) for s in week]


def _work(week: TrialWeek) -> Iterator[tuple[Exercise, int]]:
    return ((i.exercise, i.sets) for s in week for i in s.items if i.exercise is not None)


def sets_over_ceiling(week: TrialWeek, level: Level, goal: Goal) -> dict[MuscleId, float]:
    """Muscles above the level's maximum weekly sets, with their sets (secondary muscles
    count half, and in a glute programme so do the glutes in squats, lunges and hinges:
    ``rules.volume.ceiling_half_sets``), by muscle name."""
    ceiling = MAX_WEEKLY_SETS[level]
    sets = ceiling_sets(_work(week), goal)
    return {m: sets[m] for m in sorted(sets) if sets[m] > ceiling}


def missing_balance(week: TrialWeek, goal: Goal) -> list[str]:
    """The groups of :data:`BALANCE_GROUPS` the week lacks, for the goals that need all."""
    if goal not in BALANCED_GOALS:
        return []
    patterns = {x.pattern for x, _ in _work(week)}
    return [group for group, members in BALANCE_GROUPS.items() if not patterns & members]


def hip_thrust_sessions(week: TrialWeek) -> int:
    """How many sessions of the week hold a hip-thrust-family exercise."""
    return sum(1 for s in week if hip_thrusts(s))
