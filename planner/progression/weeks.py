"""Progression: the weekly template spread over the weeks, with loads that exist.

The solver answers "which exercises, how many sets"; this module answers "how much, how
many reps, which week is lighter". It is pure: the same profile, template and catalogue
always give the same weeks.

Sources (``docs/training-rules.md``, "Progression" and "Load and effort"):

- Linear (practitioner novice progression): about +2.5 kg a session for lower-body
  barbell lifts and +1.25 kg for upper-body ones; with a lift trained about twice a week
  that is +5 kg and +2.5 kg a week, lower body twice the upper.
- Double progression (practitioner): reps climb from the bottom of the range to the top
  on all sets, then the smallest load step and back to the bottom.
- Daily undulating vs linear: no difference in size (Grgic et al. 2017) nor strength
  (Harries et al. 2015); both are offered, the simpler one is the default.
- Load increases of 2-10 % when the client beats the target (ACSM 2009): the weekly
  growth rates of the percentage-based schemes sit at the low end of that band.
- Deloads about every 5-6 weeks, a week long, cutting sets, reps and load
  (Rogerson et al. 2024).
- A beginner's glute programme progresses the movement itself in 4-week phases
  (glute bridge -> bodyweight hip thrust -> barbell hip thrust).
- Loads by reps and reps in reserve: :mod:`thrustplan.rules.strength`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, LoadKind
from thrustplan.planner.progression.loads import KG_PER_LB, LoadLadder, band_colours, ladder_for
from thrustplan.planner.template import (
    PlannedExercise,
    PlannedSession,
    WeeklyTemplate,
    pairing_note,
)
from thrustplan.rules.bodyweight import below_ability, is_assisted
from thrustplan.rules.eligibility import exclusion_reason, is_heavy
from thrustplan.rules.goals import Goal
from thrustplan.rules.populations import gentle_start_note, max_tests_allowed
from thrustplan.rules.prescription import Prescription, prescribe_for
from thrustplan.rules.profile import ClientProfile, ProgressionScheme, Units, Weekday
from thrustplan.rules.program import ExerciseEntry, Session, Week
from thrustplan.rules.strength import (
    estimate_max,
    hip_thrust_max_estimate,
    implements_held,
    load_for,
    max_from_set,
    transfer_ratio,
)
from thrustplan.rules.supersets import pairing_problem
from thrustplan.rules.timing import WARM_UP_MINUTES, superset_seconds
from thrustplan.rules.volume import MAX_WEEKLY_SETS, weekly_sets

# --------------------------------------------------------------------------------------
# Schemes and the calendar
# --------------------------------------------------------------------------------------

#: Names printed on the plan.
SCHEME_NAMES: Mapping[ProgressionScheme, str] = {
    ProgressionScheme.LINEAR: "linear",
    ProgressionScheme.DOUBLE: "double progression",
    ProgressionScheme.UNDULATING: "daily undulating",
    ProgressionScheme.BLOCK: "block (accumulation, intensification, deload)",
}
#: Weeks from one deload to the next, deload included (Rogerson et al. 2024: about 5-6;
#: strength blocks run 3 hard weeks and 1 light, a common practitioner rhythm).
DELOAD_EVERY: Mapping[ProgressionScheme, int] = {
    ProgressionScheme.LINEAR: 6,
    ProgressionScheme.DOUBLE: 5,
    ProgressionScheme.UNDULATING: 5,
    ProgressionScheme.BLOCK: 4,
}
#: Programmes longer than this end with a lighter week.
LONGEST_WITHOUT_FINAL_DELOAD = 6


def choose_scheme(profile: ClientProfile) -> ProgressionScheme:
    """The scheme for this client: the profile's choice, else one from goal and level.

    Double progression for glutes and hypertrophy at any level; linear for other
    beginners; block periodization for strength, daily undulating for general fitness.

    >>> from thrustplan.rules.profile import ClientProfile
    >>> def client(goal, level):
    ...     return ClientProfile(name="A", goal=goal, level=level, days_per_week=3,
    ...                          session_minutes=60)
    >>> choose_scheme(client("glutes", "beginner")).value
    'double'
    >>> choose_scheme(client("strength", "beginner")).value
    'linear'
    >>> choose_scheme(client("strength", "advanced")).value
    'block'
    >>> choose_scheme(client("general", "intermediate")).value
    'undulating'
    """
    if profile.progression is not None:
        return profile.progression
    if profile.goal in (Goal.GLUTES, Goal.HYPERTROPHY):
        return ProgressionScheme.DOUBLE
    if profile.level is Level.BEGINNER:
        return ProgressionScheme.LINEAR
    if profile.goal is Goal.STRENGTH:
        return ProgressionScheme.BLOCK
    return ProgressionScheme.UNDULATING


def deload_weeks(total: int, every: int) -> tuple[int, ...]:
    """Which weeks are deloads in a ``total``-week programme with one about every ``every``.

    A programme longer than 6 weeks is cut into near-equal blocks of at most ``every``
    weeks, each ending with a deload, so it also ends with a lighter week. A shorter one
    gets a deload only where a full ``every`` weeks fit before its last week.

    >>> deload_weeks(8, 5)
    (4, 8)
    >>> deload_weeks(12, 5)
    (4, 8, 12)
    >>> deload_weeks(12, 6)
    (6, 12)
    >>> deload_weeks(7, 5)
    (4, 7)
    >>> deload_weeks(6, 5), deload_weeks(6, 6), deload_weeks(3, 4)
    ((5,), (), ())
    """
    if total > LONGEST_WITHOUT_FINAL_DELOAD:
        blocks = math.ceil(total / every)
        base, longer = divmod(total, blocks)
        ends, week = [], 0
        for index in range(blocks):
            week += base + (1 if index < longer else 0)
            ends.append(week)
        return tuple(ends)
    return tuple(range(every, total, every))


PhaseKind = Literal["build", "accumulation", "intensification"]


@dataclass(frozen=True)
class WeekShape:
    """Where a week sits in the programme; everything progression needs to know about it."""

    number: int
    deload: bool
    #: 1-based block; a block ends with its deload. Variations change between blocks.
    block: int
    phase: int
    phase_name: str
    kind: PhaseKind
    #: Normal (non-deload) weeks before this one, in the whole programme.
    step: int
    #: Normal weeks before this one in its block, and how many normal weeks the block has.
    block_step: int
    block_weeks: int


def calendar(scheme: ProgressionScheme, total: int) -> tuple[WeekShape, ...]:
    """Every week of a ``total``-week programme under ``scheme``.

    >>> [(w.number, w.block, w.deload) for w in calendar(ProgressionScheme.DOUBLE, 5)]
    [(1, 1, False), (2, 1, False), (3, 1, False), (4, 1, False), (5, 1, False)]
    >>> weeks = calendar(ProgressionScheme.BLOCK, 8)
    >>> [(w.phase, w.kind[0], w.deload) for w in weeks]  # doctest: +NORMALIZE_WHITESPACE
    [(1, 'a', False), (1, 'a', False), (2, 'i', False), (2, 'i', True),
     (3, 'a', False), (3, 'a', False), (4, 'i', False), (4, 'i', True)]
    """
    deloads = deload_weeks(total, DELOAD_EVERY[scheme])
    ends = [*deloads] if deloads and deloads[-1] == total else [*deloads, total]
    shapes: list[WeekShape] = []
    start, step, phase = 1, 0, 0
    for block, end in enumerate(ends, start=1):
        weeks = list(range(start, end + 1))
        normal = [w for w in weeks if w not in deloads]
        if scheme is ProgressionScheme.BLOCK:
            accumulation = math.ceil(len(normal) / 2)
            kinds: list[PhaseKind] = [
                "accumulation" if i < accumulation else "intensification"
                for i in range(len(normal))
            ]
        else:
            kinds = ["build" for _ in normal]
        previous_kind: PhaseKind | None = None
        for block_step, week in enumerate(weeks):
            deload = week in deloads
            kind = (
                previous_kind
                if deload and previous_kind
                else kinds[min(block_step, len(kinds) - 1)]
            )
            if kind != previous_kind:
                phase += 1
            name = kind.capitalize() if scheme is ProgressionScheme.BLOCK else f"Block {block}"
            shapes.append(
                WeekShape(
                    number=week,
                    deload=deload,
                    block=block,
                    phase=phase,
                    phase_name=name,
                    kind=kind,
                    step=step,
                    block_step=min(block_step, len(normal)),
                    block_weeks=len(normal),
                )
            )
            previous_kind = kind
            if not deload:
                step += 1
        start = end + 1
    return tuple(shapes)


# --------------------------------------------------------------------------------------
# Pure progression functions of the week
# --------------------------------------------------------------------------------------

#: Weekly growth of the working load in the percentage-based schemes (undulating, block),
#: by level: the low end of ACSM's 2-10 % per successful step, since it applies every week.
WEEKLY_GROWTH: Mapping[Level, float] = {
    Level.BEGINNER: 0.025,
    Level.INTERMEDIATE: 0.015,
    Level.ADVANCED: 0.01,
}
#: Linear steps a week, in kg (practitioner novice progression, two sessions a week).
LINEAR_STEP_KG: Mapping[tuple[bool, bool], float] = {
    # (lower body, compound) -> kg a week
    (True, True): 5.0,
    (False, True): 2.5,
    (True, False): 2.5,
    (False, False): 1.25,
}
#: A deload keeps about this share of the last week's load (Rogerson et al. 2024: cut load).
DELOAD_LOAD = 0.85
#: Extra reps in reserve in a deload week.
DELOAD_EXTRA_RIR = 2
#: The most reps in reserve an entry may ask for.
MAX_RIR = 5
#: Patterns that count as lower body for the linear step.
LOWER_BODY_PATTERNS = frozenset(
    {
        "hip_thrust", "hinge", "squat", "lunge", "knee_flexion", "knee_extension",
        "hip_abduction", "hip_adduction", "glute_kickback", "calves",
    }
)  # fmt: skip


def rep_ladder(low: int, high: int) -> tuple[int, ...]:
    """The rep targets double progression climbs through: every rep for a narrow range,
    every other rep for a wide one, always ending at the top.

    >>> rep_ladder(8, 10)
    (8, 9, 10)
    >>> rep_ladder(12, 20)
    (12, 14, 16, 18, 20)
    >>> rep_ladder(6, 10)
    (6, 8, 10)
    >>> rep_ladder(8, 8)
    (8,)
    """
    stride = 1 if high - low <= 3 else 2
    reps = list(range(low, high + 1, stride))
    if reps[-1] != high:
        reps.append(high)
    return tuple(reps)


def double_position(step: int, reps: Sequence[int], start: int = 0) -> tuple[int, int]:
    """Reps and load steps (above the starting load) ``step`` weeks into double progression.

    ``start`` is the position in the rep ladder of the first week.

    >>> [double_position(s, (8, 9, 10)) for s in range(5)]
    [(8, 0), (9, 0), (10, 0), (8, 1), (9, 1)]
    >>> double_position(0, (8, 9, 10), start=2), double_position(1, (8, 9, 10), start=2)
    ((10, 0), (8, 1))
    """
    position = start + step
    return reps[position % len(reps)], position // len(reps)


def linear_target(step: int, first: float, weekly_step: float) -> float:
    """Linear progression: the first week's load plus a fixed step per normal week.

    >>> linear_target(0, 40, 5), linear_target(3, 40, 5)
    (40, 55)
    """
    return first + weekly_step * step


def growth_target(step: int, one_rep_max: float, rate: float, reps: int, rir: int) -> float:
    """Percentage-based progression: the load for ``reps`` at ``rir`` from a 1RM that grows
    by ``rate`` a normal week.

    >>> round(growth_target(0, 100, 0.02, 8, 2), 1), round(growth_target(5, 100, 0.02, 8, 2), 1)
    (73.9, 81.3)
    """
    return load_for(one_rep_max * (1 + rate * step), reps, rir)


DayType = Literal["heavy", "moderate", "light"]


def undulating_day(occurrence: int, occurrences: int) -> DayType:
    """Which kind of day the ``occurrence``-th session of a lift in the week is.

    A lift trained once a week stays moderate (there is nothing to undulate against);
    twice: heavy then light; three times or more: heavy, light, moderate, repeating.

    >>> [undulating_day(i, 3) for i in range(3)]
    ['heavy', 'light', 'moderate']
    >>> undulating_day(0, 1), undulating_day(1, 2)
    ('moderate', 'light')
    """
    if occurrences == 1:
        return "moderate"
    days: tuple[DayType, ...] = ("heavy", "light", "moderate")
    return days[occurrence % 3]


def day_reps(day: DayType, low: int, high: int) -> int:
    """Target reps of an undulating day, inside the goal's range.

    >>> day_reps("heavy", 8, 10), day_reps("moderate", 8, 10), day_reps("light", 8, 10)
    (8, 9, 10)
    """
    return {"heavy": low, "moderate": (low + high) // 2, "light": high}[day]


def block_reps(kind: PhaseKind, low: int, high: int) -> int:
    """Target reps in a block phase: the top of the range while accumulating, the bottom
    (and so a heavier load) while intensifying.

    >>> block_reps("accumulation", 6, 8), block_reps("intensification", 6, 8)
    (8, 6)
    """
    return low if kind == "intensification" else high


def linear_reps(low: int, high: int) -> int:
    """The fixed reps of linear progression: the middle of the range, rounded up.

    >>> linear_reps(8, 10), linear_reps(8, 12)
    (9, 10)
    """
    return (low + high + 1) // 2


def deload_sets(sets: int) -> int:
    """About half the sets, never fewer than one.

    >>> [deload_sets(n) for n in (1, 2, 3, 4, 5)]
    [1, 1, 2, 2, 3]
    """
    return max(1, (sets + 1) // 2)


def deload_load(last: float, ladder: LoadLadder) -> float:
    """A deload load: about 85 % of last week's, and lighter than it whenever the kit allows.

    >>> ladder = LoadLadder((20.0, 25.0, 30.0, 35.0, 40.0), Units.KG, "total")
    >>> deload_load(40, ladder), deload_load(25, ladder), deload_load(20, ladder)
    (30.0, 20.0, 20.0)
    """
    load = ladder.floor(last * DELOAD_LOAD)
    return load if load < last else ladder.below(last)


#: Technique levels that make bodyweight and band work harder once reps run out.
TECHNIQUES: tuple[str, ...] = ("", "lower for 3 s", "lower for 3 s and hold 2 s at the top")


def fixed_position(
    step: int, weeks: int, low: int, high: int, technique: int = 0
) -> tuple[int, int]:
    """Reps and technique level in the ``step``-th normal week of a block of ``weeks``.

    Reps climb from ``low`` to ``high`` first; in blocks of 4 weeks or more the last week
    or two keep the top reps and add a slower lowering, then a hold at the top.

    >>> [fixed_position(s, 3, 12, 20) for s in range(3)]
    [(12, 0), (16, 0), (20, 0)]
    >>> [fixed_position(s, 5, 12, 20) for s in range(5)]
    [(12, 0), (15, 0), (17, 0), (20, 0), (20, 1)]
    >>> [fixed_position(s, 3, 12, 20, technique=2) for s in range(3)]
    [(12, 2), (16, 2), (20, 2)]
    """
    last = len(TECHNIQUES) - 1
    extra = min(last - technique, max(0, (weeks - 2) // 2))
    climb = max(weeks - extra, 1)
    if step < climb:
        reps = low if climb == 1 else low + round(step * (high - low) / (climb - 1))
        return reps, technique
    return high, min(technique + step - climb + 1, last)


def hold_seconds(step: int, weeks: int, low: int, high: int) -> int:
    """Seconds of a timed hold: from ``low`` to ``high`` over the block, in 5 s steps.

    >>> [hold_seconds(s, 4, 20, 45) for s in range(4)]
    [20, 30, 35, 45]
    """
    if weeks <= 1:
        return low
    raw = low + step * (high - low) / (weeks - 1)
    return min(max(5 * round(raw / 5), low), high)


# --------------------------------------------------------------------------------------
# Where a loaded lift starts
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiftStart:
    """A working set to start a loaded lift from: ``load`` for ``reps`` at the prescribed
    reps in reserve (the re-planner passes these from what the client logged)."""

    load: float
    reps: int
    source: str = "last block's log"


@dataclass(frozen=True)
class Start:
    """What a lift starts from: a 1RM estimate, a working set, or nothing (test first)."""

    one_rep_max: float | None = None
    anchor: LiftStart | None = None
    note: str = ""

    @property
    def known(self) -> bool:
        return self.one_rep_max is not None or self.anchor is not None


def _fmt(value: float) -> str:
    return f"{value:g}"


def resolve_start(
    exercise: Exercise,
    profile: ClientProfile,
    catalogue: Catalogue,
    starts: Mapping[ExerciseId, LiftStart],
) -> Start:
    """Where ``exercise`` starts: a logged working set, the client's own rep-max, a
    sibling's rep-max through a transfer ratio, a body-weight estimate for the hip-thrust
    family, or else nothing (the first week is a rep-max test).
    """
    unit = profile.units.value
    if exercise.id in starts:
        anchor = starts[exercise.id]
        return Start(anchor=anchor, note=f"starting load from {anchor.source}")
    own = profile.rep_maxes.get(exercise.id)
    if own is not None:
        estimate = estimate_max(own.weight, own.reps)
        if estimate.trusted:
            return Start(
                one_rep_max=estimate.one_rep_max,
                note=f"starting load from your {_fmt(own.weight)} {unit} x {own.reps} "
                f"(Epley 1RM about {estimate.one_rep_max:.0f} {unit})",
            )
        return Start(
            note=f"your {_fmt(own.weight)} {unit} x {own.reps} is too many reps to estimate "
            "a maximum reliably (10 at most): this week is a heavier test"
        )
    for source_id, rep_max in sorted(profile.rep_maxes.items()):
        source = catalogue.get(source_id)
        ratio = transfer_ratio(source, exercise) if source is not None else None
        estimate = estimate_max(rep_max.weight, rep_max.reps)
        if ratio is not None and source is not None and estimate.trusted:
            return Start(
                one_rep_max=estimate.one_rep_max * ratio,
                note=f"starting load from your {source.name.lower()} "
                f"({_fmt(rep_max.weight)} {unit} x {rep_max.reps}) x {ratio:g}",
            )
    if exercise.is_hip_thrust_family and profile.bodyweight is not None:
        barbell_max = hip_thrust_max_estimate(profile.bodyweight, profile.level)
        reference = catalogue.get("barbell_hip_thrust")
        ratio = (transfer_ratio(reference, exercise) if reference is not None else None) or 1.0
        return Start(
            one_rep_max=barbell_max * ratio,
            note="starting load estimated from body weight and level; "
            "add a step next session if every set leaves more than 4 reps in reserve",
        )
    return Start()


def find_max_note(reps: int) -> str:
    """Instructions for a week whose load is not known yet.

    >>> find_max_note(10)[:28]
    'find your 10-rep max: warm u'
    """
    return (
        f"find your {reps}-rep max: warm up, then do sets of {reps}, adding the smallest "
        f"step each set while every rep stays clean; the heaviest clean set of {reps} is "
        "your load from next week; write it in the log"
    )


def unknown_load_note(reps_max: int) -> str:
    return (
        "load: start from the rep max you found; add the smallest step once every set "
        f"reaches {reps_max} reps"
    )


# --------------------------------------------------------------------------------------
# Lifts: loaded (progressed by load) and fixed (progressed by reps, technique, variation)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dose:
    """One week's prescription for one slot."""

    sets: int
    target_reps: int
    rir: int
    load: float | None = None
    band: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadedLift:
    """A lift loaded by a number on a bar, dumbbell, kettlebell or stack.

    ``first_step`` is the programme step of the first normal week it appears in; its own
    progression counts from there.
    """

    exercise: Exercise
    prescription: Prescription
    sets: int
    ladder: LoadLadder
    scheme: ProgressionScheme
    level: Level
    units: Units
    start: Start
    first_step: int
    #: False where no rep-max test may be asked for (pregnancy): an unknown load starts
    #: light instead.
    tests_allowed: bool = True

    def _one_rep_max(self) -> float:
        if self.start.anchor is not None:
            anchor = self.start.anchor
            return max_from_set(anchor.load, anchor.reps, self.prescription.rir)
        assert self.start.one_rep_max is not None
        return self.start.one_rep_max

    def _weekly_step(self) -> float:
        lower = self.exercise.pattern in LOWER_BODY_PATTERNS
        kg = LINEAR_STEP_KG[(lower, self.exercise.is_compound)] / implements_held(self.exercise)
        return kg if self.units is Units.KG else kg / KG_PER_LB

    def reps_and_rir(self, shape: WeekShape, day: DayType) -> tuple[int, int]:
        """Target reps and reps in reserve for a normal week."""
        p = self.prescription
        match self.scheme:
            case ProgressionScheme.LINEAR:
                return linear_reps(p.reps_min, p.reps_max), p.rir
            case ProgressionScheme.DOUBLE:
                return double_position(shape.step - self.first_step, *self._double())[0], p.rir
            case ProgressionScheme.UNDULATING:
                light = 1 if day == "light" else 0
                return day_reps(day, p.reps_min, p.reps_max), min(p.rir + light, MAX_RIR)
            case _:
                return block_reps(shape.kind, p.reps_min, p.reps_max), p.rir

    def _double(self) -> tuple[tuple[int, ...], int]:
        reps = rep_ladder(self.prescription.reps_min, self.prescription.reps_max)
        anchor = self.start.anchor
        if anchor is None:
            return reps, 0
        fitting = [i for i, r in enumerate(reps) if r <= anchor.reps]
        return reps, fitting[-1] if fitting else 0

    def _double_first_target(self) -> float:
        anchor = self.start.anchor
        if anchor is not None and anchor.reps >= self.prescription.reps_min:
            return anchor.load
        reps, _ = self._double()
        return load_for(self._one_rep_max(), reps[0], self.prescription.rir)

    def target(self, step: int, shape: WeekShape, day: DayType) -> float:
        """The unrounded load a normal week aims for (``step`` weeks into this lift)."""
        reps, rir = self.reps_and_rir(shape, day)
        match self.scheme:
            case ProgressionScheme.LINEAR:
                first = load_for(self._one_rep_max(), reps, rir)
                return linear_target(step, first, self._weekly_step())
            case ProgressionScheme.DOUBLE:
                reps_ladder, start = self._double()
                _, steps = double_position(step, reps_ladder, start)
                first = self._double_first_target()
                if steps == 0:
                    return first
                # Past the top of the kit the aim keeps climbing, so it can be flagged.
                index = self.ladder.index(first) + steps
                loads = self.ladder.loads
                top_gap = loads[-1] - loads[-2] if len(loads) > 1 else loads[-1]
                return self.ladder.at(index) + max(index - len(loads) + 1, 0) * top_gap
            case _:
                return growth_target(
                    step, self._one_rep_max(), WEEKLY_GROWTH[self.level], reps, rir
                )

    def dose(self, shape: WeekShape, day: DayType) -> Dose:
        """The prescription of week ``shape`` (a pure function of the week)."""
        p = self.prescription
        step = max(shape.step - self.first_step, 0)
        if shape.deload:
            return self._deload(shape, day, step)
        reps, rir = self.reps_and_rir(shape, day)
        notes: list[str] = []
        if self.scheme is ProgressionScheme.UNDULATING:
            notes.append(f"{day} day")
        if not self.start.known:
            if step == 0 and not self.tests_allowed:
                notes.append(gentle_start_note(reps, rir))
                return Dose(self.sets, reps, rir, notes=tuple(notes))
            if step == 0:
                test_reps = min(max(10, p.reps_min), p.reps_max)
                notes.extend(n for n in (find_max_note(test_reps), self.start.note) if n)
                return Dose(self.sets, test_reps, rir, notes=tuple(notes))
            if self.tests_allowed:
                notes.append(unknown_load_note(p.reps_max))
            else:
                notes.append(f"load: keep every set {rir} or more reps short of failure")
            return Dose(self.sets, reps, rir, notes=tuple(notes))
        target = self.target(step, shape, day)
        load = self.ladder.floor(target)
        if target > self.ladder.heaviest + 1e-6:
            notes.append("the heaviest load your kit makes: slow the lowering to 3 s")
        elif target < self.ladder.lightest - 1e-6:
            notes.append("the lightest load your kit makes")
        if step == 0 and self.start.note:
            notes.append(self.start.note)
        return Dose(self.sets, reps, rir, load=load, notes=tuple(notes))

    def _deload(self, shape: WeekShape, day: DayType, step: int) -> Dose:
        p = self.prescription
        rir = min(p.rir + DELOAD_EXTRA_RIR, MAX_RIR)
        sets = deload_sets(self.sets)
        notes = ["deload: lighter week for recovery"]
        if not self.start.known:
            notes.append("use about 85 % of last week's load")
            return Dose(sets, p.reps_min, rir, notes=tuple(notes))
        last = self.ladder.floor(self.target(max(step - 1, 0), shape, day))
        return Dose(sets, p.reps_min, rir, load=deload_load(last, self.ladder), notes=tuple(notes))


