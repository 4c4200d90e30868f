"""Judging each lift of a logged block: where its next block starts, and why.

Sources (``docs/progression.md``, "Replan from what was lifted"):

- The effort chart read backwards (Helms et al. 2016; Zourdos et al. 2016): a set of
  ``reps`` at ``load`` with ``rir`` in reserve implies a maximum of
  ``load / percent_of_max(reps, rir)``; an unlogged reserve counts as none, the cautious
  reading.
- ACSM 2009: a client who beats the target moves up; a lift never restarts below a load
  with which every target rep was met at 1 or more in reserve.
- A stall (two sessions running short of the target) backs off 5-10 % (GZCLP and
  Starting Strength resets; Strong Curves and GZCLP then deload after a stall).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId
from thrustplan.planner.progression.loads import TOLERANCE, LoadLadder, ladder_for
from thrustplan.planner.progression.starts import LiftStart, RepStart, StartFrom
from thrustplan.rules.profile import Weekday
from thrustplan.rules.program import ExerciseEntry, Program, Week
from thrustplan.rules.slot_prescription import client_prescription
from thrustplan.rules.strength import max_from_set

#: A back-off keeps about this share of the load that was missed (5-10 % lighter).
BACK_OFF = 0.92
#: Logged sessions of a lift its estimate is read from: its recent form, not an old peak.
RECENT_SESSIONS = 3

Outcome = Literal["up", "repeat", "back off", "not logged", "by reps"]


class SetLike(Protocol):
    """What the judge reads of a logged set (a log row, another app's set)."""

    @property
    def week(self) -> int: ...
    @property
    def day(self) -> Weekday: ...
    @property
    def exercise_id(self) -> ExerciseId: ...
    @property
    def load(self) -> float | None: ...
    @property
    def reps(self) -> int: ...
    @property
    def rir(self) -> int | None: ...


@dataclass(frozen=True)
class LoggedSet:
    """One set as the judge reads it."""

    week: int
    day: Weekday
    exercise_id: ExerciseId
    load: float | None
    reps: int
    rir: int | None


@dataclass(frozen=True)
class Verdict:
    """What the log says about one lift, and where its next block starts."""

    exercise_id: ExerciseId
    outcome: Outcome
    detail: str
    start: StartFrom | None

    @property
    def stalled(self) -> bool:
        """Missed in two sessions running: the next block may open with a lighter week."""
        return self.outcome == "back off"

    def __str__(self) -> str:
        return f"{self.exercise_id}: {self.outcome} ({self.detail})"


def _fmt(value: float) -> str:
    return f"{value:g}"


def _span(values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def describe(sets: Sequence[SetLike], unit: str) -> str:
    """A session's sets in a coach's words.

    >>> s = [LoggedSet(9, Weekday.MON, "x", 60, 10, r) for r in (2, 2, 1, 1)]
    >>> describe(s, "kg")
    '4 x 10 at 60 kg with 1-2 in reserve'
    >>> describe([LoggedSet(9, Weekday.MON, "x", 12, r, None) for r in (10, 9, 8)], "kg")
    '3 sets of 8-10 at 12 kg'
    """
    reps = [s.reps for s in sets]
    same = len(set(reps)) == 1
    count = f"{len(sets)} x {reps[0]}" if same else f"{len(sets)} sets of {_span(reps)}"
    loads = [s.load for s in sets if s.load is not None]
    where = f" at {_fmt(max(loads))} {unit}" if loads else ""
    reserves = [s.rir for s in sets if s.rir is not None]
    reserve = f" with {_span(reserves)} in reserve" if reserves else ""
    return f"{count}{where}{reserve}"


def session_max(sets: Sequence[SetLike]) -> float:
    """The best estimated max of a session's sets (an unlogged reserve counts as none).

    >>> round(session_max([LoggedSet(1, Weekday.MON, "x", 60, 10, 1)]), 1)
    84.9
    """
    return max(
        (max_from_set(s.load, s.reps, s.rir or 0) for s in sets if s.load and s.reps > 0),
        default=0.0,
    )


def met(entry: ExerciseEntry, sets: Sequence[SetLike]) -> bool:
    """Every planned set done, each at the planned load or heavier, for the target reps
    or more, with 1 or more in reserve (an unlogged reserve counts as the planned one)."""
    if len(sets) < entry.sets or entry.load is None:
        return False
    return all(
        (s.load or 0) >= entry.load - TOLERANCE
        and s.reps >= entry.target_reps
        and (s.rir is None or s.rir >= 1)
        for s in sets
    )


def missed(entry: ExerciseEntry, sets: Sequence[SetLike]) -> bool:
    """A set short of the target reps, or done lighter than planned."""
    if entry.load is None:
        return False
    return any(s.reps < entry.target_reps or (s.load or 0) < entry.load - TOLERANCE for s in sets)


def back_off(load: float, ladder: LoadLadder) -> float:
    """About 8 % lighter, on the kit, and at least one step lighter.

    >>> from thrustplan.rules.profile import Units
    >>> ladder = LoadLadder(tuple(20 + 2.5 * i for i in range(40)), Units.KG, "total")
    >>> back_off(60, ladder), back_off(22.5, ladder)
    (55.0, 20.0)
    """
    lighter = ladder.floor(load * BACK_OFF)
    return lighter if lighter < load - TOLERANCE else ladder.below(load)


Logged = list[tuple[ExerciseEntry, list[SetLike]]]


def logged_sessions(program: Program, sets: Sequence[SetLike], exercise_id: ExerciseId) -> Logged:
    """The normal-week sessions of the plan holding ``exercise_id`` that have logged sets
    of it, in plan order, each with its planned entry and those sets."""
    by_session: dict[tuple[int, Weekday], list[SetLike]] = {}
    for logged in sets:
        if logged.exercise_id == exercise_id:
            by_session.setdefault((logged.week, logged.day), []).append(logged)
    found: Logged = []
    for week in program.weeks:
        for session in week.sessions:
            if week.deload or (week.number, session.day) not in by_session:
                continue
            for entry in session.exercises:
                if entry.exercise_id == exercise_id:
                    found.append((entry, by_session[(week.number, session.day)]))
    return found


def _last_planned(program: Program, exercise_id: ExerciseId) -> ExerciseEntry | None:
    normal: list[Week] = [w for w in program.weeks if not w.deload] or program.weeks
    entries = [e for w in normal for s in w.sessions for e in s.exercises]
    return next((e for e in reversed(entries) if e.exercise_id == exercise_id), None)


def judge_unloaded(program: Program, sets: Sequence[SetLike], exercise_id: ExerciseId) -> Verdict:
    """Bodyweight work and holds carry their reps or seconds forward: every set of the
    last logged session did at least this many (else the last planned target)."""
    logged = logged_sessions(program, sets, exercise_id)
    last = _last_planned(program, exercise_id)
    unit = "s" if last is not None and last.timed else "reps"
    done = logged[-1][1] if logged else []
    reps = min((s.reps for s in done), default=0)
    if reps > 0:
        band = logged[-1][0].band
        detail = (
            f"{len(done)} x {reps} {unit}{_with_band(band)} last logged: carried on from {reps}"
        )
        return Verdict(exercise_id, "by reps", detail, RepStart(reps, detail, band))
    if last is None:
        return Verdict(exercise_id, "by reps", "progresses by reps, tempo and variations", None)
    detail = (
        f"not logged: carried on from the planned {last.target_reps} {unit}{_with_band(last.band)}"
    )
    return Verdict(exercise_id, "by reps", detail, RepStart(last.target_reps, detail, last.band))


def _with_band(band: str | None) -> str:
    """' with the red band', or nothing for work without one."""
    return f" with the {band} band" if band else ""


def judge(
    program: Program, sets: Sequence[SetLike], catalogue: Catalogue, exercise_id: ExerciseId
) -> Verdict:
    """The verdict on one lift from its logged normal-week sessions."""
    profile = program.profile
    exercise = catalogue[exercise_id]
    ladder = ladder_for(exercise, profile)
    if ladder is None:
        return judge_unloaded(program, sets, exercise_id)
    logged = logged_sessions(program, sets, exercise_id)
    unit = profile.units.value
    if not logged:
        return _not_logged(program, exercise_id, unit)
    entry, last = logged[-1]
    met_loads = [min(s.load or 0 for s in done) for e, done in logged if met(e, done)]
    floor = max(met_loads) if met_loads else None
    what = describe(last, unit)
    stalled = len(logged) >= 2 and all(missed(e, done) for e, done in logged[-2:])
    if stalled and entry.load is not None:
        prescription = client_prescription(exercise, profile)
        lighter = back_off(entry.load, ladder)
        estimate = max_from_set(lighter, entry.target_reps, prescription.rir)
        detail = f"short of {entry.target_reps} at {_fmt(entry.load)} {unit} twice running"
        start = LiftStart(estimate, f"backed off: {detail}")
        return Verdict(exercise_id, "back off", detail, start)
    estimate = max(session_max(done) for _, done in logged[-RECENT_SESSIONS:])
    outcome: Outcome = "repeat" if missed(entry, last) else "up"
    note = f"from your log: {what}"
    return Verdict(exercise_id, outcome, what, LiftStart(estimate, note, floor))


def _not_logged(program: Program, exercise_id: ExerciseId, unit: str) -> Verdict:
    last = _last_planned(program, exercise_id)
    if last is None or last.load is None:
        return Verdict(exercise_id, "not logged", "no load known yet: estimated afresh", None)
    estimate = last.estimated_max or max_from_set(last.load, last.target_reps, last.rir)
    detail = f"not logged: from the last planned {_fmt(last.load)} {unit} x {last.target_reps}"
    return Verdict(exercise_id, "not logged", detail, LiftStart(estimate, detail))


def with_first_load(verdict: Verdict, program: Program) -> Verdict:
    """``verdict`` with the load its lift opens the new ``program``'s first normal week
    with appended.

    The note then reads as a coach's: "4 x 10 at 60 kg with 1-2 in reserve: 62.5 kg".
    """
    first = next(
        (
            e
            for w in program.weeks
            if not w.deload
            for s in w.sessions
            for e in s.exercises
            if e.exercise_id == verdict.exercise_id
        ),
        None,
    )
    if first is None:
        return Verdict(
            verdict.exercise_id, verdict.outcome, f"{verdict.detail}; rotated out", verdict.start
        )
    if first.load is None:
        return verdict
    unit = first.load_unit.value if first.load_unit else ""
    detail = f"{verdict.detail}: {_fmt(first.load)} {unit}".rstrip()
    return Verdict(verdict.exercise_id, verdict.outcome, detail, verdict.start)
