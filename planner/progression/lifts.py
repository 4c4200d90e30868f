"""Lifts: each template slot's prescription as a pure function of the week.

A loaded lift's load is read off the effort chart (:func:`~thrustplan.rules.strength.load_for`)
from its estimated max, which rises at its level's rate (:mod:`.rates`), for the week's
reps and reserve, then rounded down to a load the client's kit makes: every set agrees
with its reps and reps in reserve within one kit step. Double progression holds its load
through each climb of the rep ladder instead and reads the week's reserve off the chart
for that load (:meth:`LoadedLift.holds_load`). Band work climbs through the band colours,
and bodyweight work by reps, then tempo. Where each lift starts is decided in
:mod:`.starts`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, Level, LoadKind
from thrustplan.planner.progression.loads import TOLERANCE, LoadLadder
from thrustplan.planner.progression.phases import WeekShape
from thrustplan.planner.progression.rates import DOUBLE_PACE, Rate, rate_for
from thrustplan.planner.progression.schemes import (
    DELOAD_EXTRA_RIR,
    MAX_RIR,
    TECHNIQUES,
    DayType,
    block_reps,
    day_reps,
    deload_load,
    deload_sets,
    double_position,
    fixed_position,
    hold_seconds,
    linear_reps,
    rep_ladder,
)
from thrustplan.planner.progression.starts import (
    Start,
    estimate_note,
    find_load_note,
    work_up_note,
)
from thrustplan.rules.prescription import FIRST_WEEK_ISOLATION_RIR, Prescription
from thrustplan.rules.profile import ProgressionScheme, Units
from thrustplan.rules.strength import load_for, max_from_set, reps_in_reserve

#: Reps past the top of the range, at the heaviest load the kit makes, from which each
#: next way to keep progressing applies (``docs/progression.md``, "When the kit tops out").
TEMPO_FROM, PAUSE_FROM, ONE_SIDED_FROM = 1, 3, 6


@dataclass(frozen=True)
class Dose:
    """One week's prescription for one slot."""

    sets: int
    target_reps: int
    rir: int
    load: float | None = None
    band: str | None = None
    notes: tuple[str, ...] = ()
    #: The estimated max the load was read from.
    one_rep_max: float | None = None
    #: The load the chart gave before rounding to the kit.
    target: float | None = None


#: What the page says of a load held at the top of the range because the kit's next load
#: up is still too far (:meth:`LoadedLift.holds_load`).
TOO_BIG_A_STEP = "is too big a step for now"


def top_out_note(over: int, kit: str, one_sided: Exercise | None, *, gap: bool = False) -> str:
    """How to keep progressing at the heaviest load the kit makes (or, with ``gap``, at a
    load whose next step up the kit is still too far off), ``over`` reps past the top of
    the range: a slower lowering, then a pause, then one side at a time.

    >>> top_out_note(1, "dumbbell", None)
    'your heaviest dumbbell: lower for 3 s'
    >>> top_out_note(4, "dumbbell", None)
    'your heaviest dumbbell: lower for 3 s and pause 2 s at the bottom'
    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> top_out_note(7, "dumbbell", builtin_catalogue()["weighted_single_leg_hip_thrust"])
    'your heaviest dumbbell: do it one side at a time (weighted single-leg hip thrust)'
    >>> top_out_note(2, "kettlebell", None, gap=True)
    'the next kettlebell up is too big a step for now: lower for 3 s'
    """
    if over >= ONE_SIDED_FROM and one_sided is not None:
        how = f"do it one side at a time ({one_sided.name.lower()})"
    elif over >= PAUSE_FROM:
        how = "lower for 3 s and pause 2 s at the bottom"
    else:
        how = TECHNIQUES[1]
    where = f"the next {kit} up {TOO_BIG_A_STEP}" if gap else f"your heaviest {kit}"
    return f"{where}: {how}"


#: The most reps in reserve past the prescription's a held load's week may leave: past
#: it the week does more reps at the held load. A climb of more reps than the max grows
#: by would otherwise start five or more short of failure, sets too easy to build
#: anything (an advanced lifter's 8-12, an isolation move's 12-20).
HELD_SLACK = 1