@dataclass(frozen=True)
class BandLift:
    """Band work: double progression through the client's band colours, lightest first."""

    exercise: Exercise
    prescription: Prescription
    sets: int
    colours: tuple[str, ...]
    first_colour: int
    first_step: int

    def dose(self, shape: WeekShape) -> Dose:
        p = self.prescription
        reps = rep_ladder(p.reps_min, p.reps_max)
        step = max(shape.step - self.first_step - (1 if shape.deload else 0), 0)
        target, climbs = double_position(step, reps)
        colour = min(self.first_colour + climbs, len(self.colours) - 1)
        notes: list[str] = []
        if self.first_colour + climbs >= len(self.colours):
            target = p.reps_max
            notes.append("your heaviest band: " + TECHNIQUES[1])
        if shape.deload:
            return Dose(
                deload_sets(self.sets),
                p.reps_min,
                min(p.rir + DELOAD_EXTRA_RIR, MAX_RIR),
                band=self.colours[max(colour - 1, 0)],
                notes=("deload: lighter week for recovery",),
            )
        return Dose(self.sets, target, p.rir, band=self.colours[colour], notes=tuple(notes))


@dataclass(frozen=True)
class FixedLift:
    """Bodyweight work and holds: reps (or seconds) climb, then the tempo slows, then the
    next block brings a harder variation (chosen in :func:`plan_variations`)."""

    exercise: Exercise
    prescription: Prescription
    sets: int
    #: Technique level the block starts at: above 0 when no harder variation was available.
    technique: int = 0

    def dose(self, shape: WeekShape) -> Dose:
        p = self.prescription
        if shape.deload:
            return Dose(
                deload_sets(self.sets),
                p.reps_min,
                min(p.rir + DELOAD_EXTRA_RIR, MAX_RIR),
                notes=("deload: lighter week for recovery",),
            )
        if p.timed:
            seconds = hold_seconds(shape.block_step, shape.block_weeks, p.reps_min, p.reps_max)
            return Dose(self.sets, seconds, p.rir)
        reps, level = fixed_position(
            shape.block_step, shape.block_weeks, p.reps_min, p.reps_max, self.technique
        )
        notes = (TECHNIQUES[level],) if level else ()
        return Dose(self.sets, reps, p.rir, notes=notes)


