"""Progression: the weekly template spread over the weeks, with loads that exist.

The solver answers "which exercises, how many sets"; progression answers "how much, how
many reps, which week is lighter". It is pure: the same profile, template and catalogue
always give the same weeks. The parts: the scheme and its calendar
(:mod:`~thrustplan.planner.progression.phases`), the pure functions of the week
(:mod:`~thrustplan.planner.progression.schemes`), the lifts
(:mod:`~thrustplan.planner.progression.lifts`) and the variations between blocks
(:mod:`~thrustplan.planner.progression.variations`); this module puts them together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, LoadKind
from thrustplan.planner.progression.lifts import (
    BandLift,
    Dose,
    FixedLift,
    Lift,
    LoadedLift,
    one_sided_sibling,
)
from thrustplan.planner.progression.loads import band_colours, ladder_for
from thrustplan.planner.progression.phases import SCHEME_NAMES, WeekShape, calendar, choose_scheme
from thrustplan.planner.progression.schemes import TECHNIQUES, undulating_day
from thrustplan.planner.progression.starts import (
    RepStart,
    Start,
    StartFrom,
    carried,
    found_load_note,
    ratio_suffix,
    resolve_start,
)
from thrustplan.planner.progression.variations import Choice, partner_slot, plan_variations
from thrustplan.planner.progression.warmup import (
    RampSets,
    add_rehearsals,
    fit_ramps,
    general_warm_up,
    push_up_move,
    ramp_note,
    ramp_sets,
    short_ramp,
)
from thrustplan.planner.template import (
    PlannedExercise,
    PlannedSession,
    WeeklyTemplate,
    pairing_note,
)
from thrustplan.rules.bodyweight import FLOOR_PUSH_UPS, easiest_push_up, is_assisted
from thrustplan.rules.populations import client_avoids, max_tests_allowed
from thrustplan.rules.prescription import is_main_lift
from thrustplan.rules.profile import ClientProfile, ProgressionScheme, Weekday
from thrustplan.rules.program import ExerciseEntry, RampSet, Session, Week
from thrustplan.rules.sessions import role_of
from thrustplan.rules.slot_prescription import client_prescription, light_repeats
from thrustplan.rules.strength import transfer_ratio
from thrustplan.rules.timing import (
    RAMP_SET_SECONDS,
    RAMP_SETS_IN_WARM_UP,
    ramp_seconds,
    session_minutes,
)
from thrustplan.rules.week_rules import (
    TrialItem,
    TrialSession,
    session_seconds,
    work_budget_seconds,
)


@dataclass(frozen=True)
class ProgressionResult:
    """The weeks of the programme and the name of the scheme that made them."""

    weeks: list[Week]
    scheme: str


@dataclass(frozen=True)
class _Slot:
    """What a lift is made from besides its exercise: the template's slot, the client,
    the scheme, and where the lift's block starts."""

    planned: PlannedExercise
    profile: ClientProfile
    catalogue: Catalogue
    scheme: ProgressionScheme
    shape: WeekShape
    starts: Mapping[ExerciseId, StartFrom]
    #: The programme step of each block's first normal week, block 1 first.
    block_steps: tuple[int, ...] = ()


def _make_lift(exercise: Exercise, slot: _Slot, start: Start | None = None) -> Lift:
    """The lift of ``exercise`` in ``slot``, starting from ``start`` or, without one,
    from :func:`resolve_start`."""
    planned, profile = slot.planned, slot.profile
    # The template's prescription follows the exercise's role; a swapped variation takes
    # the role of the lift it replaces (a beginner's rotated row stays a second lift at
    # 8-10, not a main lift's five), within the client's limits.
    same = exercise.id == planned.exercise.id
    prescription = (
        planned.prescription
        if same
        else client_prescription(
            exercise, profile, role_of(planned.exercise, profile.goal, profile.rep_maxes)
        )
    )
    ladder = ladder_for(exercise, profile)
    if ladder is not None:
        return LoadedLift(
            exercise, prescription, planned.sets, ladder, slot.scheme, profile.level,
            profile.units, start or resolve_start(exercise, profile, slot.catalogue, slot.starts),
            slot.shape.step, slot.shape.block, one_sided_sibling(exercise, slot.catalogue),
            light_repeats(exercise, profile), slot.block_steps,
        )  # fmt: skip
    # An assisting band gets lighter as the client gets stronger: it is not band resistance.
    done = slot.starts.get(exercise.id)
    if exercise.load_kind is LoadKind.BAND and not is_assisted(exercise):
        colours = band_colours(profile)
        first = _first_colour(colours, prescription.reps_max, profile.level, done)
        return BandLift(exercise, prescription, planned.sets, colours, first, slot.shape.step)
    if isinstance(done, RepStart):
        prescription = carried(prescription, exercise, done.reps, profile.limitations)
    return FixedLift(exercise, prescription, planned.sets, 0)