#: Reps in reserve a light day adds: about 6 % off the heavy day's load on the chart, as
#: the Texas Method's recovery day takes 80-90 % of Monday's (practitioner).
LIGHT_DAY_EXTRA_RIR = 2
LIGHT_DAY_NOTE = "light day: lighter than this week's first session, for recovery"
#: What the page says of an undulating light day that the kit can make lighter than the
#: week's heavier day only by more than the day's reserve: by its next load down, or at
#: the same load without the heavier day's slower tempo (:meth:`LoadedLift._eased`).
EASY_ON_PURPOSE = "easy on purpose"


def reps_at(one_rep_max: float, load: float, rir: int, most: int) -> int:
    """The most reps (up to ``most``) a set at ``load`` allows with ``rir`` in reserve.

    >>> reps_at(100, 70, 2, 30)
    9
    """
    reps = 1
    while reps < most and load_for(one_rep_max, reps + 1, rir) >= load - 1e-9:
        reps += 1
    return reps


@dataclass(frozen=True)
class _Week:
    """A loaded lift's normal week: reps, reserve, the load on the kit and the chart's
    before rounding, the estimated max it was read from, and the notes."""

    reps: int
    rir: int
    load: float
    target: float
    one_rep_max: float
    notes: tuple[str, ...]
    #: A held load's reps on its rep ladder, before the top-out branch adds any.
    climb_reps: int | None = None


@dataclass(frozen=True)
class _Held:
    """Where a normal week of a held load stands: the rung's reps, the reserve the chart
    gives the cycle's load at them, that load before rounding, and whether the reps stay
    at the top of the range because the kit's next load is still too far off."""

    reps: int
    rir: int
    load: float
    stays: bool