Lift = LoadedLift | BandLift | FixedLift


# --------------------------------------------------------------------------------------
# Variation progression between blocks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """The exercise a template slot uses in one block, and why it changed."""

    exercise: Exercise
    why: str = ""
    #: The template's exercise was swapped for an easier one for this block only.
    eased: bool = False


def _seconds(items: Sequence[tuple[Exercise, int, int, str | None]]) -> int:
    """Working seconds of a session: (exercise, sets, rest, superset) in order; a superset
    pair shares one rest (``thrustplan.rules.timing.superset_seconds``, as in the checker)."""
    total, index = 0, 0
    while index < len(items):
        letter = items[index][3]
        group = [items[index]]
        while letter and index + len(group) < len(items) and items[index + len(group)][3] == letter:
            group.append(items[index + len(group)])
        total += superset_seconds(
            max(g[1] for g in group), [g[0].work_seconds for g in group], [g[2] for g in group]
        )
        index += len(group)
    return total


@dataclass
class _VariationPlanner:
    profile: ClientProfile
    template: WeeklyTemplate
    catalogue: Catalogue
    #: Lifts whose working load is already known (from a log): never eased.
    known: frozenset[ExerciseId] = frozenset()
    #: choices[block][session][slot]
    choices: list[list[list[Choice]]] = field(default_factory=list)

    def rest(self, exercise: Exercise) -> int:
        profile = self.profile
        prescription = prescribe_for(exercise, profile.goal, profile.level, profile.limitations)
        return prescription.rest_seconds

    def session_fits(self, session: int, current: list[Exercise]) -> bool:
        planned = self.template.sessions[session]
        items = [
            (x, p.sets, self.rest(x), p.superset)
            for x, p in zip(current, planned.exercises, strict=True)
        ]
        budget = (self.profile.session_minutes - WARM_UP_MINUTES) * 60 + 30
        return _seconds(items) <= budget

    def compounds_first(self, session: int, current: list[Exercise]) -> bool:
        """Whether no compound follows isolation work (a superset pair is one step)."""
        planned = self.template.sessions[session].exercises
        seen_isolation = False
        previous: str | None = None
        group_isolated = False
        for exercise, slot in zip(current, planned, strict=True):
            if slot.superset is None or slot.superset != previous:
                seen_isolation = seen_isolation or group_isolated
                group_isolated = False
            if exercise.is_compound and seen_isolation:
                return False
            group_isolated = group_isolated or not exercise.is_compound
            previous = slot.superset
        return True

    def allowed(
        self,
        candidate: Exercise,
        session: int,
        slot: int,
        week: list[list[Exercise]],
    ) -> bool:
        """May ``candidate`` replace the exercise of ``slot`` in ``session``, given the rest
        of the week as it stands?"""
        profile = self.profile
        current = week[session][slot]
        if candidate.pattern != current.pattern or exclusion_reason(candidate, profile):
            return False
        if candidate.id in profile.dislikes or candidate.level.rank > profile.level.rank + 1:
            return False
        others = [x for i, x in enumerate(week[session]) if i != slot]
        if any(x.id == candidate.id for x in others):
            return False
        partner = partner_slot(self.template.sessions[session], slot)
        if partner is not None and pairing_problem(candidate, week[session][partner]):
            return False
        trial = [*week[session]]
        trial[slot] = candidate
        if not self.session_fits(session, trial) or not self.compounds_first(session, trial):
            return False
        if is_heavy(candidate) and not any(is_heavy(x) for x in others) and not is_heavy(current):
            days = [s.day for s in self.template.sessions]
            here = list(Weekday).index(days[session])
            for other, day in enumerate(days):
                gap = (list(Weekday).index(day) - here) % 7
                if other != session and gap in (1, 6) and any(is_heavy(x) for x in week[other]):
                    return False
        ceiling = MAX_WEEKLY_SETS[profile.level]
        sets = [[p.sets for p in s.exercises] for s in self.template.sessions]

        def volume(trial_week: list[list[Exercise]]) -> dict[str, float]:
            return weekly_sets(
                (x, sets[s][i]) for s, xs in enumerate(trial_week) for i, x in enumerate(xs)
            )

        before = volume(week)
        trial_week = [list(xs) for xs in week]
        trial_week[session][slot] = candidate
        after = volume(trial_week)
        return all(v <= max(ceiling, before.get(m, 0.0)) for m, v in after.items())

    def first_allowed(
        self, ids: Sequence[ExerciseId], session: int, slot: int, week: list[list[Exercise]]
    ) -> Exercise | None:
        for candidate_id in ids:
            candidate = self.catalogue.get(candidate_id)
            if candidate is not None and self.allowed(candidate, session, slot, week):
                return candidate
        return None

    def plan(self, blocks: int) -> list[list[list[Choice]]]:
        profile = self.profile
        previous = [[Choice(p.exercise) for p in s.exercises] for s in self.template.sessions]
        for block in range(1, blocks + 1):
            week = [[c.exercise for c in s] for s in previous]
            chosen = [list(s) for s in previous]
            for s, session in enumerate(self.template.sessions):
                for i, planned in enumerate(session.exercises):
                    template_x = planned.exercise
                    before = previous[s][i]
                    choice = before
                    if block == 1:
                        choice = Choice(template_x)
                        if (
                            blocks > 1
                            and profile.level is Level.BEGINNER
                            and template_x.is_hip_thrust_family
                            and template_x.load_kind.external
                            and template_x.id not in profile.rep_maxes
                            and template_x.id not in self.known
                        ):
                            easier = self.first_allowed(template_x.easier, s, i, week)
                            if easier is not None:
                                choice = Choice(
                                    easier,
                                    f"block 1: {easier.name.lower()} to learn the movement "
                                    f"before {template_x.name.lower()}",
                                    eased=True,
                                )
                        elif below_ability(template_x, profile.level):
                            easier = self.first_allowed(template_x.easier, s, i, week)
                            if easier is not None:
                                choice = Choice(
                                    easier,
                                    f"block 1: {easier.name.lower()} to build up to "
                                    f"{template_x.name.lower()}",
                                    eased=True,
                                )
                    elif before.eased:
                        if self.allowed(template_x, s, i, week):
                            done = (
                                "loaded variation, the movement learnt"
                                if template_x.load_kind.external
                                else f"{template_x.name.lower()} itself"
                            )
                            choice = Choice(template_x, f"block {block}: {done}")
                    elif not before.exercise.load_kind.external:
                        harder = self.first_allowed(before.exercise.harder, s, i, week)
                        if harder is not None:
                            choice = Choice(
                                harder,
                                f"block {block}: harder than {before.exercise.name.lower()}",
                            )
                    chosen[s][i] = choice
                    week[s][i] = choice.exercise
            self.choices.append(chosen)
            previous = chosen
        return self.choices