def _first_colour(colours: Sequence[str], top: int, level: Level, done: StartFrom | None) -> int:
    """The band a block of band work starts with: the one the log ended on, the next one
    up where every set reached the top of the range with it; without a log, the lightest
    for a beginner and the next for the others."""
    if isinstance(done, RepStart) and done.band in colours:
        reached = colours.index(done.band)
        return min(reached + (done.reps >= top), len(colours) - 1)
    return 0 if level is Level.BEGINNER else min(1, len(colours) - 1)


def _times_a_week(week: Sequence[Sequence[Choice]], exercise_id: ExerciseId) -> int:
    """How many of a block's sessions hold ``exercise_id``."""
    return sum(c.exercise.id == exercise_id for session in week for c in session)


def _handed_on(
    previous: Lift, exercise: Exercise, shape: WeekShape, per_week: int = 1
) -> Start | None:
    """A loaded lift rotated out hands its estimated max, at the new block's start, to
    the variation that replaces it, through the documented transfer ratio; ``per_week``
    is how many sessions a week the lift had (a beginner's max grows by the session)."""
    if not isinstance(previous, LoadedLift):
        return None
    ratio = transfer_ratio(previous.exercise, exercise)
    if ratio is None:
        return None
    estimate = previous.one_rep_max(shape, "moderate", per_week=per_week)
    return Start(
        estimate * ratio,
        f"load handed on from {previous.exercise.name.lower()} "
        f"(max about {estimate:.0f}){ratio_suffix(ratio)}",
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


def _lifts(
    profile: ClientProfile,
    template: WeeklyTemplate,
    catalogue: Catalogue,
    choices: Sequence[Sequence[Sequence[Choice]]],
    block_starts: Sequence[WeekShape],
    starts: Mapping[ExerciseId, StartFrom],
) -> dict[tuple[int, int, int], Lift]:
    """One lift per (session, slot, block), created where its exercise first appears in
    the slot and carried on while the slot keeps it; ``block_starts[block - 1]`` is the
    first week of each block."""
    scheme = choose_scheme(profile)
    block_steps = tuple(shape.step for shape in block_starts)
    lifts: dict[tuple[int, int, int], Lift] = {}
    for s, session in enumerate(template.sessions):
        for i, planned in enumerate(session.exercises):
            for block, shape in enumerate(block_starts, start=1):
                exercise = choices[block - 1][s][i].exercise
                previous = lifts.get((s, i, block - 1))
                slot = _Slot(planned, profile, catalogue, scheme, shape, starts, block_steps)
                if previous is None or previous.exercise.id != exercise.id:
                    handed = None
                    if previous is not None:
                        per_week = _times_a_week(choices[block - 2], previous.exercise.id)
                        handed = _handed_on(previous, exercise, shape, per_week)
                    lifts[(s, i, block)] = _make_lift(exercise, slot, handed)
                elif isinstance(previous, FixedLift):
                    lifts[(s, i, block)] = _next_block_of(previous, profile)
                else:
                    lifts[(s, i, block)] = previous
    return _with_one_work_up(lifts, profile)


def _next_block_of(lift: FixedLift, profile: ClientProfile) -> FixedLift:
    """The same bodyweight move another block running: a hold carries on from the
    seconds it reached; reps climb again with a slower tempo."""
    p = lift.prescription
    if p.timed:
        longer = carried(p, lift.exercise, p.reps_max, profile.limitations)
        return replace(lift, prescription=longer)
    return replace(lift, technique=min(lift.technique + 1, len(TECHNIQUES) - 1))


def _with_one_work_up(
    lifts: dict[tuple[int, int, int], Lift], profile: ClientProfile
) -> dict[tuple[int, int, int], Lift]:
    """An intermediate or advanced client whose first main lift has only an estimate
    works up to one submaximal set of it in week 1 (at most one lift; never a beginner,
    never in pregnancy, where every set stays 3 or more short of failure)."""
    if profile.level is Level.BEGINNER or not max_tests_allowed(profile.limitations):
        return lifts
    for key in sorted(k for k in lifts if k[2] == 1):
        lift = lifts[key]
        if isinstance(lift, LoadedLift) and lift.start.estimated and is_main_lift(lift.exercise):
            worked = replace(lift, start=replace(lift.start, work_up=True))
            return {k: worked if v is lift else v for k, v in lifts.items()}
    return lifts


def _trial(day: Weekday, items: Sequence[tuple[Exercise, int, int, str | None]]) -> TrialSession:
    """(exercise, sets, rest, superset letter) in order, as a session the rules can time."""
    return TrialSession(day, tuple(TrialItem.of(*item) for item in items))


@dataclass(frozen=True)
class _Weeks:
    """Everything a week of the programme is built from: the template, each slot's lift
    and choice in every block."""

    profile: ClientProfile
    template: WeeklyTemplate
    lifts: Mapping[tuple[int, int, int], Lift]
    choices: Sequence[Sequence[Sequence[Choice]]]
    catalogue: Catalogue
    #: The week in which each slot's lift that finds its load in its first week
    #: (``Start.find_load``, ``Start.work_up``) did so, and the load the chart gave it
    #: before rounding to the kit; filled as the weeks are built in order, keyed by slot
    #: and by the lift itself, which a slot may swap between blocks.
    found: dict[tuple[int, int, int], tuple[int, float]] = field(default_factory=dict)

    @property
    def avoids(self) -> frozenset[str]:
        """The stresses the client's limitations rule out, which the warm-up leaves out."""
        p = self.profile
        return client_avoids(p.limitations, p.pregnancy_week, p.weeks)

    def week(self, shape: WeekShape) -> Week:
        """Week ``shape`` of the programme, every session dosed for it."""
        # Which occurrence of each loaded exercise a session holds (for undulation).
        ids = [
            self.lifts[(s, i, shape.block)].exercise.id
            for s, session in enumerate(self.template.sessions)
            for i in range(len(session.exercises))
        ]
        seen: dict[ExerciseId, int] = {}
        push_ups = self.push_ups(shape)
        sessions = [
            self.session(shape, s, Counter(ids), seen, push_ups)
            for s in range(len(self.template.sessions))
        ]
        return Week(
            number=shape.number,
            deload=shape.deload,
            phase=shape.phase,
            phase_name=shape.phase_name,
            sessions=sessions,
        )

    def push_ups(self, shape: WeekShape) -> str:
        """The warm-up's push-ups in week ``shape``: the client's rung where the week holds
        one below the floor push-up, floor push-ups where it holds those or the client is
        past the beginner level (:func:`push_up_move`)."""
        exercises = [
            lift.exercise for (_, _, block), lift in self.lifts.items() if block == shape.block
        ]
        floor_ones = self.profile.level is not Level.BEGINNER or any(
            e.id in FLOOR_PUSH_UPS for e in exercises
        )
        return push_up_move(easiest_push_up(exercises, self.catalogue), floor_ones)

    def dose(
        self,
        shape: WeekShape,
        lift: Lift,
        occurrences: Counter[ExerciseId],
        seen: dict[ExerciseId, int],
    ) -> Dose:
        if not isinstance(lift, LoadedLift):
            return lift.dose(shape)
        nth = seen.get(lift.exercise.id, 0)
        seen[lift.exercise.id] = nth + 1
        count = occurrences[lift.exercise.id]
        return lift.dose(shape, undulating_day(nth, count), nth, count)

    def _relative_to_found(self, shape: WeekShape, s: int, i: int, lift: Lift, dose: Dose) -> Dose:
        """``dose``, which in the weeks after a lift found its load says how this week's
        load stands to the one found: the printed loads rest on an estimate, and a client
        whose first week found another load carries on from their own, by the same steps
        where the max grows by steps (a beginner's) and by the same share where it grows
        by a share."""
        if not isinstance(lift, LoadedLift) or dose.target is None:
            return dose
        if not (lift.start.find_load or lift.start.work_up):
            return dose
        # Before rounding to the kit: a light estimate's stack may not show a step that a
        # heavier found load would take.
        target = dose.target
        week, first = self.found.setdefault((s, i, id(lift)), (shape.number, target))
        if week == shape.number:
            return dose
        if lift.rate.per_session:
            unit = self.profile.units.value
            note = found_load_note(week, step=target - first, unit=unit)
        else:
            note = found_load_note(week, ratio=target / first)
        return replace(dose, notes=(note, *dose.notes))

    def session(
        self,
        shape: WeekShape,
        s: int,
        occurrences: Counter[ExerciseId],
        seen: dict[ExerciseId, int],
        push_ups: str,
    ) -> Session:
        session = self.template.sessions[s]
        entries: list[ExerciseEntry] = []
        timing: list[tuple[Exercise, int, int, str | None]] = []
        #: Ramp-up sets by entry, in session order.
        ramps: dict[int, RampSets] = {}
        #: Short ramps of barbell lifts the session's heavier work has warmed but whose
        #: movement is new to it, by entry: printed where the minutes allow.
        rehearsals: dict[int, RampSets] = {}
        #: The heaviest working load of the session's barbell lifts so far, and their
        #: movement patterns.
        heaviest_bar: float | None = None
        bar_patterns: set[str] = set()
        for i, planned in enumerate(session.exercises):
            lift = self.lifts[(s, i, shape.block)]
            dose = self._relative_to_found(
                shape, s, i, lift, self.dose(shape, lift, occurrences, seen)
            )
            other = partner_slot(session, i)
            partner = None if other is None else (other, self.lifts[(s, other, shape.block)])
            choice = self.choices[shape.block - 1][s][i]
            entries.append(_entry(self.profile, session, i, planned, lift, dose, choice, partner))
            timing.append(
                (lift.exercise, dose.sets, lift.prescription.rest_seconds, planned.superset)
            )
            if isinstance(lift, LoadedLift) and is_main_lift(lift.exercise) and dose.load:
                # The first heavy lift of the session gets its ramp-up sets; one at the
                # kit's lightest load has nothing lighter to ramp with, and the next does.
                # A later barbell lift heavier than every one before it ramps too (the
                # first after dumbbell or machine work, a light-day squat after the day's
                # deadlift): a new movement at a load the session has not met.
                barbell = lift.exercise.load_kind is LoadKind.BARBELL
                heavier = heaviest_bar is None or dose.load > heaviest_bar
                # A lighter barbell lift of a movement the session has not done (a bench
                # press or a Romanian deadlift after the day's squats) still rehearses
                # the new pattern, as Starting Strength warms up every lift: a short ramp.
                new_movement = barbell and lift.exercise.pattern not in bar_patterns
                whole = not ramps or (barbell and heavier)
                if whole or new_movement:
                    sets = ramp_sets(dose.load, lift.ladder, dose.target_reps)
                    if sets and whole:
                        ramps[i] = sets
                    elif sets:
                        rehearsals[i] = short_ramp(sets)
                if barbell:
                    heaviest_bar = max(heaviest_bar or 0.0, dose.load)
                    bar_patterns.add(lift.exercise.pattern)
        # Ramps past what the warm-up holds take time of their own, never more than the
        # working sets leave of the client's minutes.
        work = session_seconds(_trial(session.day, timing))
        room = work_budget_seconds(self.profile.session_minutes) - work
        most = RAMP_SETS_IN_WARM_UP + max(room, 0) // RAMP_SET_SECONDS
        fitted = dict(zip(ramps, fit_ramps(list(ramps.values()), most), strict=True))
        fitted.update(add_rehearsals(rehearsals, most - sum(len(r) for r in fitted.values())))
        for i, sets in fitted.items():
            entries[i] = _with_ramp(entries[i], sets)
        seconds = work + ramp_seconds(sum(len(e.ramp) for e in entries))
        start = self.profile.start_date
        return Session(
            day=session.day,
            date=session.day.date_in_week(start, shape.number) if start else None,
            focus=session.focus,
            estimated_minutes=session_minutes(seconds),
            exercises=entries,
            warm_up=general_warm_up(
                session.focus,
                self.avoids,
                push_ups,
                bands="bands" in self.profile.available_equipment,
            ),
        )


def _with_ramp(entry: ExerciseEntry, sets: RampSets) -> ExerciseEntry:
    """``entry`` with ramp-up sets before its first working set, first among its notes."""
    if not sets:
        return entry
    notes = "; ".join(n for n in (ramp_note(sets), entry.notes) if n)
    ramp = [RampSet(load=load, reps=reps) for load, reps in sets]
    return entry.model_copy(update={"ramp": ramp, "notes": notes})


def build_weeks(
    profile: ClientProfile,
    template: WeeklyTemplate,
    catalogue: Catalogue,
    *,
    starts: Mapping[ExerciseId, StartFrom] | None = None,
    deload_first: bool = False,
) -> ProgressionResult:
    """Spread ``template`` over ``profile.weeks`` weeks with the client's progression scheme.

    Sessions keep the template's exercise order. A slot keeps its exercise for the whole
    programme except for planned variation swaps between blocks (:func:`plan_variations`).
    Deload weeks (by need: none for a beginner's plan of up to 12 weeks; week 1 when
    ``deload_first``, after a stall) have fewer sets, lighter loads and more reps in
    reserve. Every loaded lift has a load every week, read off the effort chart and in a
    load the client's kit makes; ``starts`` (from a log or history) take precedence over
    rep-maxes and estimates.
    """
    starts = starts or {}
    scheme = choose_scheme(profile)
    shapes = calendar(scheme, profile.weeks, profile.level, deload_first=deload_first)
    block_starts: dict[int, WeekShape] = {}
    for shape in shapes:
        block_starts.setdefault(shape.block, shape)
    known = frozenset(i for i, s in starts.items() if not isinstance(s, RepStart))
    choices = plan_variations(profile, template, catalogue, len(block_starts), known)
    lifts = _lifts(profile, template, catalogue, choices, list(block_starts.values()), starts)
    weeks = _Weeks(profile, template, lifts, choices, catalogue)
    return ProgressionResult(
        weeks=[weeks.week(shape) for shape in shapes], scheme=SCHEME_NAMES[scheme]
    )


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
        estimated_max=round(dose.one_rep_max, 1) if loaded and dose.one_rep_max else None,
    )
