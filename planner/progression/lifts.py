"""Lifts and where they start: each template slot's prescription as a function of the week.

A loaded lift climbs by load on the client's own kit, a band lift through the band
colours, and bodyweight work by reps, then tempo. Starting loads come from a log, the
client's rep-maxes or an estimate (:mod:`thrustplan.rules.strength`: loads by reps and
reps in reserve).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level
from thrustplan.planner.progression.loads import KG_PER_LB, LoadLadder
from thrustplan.planner.progression.phases import WeekShape
from thrustplan.planner.progression.schemes import (
    DELOAD_EXTRA_RIR,
    LINEAR_STEP_KG,
    LOWER_BODY_PATTERNS,
    MAX_RIR,
    TECHNIQUES,
    WEEKLY_GROWTH,
    DayType,
    block_reps,
    day_reps,
    deload_load,
    deload_sets,
    double_position,
    fixed_position,
    growth_target,
    hold_seconds,
    linear_reps,
    linear_target,
    rep_ladder,
)
from thrustplan.rules.populations import gentle_start_note
from thrustplan.rules.prescription import Prescription
from thrustplan.rules.profile import ClientProfile, ProgressionScheme, Units
from thrustplan.rules.strength import (
    estimate_max,
    hip_thrust_max_estimate,
    implements_held,
    load_for,
    max_from_set,
    transfer_ratio,
)


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
        step = max(shape.step - self.first_step, 0)
        if shape.deload:
            return self._deload(shape, day, step)
        reps, rir = self.reps_and_rir(shape, day)
        notes: list[str] = []
        if self.scheme is ProgressionScheme.UNDULATING:
            notes.append(f"{day} day")
        if not self.start.known:
            return self._unknown_load(step, reps, rir, notes)
        target = self.target(step, shape, day)
        load = self.ladder.floor(target)
        if target > self.ladder.heaviest + 1e-6:
            notes.append("the heaviest load your kit makes: slow the lowering to 3 s")
        elif target < self.ladder.lightest - 1e-6:
            notes.append("the lightest load your kit makes")
        if step == 0 and self.start.note:
            notes.append(self.start.note)
        return Dose(self.sets, reps, rir, load=load, notes=tuple(notes))

    def _unknown_load(self, step: int, reps: int, rir: int, notes: list[str]) -> Dose:
        """A week of a lift whose load is not known yet: a rep-max test first, where the
        client may test (never in pregnancy), else a gentle start."""
        p = self.prescription
        if step == 0 and not self.tests_allowed:
            notes.append(gentle_start_note(reps, rir))
        elif step == 0:
            test_reps = min(max(10, p.reps_min), p.reps_max)
            notes.extend(n for n in (find_max_note(test_reps), self.start.note) if n)
            return Dose(self.sets, test_reps, rir, notes=tuple(notes))
        elif self.tests_allowed:
            notes.append(unknown_load_note(p.reps_max))
        else:
            notes.append(f"load: keep every set {rir} or more reps short of failure")
        return Dose(self.sets, reps, rir, notes=tuple(notes))

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