def plan_variations(
    profile: ClientProfile,
    template: WeeklyTemplate,
    catalogue: Catalogue,
    blocks: int,
    known: frozenset[ExerciseId] = frozenset(),
) -> list[list[list[Choice]]]:
    """The exercise of every template slot in every block: ``result[block - 1][session][slot]``.

    Bodyweight and band work moves to the first allowed ``harder`` variation at each new
    block; a beginner's loaded hip thrust is eased to an ``easier`` variation for the
    first block when the plan has more than one and neither the profile nor ``known``
    gives its load. A swap only goes to an exercise of the
    same pattern that the client has the equipment for, that the profile does not exclude
    or dislike, that is not already in the session, and that keeps the session within
    time, its compounds ahead of isolation work, the 48-hour spacing of heavy hip work and
    the weekly set ceiling.
    """
    return _VariationPlanner(profile, template, catalogue, known).plan(blocks)


# --------------------------------------------------------------------------------------
# Building the weeks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressionResult:
    """The weeks of the programme and the name of the scheme that made them."""

    weeks: list[Week]
    scheme: str
    #: Remarks for the whole plan (e.g. a rep-max test is needed first).
    notes: tuple[str, ...] = ()


def session_date(start: dt.date, day: Weekday, week: int) -> dt.date:
    """The date of ``day``'s session in ``week``: the first such weekday on or after
    ``start``, then every 7 days.

    >>> from thrustplan.rules.profile import Weekday
    >>> session_date(dt.date(2025, 1, 1), Weekday.WED, 1)  # a Wednesday
    datetime.date(2025, 1, 1)
    >>> session_date(dt.date(2025, 1, 1), Weekday.MON, 2)
    datetime.date(2025, 1, 13)
    """
    gap = (list(Weekday).index(day) - start.weekday()) % 7
    return start + dt.timedelta(days=gap + 7 * (week - 1))