@dataclass(frozen=True)
class LoadedLift:
    """A lift loaded by a number on a bar, dumbbell, kettlebell or stack.

    ``first_step`` and ``first_block`` are the programme step and block of the first week
    it appears in; its own progression counts from there.
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
    first_block: int = 1
    #: A one-sided sibling to move to when the kit tops out.
    one_sided: Exercise | None = None
    #: Its second and later sessions of a week are light days (a trained client's
    #: strength main lift: the Texas Method's and GZCLP's lighter second squat).
    light_repeats: bool = False
    #: The programme step of each block's first normal week, block 1 first: a held load
    #: is set for a whole climb of the rep ladder, which may cross a block, and an
    #: advanced lifter's max grows by the block.
    block_steps: tuple[int, ...] = ()

    @property
    def rate(self) -> Rate:
        p = self.prescription
        return rate_for(
            self.exercise, self.level, self.units, linear_reps(p.reps_min, p.reps_max), p.rir
        )

    @property
    def holds_load(self) -> bool:
        """Whether the load is held while the reps climb: double progression keeps a load
        from the bottom of the range to the top, then adds load and starts again at the
        bottom. A max that grows every session (a beginner's barbell or machine compound)
        adds load every session instead, as the beginner programmes do."""
        return self.scheme is ProgressionScheme.DOUBLE and not self.rate.per_session

    @property
    def _ladder_reps(self) -> tuple[int, ...]:
        """The rungs of double progression's rep ladder."""
        return rep_ladder(self.prescription.reps_min, self.prescription.reps_max)

    def _rungs_climbed(self, step: int) -> int:
        """Rungs of the rep ladder climbed by programme step ``step``, over every climb."""
        return max(step - self.first_step, 0) // DOUBLE_PACE[self.level]

    def reps_and_rir(self, shape: WeekShape, day: DayType) -> tuple[int, int]:
        """Target reps and reps in reserve for a normal week (a held load's reserve is
        read off the chart instead: :meth:`dose`)."""
        p = self.prescription
        match self.scheme:
            case ProgressionScheme.LINEAR:
                return linear_reps(p.reps_min, p.reps_max), p.rir
            case ProgressionScheme.DOUBLE:
                return double_position(self._rungs_climbed(shape.step), self._ladder_reps)[0], p.rir
            case ProgressionScheme.UNDULATING:
                light = 1 if day == "light" else 0
                return day_reps(day, p.reps_min, p.reps_max), min(p.rir + light, MAX_RIR)
            case _:
                return block_reps(shape.kind, p.reps_min, p.reps_max), p.rir

    def _base_max(self, shape: WeekShape, day: DayType) -> float:
        """The starting max, raised where needed so that the first week's load is not
        below the floor the log set (a load met in full at 1 or more in reserve), nor an
        estimated barbell lift's below the empty bar: everyone's first barbell press
        starts with the bar and adds to it (Starting Strength), and an estimate under it
        would hold the bar for weeks while the max grew out of sight."""
        floor = self.start.floor
        if self.start.estimated and self.exercise.load_kind is LoadKind.BARBELL:
            floor = max(floor or 0.0, self.ladder.lightest)
        if floor is None:
            return self.start.one_rep_max
        if self.holds_load:
            # The first climb's load grows with the max in proportion.
            held = self._cycle_target(0, self.start.one_rep_max)
            return self.start.one_rep_max * max(floor / held, 1.0)
        first = replace(shape, step=self.first_step, block_step=0, deload=False)
        reps, rir = self.reps_and_rir(first, day)
        return max(self.start.one_rep_max, max_from_set(floor, reps, rir))

    def one_rep_max(
        self, shape: WeekShape, day: DayType, session: int = 0, per_week: int = 1
    ) -> float:
        """The estimated max of week ``shape``: the start, grown at the level's rate for
        each normal week (for a beginner, each session: ``session`` of the ``per_week``
        the lift has; for advanced lifters, each new block) since the first."""
        weeks = max(shape.step - self.first_step, 0)
        blocks = max(shape.block - self.first_block, 0)
        sessions = weeks * per_week + session
        return self.rate.max_at(self._base_max(shape, day), weeks, blocks, sessions)

    def _max_at(self, step: int, base: float) -> float:
        """A held load's estimated max in the normal week at programme step ``step``,
        from ``base``: it grows by a share a week or a block, never by the session."""
        block = max(
            (b for b, first in enumerate(self.block_steps, start=1) if first <= step),
            default=self.first_block,
        )
        weeks = max(step - self.first_step, 0)
        return self.rate.max_at(base, weeks, max(block - self.first_block, 0))

    def _cycle_target(self, cycle: int, base: float) -> float:
        """The load held through the lift's ``cycle``-th climb of the rep ladder (from 0),
        before rounding: the heaviest at which the first week of every rung leaves the
        prescription's reserve. The max grows through the climb, so the bottom reps leave
        more in reserve and the top reps land on the prescription."""
        reps, pace = self._ladder_reps, DOUBLE_PACE[self.level]
        first = self.first_step + cycle * len(reps) * pace
        rir = self.prescription.rir
        return min(
            load_for(self._max_at(first + i * pace, base), r, rir) for i, r in enumerate(reps)
        )

    def _climb_load(self, cycle: int, base: float) -> float:
        """The load the ``cycle``-th climb aims at: the chart's (:meth:`_cycle_target`),
        or, where the kit's load below it is so far below that even the top of the range
        would leave more than :data:`HELD_SLACK` reps spare, the kit's next load up, when
        the bottom of the range at the prescribed reserve fits it at the climb's first
        max. A client who rows 8 kg for 10 then holds the 8 kg bell and climbs from 8
        reps as the max grows, rather than the 4 kg bell for a dozen easy reps."""
        p = self.prescription
        target = self._cycle_target(cycle, base)
        ladder = self.ladder
        if not ladder.lightest - TOLERANCE <= target <= ladder.heaviest + TOLERANCE:
            return target
        low = ladder.floor(target)
        up = ladder.up(low)
        pace = DOUBLE_PACE[self.level]
        first_max = self._max_at(self.first_step + cycle * len(self._ladder_reps) * pace, base)
        spare = reps_at(first_max, low, p.rir, p.reps_max + ONE_SIDED_FROM) - p.reps_max
        fits = up > low + TOLERANCE and load_for(first_max, p.reps_min, p.rir) >= up - TOLERANCE
        return up if spare > HELD_SLACK and fits else target

    def _cycle_load(self, cycle: int, base: float) -> tuple[float, bool]:
        """The load held through the ``cycle``-th climb, before rounding, and whether the
        climb stays at the top of the range: where the kit makes nothing heavier than the
        last climb's load yet, going back to the bottom reps at that same load would undo
        the climb, so the reps stay at the top, at the last climb's load, until the
        chart's load reaches the kit's next one (or, below the kit's lightest load, until
        it reaches the lightest: the climb then starts afresh at a load that fits)."""
        ladder = self.ladder
        held, stays = self._climb_load(0, base), False
        for later in range(1, cycle + 1):
            target = self._climb_load(later, base)
            below = ladder.lightest - TOLERANCE
            stays = (
                ladder.floor(target) <= ladder.floor(held) + TOLERANCE
                and (held >= below) == (target >= below)
                and target <= ladder.heaviest + TOLERANCE
            )
            held = held if stays else target
        return held, stays

    def _climb_reps(self, load: float, step: int, one_rep_max: float) -> int:
        """The reps of the normal week at programme step ``step`` of a climb held at
        ``load`` (before rounding), whose max that week is ``one_rep_max``: the rung's,
        or more where the rung's reps would leave more than :data:`HELD_SLACK` reps in
        reserve past the prescription's, up to the top of the range."""
        p = self.prescription
        reps = self._ladder_reps
        rung = reps[self._rungs_climbed(step) % len(reps)]
        spare = reps_in_reserve(load, one_rep_max, rung) - p.rir - HELD_SLACK
        # The chart reads reps to failure: each rep more takes one from the reserve.
        return min(rung + max(spare, 0), max(p.reps_max, rung))

    def _held(self, shape: WeekShape, day: DayType, one_rep_max: float) -> _Held:
        """Normal week ``shape`` of a held load, whose max that week is ``one_rep_max``:
        the rung's reps at the cycle's load, or more where the rung's would be too easy
        (:meth:`_climb_reps`; never fewer than an earlier week of the climb did), at the
        reserve the chart gives that load at those reps (never fewer than prescribed, at
        most :data:`MAX_RIR`)."""
        p = self.prescription
        reps = self._ladder_reps
        cycle, position = divmod(self._rungs_climbed(shape.step), len(reps))
        base = self._base_max(shape, day)
        load, stays = self._cycle_load(cycle, base)
        if stays:
            # The prescription's reserve, kept by the technique notes as at the heaviest
            # load (or, at a lightest load that is still too heavy, by stopping short). A
            # climb that took the kit's next load up may not reach the top yet: the reps
            # the load allows at that reserve, as the climb's last week had.
            reps_now = p.reps_max
            if load >= self.ladder.lightest - TOLERANCE:
                reps_now = max(min(reps_now, reps_at(one_rep_max, load, p.rir, reps_now)), 1)
            return _Held(reps_now, p.rir, load, True)
        if load > self.ladder.heaviest + TOLERANCE:
            # Past the heaviest load the reps rise to keep the prescription's reserve.
            return _Held(reps[position], p.rir, load, False)
        first = self.first_step + cycle * len(reps) * DOUBLE_PACE[self.level]
        earlier = (
            self._climb_reps(load, s, self._max_at(s, base)) for s in range(first, shape.step)
        )
        done = max([self._climb_reps(load, shape.step, one_rep_max), *earlier])
        # On a climb that took the kit's next load up (:meth:`_climb_load`), the reps
        # climb only as the max allows them at the prescribed reserve.
        done = min(done, max(reps_at(one_rep_max, load, p.rir, done), p.reps_min))
        rir = reps_in_reserve(load, one_rep_max, done)
        return _Held(done, min(max(rir, p.rir), MAX_RIR), load, False)

    def dose(self, shape: WeekShape, day: DayType, session: int = 0, per_week: int = 1) -> Dose:
        """The prescription of week ``shape`` (a pure function of the week) for the
        lift's ``session``-th session of the ``per_week`` it has a week."""
        if shape.deload:
            return self._deload(shape, day, session, per_week)
        week = self._normal(shape, day, session, per_week)
        return Dose(
            self.sets, week.reps, week.rir, week.load, notes=week.notes,
            one_rep_max=week.one_rep_max, target=week.target,
        )  # fmt: skip

    def _normal(self, shape: WeekShape, day: DayType, session: int, per_week: int) -> _Week:
        """Normal week ``shape`` for the lift's ``session``-th session of ``per_week``."""
        p = self.prescription
        step = max(shape.step - self.first_step, 0)
        one_rep_max = self.one_rep_max(shape, day, session, per_week)
        held = self._held(shape, day, one_rep_max) if self.holds_load else None
        if held is None:
            reps, rir = self.reps_and_rir(shape, day)
        else:
            reps, rir = held.reps, held.rir
        if step == 0:
            rir = self._first_week_rir(rir, held is not None)
        notes: list[str] = [f"{day} day"] if self.scheme is ProgressionScheme.UNDULATING else []
        if self._light_day(session):
            rir = min(rir + LIGHT_DAY_EXTRA_RIR, MAX_RIR)
            notes.append(LIGHT_DAY_NOTE)
        target = load_for(one_rep_max, reps, rir)
        if held is not None:
            # The held load, or lighter where the week asks for more in reserve than the
            # chart gives it (a guess's first week, a light day).
            target = min(held.load, target)
        load = self.ladder.floor(target)
        top = p.reps_max
        kit = self._kit_word()
        day_notes = len(notes)
        if target > self.ladder.heaviest + 1e-6:
            most = reps_at(one_rep_max, load, rir, top + ONE_SIDED_FROM)
            reps = max(min(most, top), reps)
            notes.append(top_out_note(most - top, kit, self.one_sided))
        elif held is not None and held.stays and target >= self.ladder.lightest - 1e-6:
            most = reps_at(one_rep_max, load, rir, top + ONE_SIDED_FROM)
            notes.append(top_out_note(most - top, kit, self.one_sided, gap=True))
        elif target < self.ladder.lightest - 1e-6:
            notes.append(f"the lightest load your kit makes: stop {rir} short of failure")
        else:
            # A held load keeps its load through the climb: only its reps may rise.
            load, reps, over = self._fit_to_kit(one_rep_max, load, reps, rir, held is None)
            if over > HELD_SLACK:
                notes.append(top_out_note(over, kit, self.one_sided, gap=True))
        if eased := self._lighter_than_heavier(shape, day, per_week, one_rep_max, load, reps, rir):
            # The kit's notes were for the day's own set, which it no longer is.
            load, reps, rir, said = eased
            notes = [*notes[:day_notes], *said]
        if held is None:
            # As the found-load notes read it: at the reps the page prints.
            target = load_for(one_rep_max, reps, rir)
        if step == 0:
            notes.extend(self._first_week_notes(shape.number, reps, load, rir))
        climb = None if held is None else held.reps
        return _Week(reps, rir, load, target, one_rep_max, tuple(notes), climb)

    def _first_week_rir(self, rir: int, held: bool) -> int:
        """The reserve of the lift's first week, from the week's own ``rir``."""
        if self.start.estimated:
            # A guess starts a reserve rep lighter (RIR 3-4 for a beginner); a held load's
            # first week may already leave that.
            guess = self.prescription.rir if held else rir
            rir = max(rir, min(guess + 1, MAX_RIR))
        if not self.exercise.is_compound:
            # Isolation work meets a new load in week 1 two or more short of failure.
            rir = max(rir, FIRST_WEEK_ISOLATION_RIR)
        return rir

    def _lighter_than_heavier(
        self,
        shape: WeekShape,
        day: DayType,
        per_week: int,
        one_rep_max: float,
        load: float,
        reps: int,
        rir: int,
    ) -> tuple[float, int, int, tuple[str, ...]] | None:
        """:meth:`_eased` against the week's heavier day (:meth:`_heavier_day`), if any."""
        heavier = self._heavier_day(shape, day, per_week)
        if heavier is None:
            return None
        return self._eased(heavier, day, one_rep_max, load, reps, rir)

    def _undulates_below(self, day: DayType, per_week: int) -> bool:
        """Whether ``day`` of an undulating lift done ``per_week`` times has a heavier day
        in its week (:meth:`_heavier_day`)."""
        undulating = self.scheme is ProgressionScheme.UNDULATING
        return undulating and per_week >= 2 and day != "heavy"

    def _heavier_day(self, shape: WeekShape, day: DayType, per_week: int) -> _Week | None:
        """The day of the week an undulating lift's ``day`` must stay lighter than: a
        moderate day its heavy day; a light day its heavy day and its moderate day, where
        the week has one, so the lighter of the two. None for a heavy day, a lift done once
        a week, or another scheme. Each day's own occurrence in the week
        (:func:`undulating_day`) is its session."""
        if not self._undulates_below(day, per_week):
            return None
        heavy = self._normal(shape, "heavy", 0, per_week)
        if day == "moderate" or per_week < 3:
            return heavy
        # The kit may leave the moderate day no lighter than the heavy one, or heavier.
        moderate = self._normal(shape, "moderate", 2, per_week)
        return min(heavy, moderate, key=lambda week: (week.load, week.reps))

    def _eased(
        self,
        heavier: _Week,
        day: DayType,
        one_rep_max: float,
        load: float,
        reps: int,
        rir: int,
    ) -> tuple[float, int, int, tuple[str, ...]] | None:
        """Load, reps, reserve and any note that keep ``day`` lighter than the
        ``heavier`` day of its week where the kit left them alike.

        A coarse kit rounds the heavy day's load down to the light day's, or steps the
        light day's up to the heavy day's, and the reps that keep each set honest then
        meet or cross (a heavy and a light day both at 8 kg x 12). The day then takes the
        kit's next load down, at the most reps of the range that leave its own reserve
        ``rir``; failing that, the same load for fewer reps; either only where the chart
        gives that set ``rir`` or at most :data:`HELD_SLACK` more, which it prints. A
        light day may be easier still, as a recovery day is: the next load down for the
        range's reps, or the same set without the heavier day's slower tempo, with a
        note that says so (:data:`EASY_ON_PURPOSE`) and at most :data:`MAX_RIR`
        printed. None where the day is lighter already or nothing fits.
        """
        same = abs(load - heavier.load) <= TOLERANCE
        if load < heavier.load - TOLERANCE or (same and reps < heavier.reps):
            return None
        p = self.prescription
        lighter = self.ladder.below(heavier.load)
        ways: list[tuple[float, int]] = []
        if lighter < heavier.load - TOLERANCE:
            ways.append((lighter, reps_at(one_rep_max, lighter, rir, p.reps_max)))
        ways.append((heavier.load, reps_at(one_rep_max, heavier.load, rir, heavier.reps - 1)))
        for eased, fewer in ways:
            honest = reps_in_reserve(eased, one_rep_max, fewer)
            near = self.ladder.up(eased) > load_for(one_rep_max, fewer, rir)
            if fewer >= p.reps_min and rir <= honest <= rir + HELD_SLACK and near:
                return eased, fewer, rir, ()
        if day != "light":
            return None
        easy: list[tuple[float, int, str]] = []
        down, most = ways[0]
        if down < heavier.load - TOLERANCE and most >= p.reps_min:
            easy.append((down, most, f"the next {self._kit_word()} down"))
        if any(TOO_BIG_A_STEP in n or n.startswith("your heaviest") for n in heavier.notes):
            easy.append((heavier.load, heavier.reps, "at the usual tempo"))
        for eased, fewer, how in easy:
            # Never a kit step lighter than the chart's load at the reserve printed.
            if self.ladder.up(eased) > load_for(one_rep_max, fewer, MAX_RIR) >= eased - TOLERANCE:
                honest = min(reps_in_reserve(eased, one_rep_max, fewer), MAX_RIR)
                return eased, fewer, max(honest, rir), (f"{how}, {EASY_ON_PURPOSE}",)
        return None

    def _kit_word(self) -> str:
        """What a load is counted on, for the page: a dumbbell, a kettlebell, or a load."""
        return "load" if self.ladder.per == "total" else self.ladder.per

    def _fit_to_kit(
        self, one_rep_max: float, load: float, reps: int, rir: int, may_step_up: bool = True
    ) -> tuple[float, int, int]:
        """The load, the reps and the reps left over past the top of the range, for a set
        of ``reps`` at ``rir`` in reserve whose chart load the kit rounded down to
        ``load``. A coarse kit can leave such a set far easier than printed (a 15 lb
        cable set at the stack's 10 lb pin). Within :data:`HELD_SLACK` of the reserve it
        stands; past it the reps rise, within the range, until the set leaves ``rir`` in
        reserve again; failing that (and ``may_step_up``), the kit's next load up at
        fewer reps, still within the range; failing that too, the top of the range, with
        the reps it leaves over for the page's technique note to take up."""
        top = max(self.prescription.reps_max, reps)
        most = reps_at(one_rep_max, load, rir, top + ONE_SIDED_FROM)
        if most - reps <= HELD_SLACK:
            return load, reps, 0
        if most - top <= HELD_SLACK:
            return load, min(most, top), 0
        up = self.ladder.up(load)
        if may_step_up and up > load + TOLERANCE:
            fewer = reps_at(one_rep_max, up, rir, top)
            if fewer >= self.prescription.reps_min and load_for(one_rep_max, fewer, rir) >= up:
                # The heaviest load those reps allow: on a coarse kit, perhaps past ``up``.
                return self.ladder.floor(load_for(one_rep_max, fewer, rir)), fewer, 0
        return load, top, most - top

    def _light_day(self, session: int) -> bool:
        """Whether the lift's ``session``-th session of the week is a light day
        (:attr:`light_repeats`; an undulating plan has its own light days)."""
        undulating = self.scheme is ProgressionScheme.UNDULATING
        return self.light_repeats and session > 0 and not undulating

    def _first_week_notes(self, week: int, reps: int, load: float, rir: int) -> list[str]:
        """The notes of the lift's first week, ``week`` of the programme (a lift a later
        block swaps in starts there)."""
        notes = [self.start.note] if self.start.note else []
        unit = self.units.value
        if self.start.work_up:
            notes.insert(0, work_up_note(reps, load, unit, week=week))
        elif self.start.find_load:
            timed = self.prescription.timed
            notes.insert(0, find_load_note(reps, load, unit, timed, week=week, rir=rir))
        elif self.start.estimated:
            notes.append(estimate_note(rir))
        return notes

    def _deload(self, shape: WeekShape, day: DayType, session: int, per_week: int) -> Dose:
        """A lighter week: fewer sets, the last normal week's reps two more short of
        failure, so the load drops about a tenth and the effort eases; still a session.
        A held load eases from the load held that week."""
        p = self.prescription
        last = replace(shape, step=max(shape.step - 1, self.first_step), deload=False)
        notes = ("deload: lighter week for recovery",)
        if self.holds_load:
            week = self._normal(last, day, session, per_week)
            # The climb's reps: at the heaviest load the week's extra reps kept its effort.
            reps = week.reps if week.climb_reps is None else week.climb_reps
            rir = min(max(week.rir, p.rir) + DELOAD_EXTRA_RIR, MAX_RIR)
            target = min(week.target, load_for(week.one_rep_max, reps, rir))
            load = deload_load(week.load, self.ladder, target)
            return Dose(
                deload_sets(self.sets), reps, rir, load, notes=notes,
                one_rep_max=week.one_rep_max, target=target,
            )  # fmt: skip
        reps, rir = self.reps_and_rir(last, day)
        if self._light_day(session):
            # Lighter than the light day it stands in for, not only than the heavy one.
            rir = min(rir + LIGHT_DAY_EXTRA_RIR, MAX_RIR)
        one_rep_max = self.one_rep_max(last, day, session, per_week)
        before = self.ladder.floor(load_for(one_rep_max, reps, rir))
        if self._undulates_below(day, per_week):
            # An undulating day the kit eased (:meth:`_eased`) printed a lighter set than
            # its chart's: the deload eases from what the page printed.
            printed = self._normal(last, day, session, per_week)
            before, rir = min(before, printed.load), max(rir, printed.rir + 1 - DELOAD_EXTRA_RIR)
        rir = min(max(rir, p.rir) + DELOAD_EXTRA_RIR, MAX_RIR)
        target = load_for(one_rep_max, reps, rir)
        load = deload_load(before, self.ladder, target)
        return Dose(
            deload_sets(self.sets), reps, rir, load, notes=notes, one_rep_max=one_rep_max,
            target=target,
        )  # fmt: skip


def one_sided_sibling(exercise: Exercise, catalogue: Catalogue) -> Exercise | None:
    """A harder, one-sided variation of ``exercise`` that keeps its kind of load."""
    for candidate_id in exercise.harder:
        candidate = catalogue.get(candidate_id)
        if (
            candidate is not None
            and candidate.is_unilateral
            and candidate.load_kind is exercise.load_kind
        ):
            return candidate
    return None


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