def _make_lift(
    exercise: Exercise,
    planned: PlannedExercise,
    profile: ClientProfile,
    catalogue: Catalogue,
    scheme: ProgressionScheme,
    first_step: int,
    starts: Mapping[ExerciseId, LiftStart],
    technique: int,
) -> Lift:
    # The template's prescription follows the exercise's role; a swapped variation's
    # follows the goal alone, within the client's limits.
    same = exercise.id == planned.exercise.id
    prescription = (
        planned.prescription
        if same
        else prescribe_for(exercise, profile.goal, profile.level, profile.limitations)
    )
    ladder = ladder_for(exercise, profile)
    if ladder is not None:
        start = resolve_start(exercise, profile, catalogue, starts)
        return LoadedLift(
            exercise, prescription, planned.sets, ladder, scheme, profile.level,
            profile.units, start, first_step, max_tests_allowed(profile.limitations),
        )  # fmt: skip
    # An assisting band gets lighter as the client gets stronger: it is not band resistance.
    if exercise.load_kind is LoadKind.BAND and not is_assisted(exercise):
        colours = band_colours(profile)
        first = 0 if profile.level is Level.BEGINNER else min(1, len(colours) - 1)
        return BandLift(exercise, prescription, planned.sets, colours, first, first_step)
    return FixedLift(exercise, prescription, planned.sets, technique)


def partner_slot(session: PlannedSession, index: int) -> int | None:
    """The slot of the other exercise in slot ``index``'s superset pair, if it is paired."""
    letter = session.exercises[index].superset
    if letter is None:
        return None
    return next(
        (j for j, p in enumerate(session.exercises) if j != index and p.superset == letter),
        None,
    )


def _label(session: PlannedSession, index: int) -> str:
    """'1', '2'... by group; 'A1', 'A2' inside a superset pair."""
    group, position, previous = 0, 0, None
    for planned in session.exercises[: index + 1]:
        if planned.superset and planned.superset == previous:
            position += 1
        else:
            group, position = group + 1, 1
        previous = planned.superset
    letter = session.exercises[index].superset
    return f"{letter}{position}" if letter else str(group)


def build_weeks(
    profile: ClientProfile,
    template: WeeklyTemplate,
    catalogue: Catalogue,
    *,
    starts: Mapping[ExerciseId, LiftStart] | None = None,
) -> ProgressionResult:
    """Spread ``template`` over ``profile.weeks`` weeks with the client's progression scheme.

    Sessions keep the template's exercise order. A slot keeps its exercise for the whole
    programme except for planned variation swaps between blocks (:func:`plan_variations`).
    Deload weeks have fewer sets, lighter loads and more reps in reserve. Loads are in the
    profile's units and always ones the client's kit makes; ``starts`` (from a log) take
    precedence over rep-maxes and estimates.
    """
    starts = starts or {}
    scheme = choose_scheme(profile)
    shapes = calendar(scheme, profile.weeks)
    blocks = shapes[-1].block
    choices = plan_variations(profile, template, catalogue, blocks, frozenset(starts))
    first_step_of_block: dict[int, int] = {}
    for shape in shapes:
        first_step_of_block.setdefault(shape.block, shape.step)

    # One lift per (session, slot, block), created where its exercise first appears.
    lifts: dict[tuple[int, int, int], Lift] = {}
    for s, session in enumerate(template.sessions):
        for i, planned in enumerate(session.exercises):
            technique, first_step = 0, 0
            for block in range(1, blocks + 1):
                exercise = choices[block - 1][s][i].exercise
                previous = lifts.get((s, i, block - 1))
                if previous is not None and previous.exercise.id == exercise.id:
                    if isinstance(previous, FixedLift):
                        technique = min(previous.technique + 1, len(TECHNIQUES) - 1)
                        lifts[(s, i, block)] = FixedLift(
                            exercise, previous.prescription, previous.sets, technique
                        )
                    else:
                        lifts[(s, i, block)] = previous
                    continue
                first_step = first_step_of_block[block]
                lifts[(s, i, block)] = _make_lift(
                    exercise, planned, profile, catalogue, scheme, first_step, starts, 0
                )

    template_seconds = [
        _seconds(
            [(p.exercise, p.sets, p.prescription.rest_seconds, p.superset) for p in s.exercises]
        )
        for s in template.sessions
    ]
    weeks: list[Week] = []
    for shape in shapes:
        sessions: list[Session] = []
        # Which occurrence of each exercise in the week a session holds (for undulation).
        occurrences: dict[ExerciseId, int] = {}
        for s, session in enumerate(template.sessions):
            for i in range(len(session.exercises)):
                key = lifts[(s, i, shape.block)].exercise.id
                occurrences[key] = occurrences.get(key, 0) + 1
        seen: dict[ExerciseId, int] = {}
        for s, session in enumerate(template.sessions):
            entries: list[ExerciseEntry] = []
            timing: list[tuple[Exercise, int, int, str | None]] = []
            for i, planned in enumerate(session.exercises):
                lift = lifts[(s, i, shape.block)]
                choice = choices[shape.block - 1][s][i]
                exercise = lift.exercise
                if isinstance(lift, LoadedLift):
                    nth = seen.get(exercise.id, 0)
                    seen[exercise.id] = nth + 1
                    dose = lift.dose(shape, undulating_day(nth, occurrences[exercise.id]))
                else:
                    dose = lift.dose(shape)
                other = partner_slot(session, i)
                partner = None if other is None else (other, lifts[(s, other, shape.block)])
                entries.append(_entry(profile, session, i, planned, lift, dose, choice, partner))
                timing.append(
                    (exercise, dose.sets, lift.prescription.rest_seconds, planned.superset)
                )
            delta = math.ceil((_seconds(timing) - template_seconds[s]) / 60)
            sessions.append(
                Session(
                    day=session.day,
                    date=(
                        session_date(profile.start_date, session.day, shape.number)
                        if profile.start_date
                        else None
                    ),
                    focus=session.focus,
                    estimated_minutes=max(session.minutes + delta, WARM_UP_MINUTES),
                    exercises=entries,
                )
            )
        weeks.append(
            Week(
                number=shape.number,
                deload=shape.deload,
                phase=shape.phase,
                phase_name=shape.phase_name,
                sessions=sessions,
            )
        )
    notes = tuple(
        sorted(
            {
                f"{lift.exercise.name}: first week is a rep-max test"
                for lift in lifts.values()
                if isinstance(lift, LoadedLift) and not lift.start.known and lift.tests_allowed
            }
        )
    )
    return ProgressionResult(weeks=weeks, scheme=SCHEME_NAMES[scheme], notes=notes)


def _entry(
    profile: ClientProfile,
    session: PlannedSession,
    index: int,
    planned: PlannedExercise,
    lift: Lift,
    dose: Dose,
    choice: Choice,
    partner: tuple[int, Lift] | None = None,
) -> ExerciseEntry:
    """The entry of slot ``index``; ``partner`` is its superset partner's slot and lift."""
    p = lift.prescription
    loaded = isinstance(lift, LoadedLift) and dose.load is not None
    ladder = lift.ladder if isinstance(lift, LoadedLift) else None
    notes = [n for n in (p.note, *dose.notes) if n]
    reason, rest = planned.reason, p.rest_seconds
    if partner is not None:
        other, partner_lift = partner
        # The first of a pair goes straight on to the second, which rests for both.
        rest = 0 if index < other else max(rest, partner_lift.prescription.rest_seconds)
        # A block may have swapped the partner for a variation: name the one done now.
        label = _label(session, other)
        was = pairing_note(session.exercises[other].exercise, label)
        reason = reason.replace(was, pairing_note(partner_lift.exercise, label))
    reason = reason if not choice.why else f"{reason}; {choice.why}".lstrip("; ")
    return ExerciseEntry(
        order=index + 1,
        label=_label(session, index),
        superset=planned.superset,
        exercise_id=lift.exercise.id,
        name=lift.exercise.name,
        sets=dose.sets,
        reps_min=p.reps_min,
        reps_max=p.reps_max,
        target_reps=dose.target_reps,
        timed=p.timed,
        load=dose.load if loaded else None,
        load_unit=profile.units if loaded else None,
        load_per=ladder.per if loaded and ladder is not None else None,
        plates=ladder.plates(dose.load) if loaded and ladder is not None and dose.load else None,
        band=dose.band,
        rest_seconds=rest,
        rir=dose.rir,
        notes="; ".join(notes),
        reason=reason,
    )
