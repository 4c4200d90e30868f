"""Re-planning from results: read what the client lifted, build the next block from it.

The log is a CSV whose header names at least the columns of :data:`LOG_COLUMNS`
(``docs/log-format.md``; ``thrustplan plan --csv`` writes one with the planned values
filled in, and the PDF's log cells follow the same order). Rows that are missing a value,
impossible (negative load, 500 reps) or about an exercise the plan does not hold are
reported with their line number and skipped; every other row is used.

How a lift moves on (``docs/training-rules.md``, "Progression"): ACSM 2009 adds load
when the client beats the target; double progression climbs reps before load; a lift
that fell short repeats its load, and one that fell well short, or short twice running,
backs off about 10 %.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId
from thrustplan.planner.progression.assembly import assemble_program
from thrustplan.planner.progression.lifts import LiftStart
from thrustplan.planner.progression.loads import TOLERANCE, LoadLadder, ladder_for
from thrustplan.planner.progression.phases import choose_scheme
from thrustplan.planner.progression.schemes import rep_ladder
from thrustplan.planner.template import PlannedExercise, PlannedSession, WeeklyTemplate
from thrustplan.rules.prescription import prescribe_for
from thrustplan.rules.profile import ClientProfile, ProgressionScheme, Weekday
from thrustplan.rules.program import ExerciseEntry, Program, SolveReport, Week

#: The log's columns, in the order the PDF's log cells and the CSV export use.
LOG_COLUMNS = ("week", "day", "exercise_id", "set", "load", "reps", "rir")
#: Bounds beyond which a row cannot be a real set.
MAX_SET = 20
MAX_REPS = 100
MAX_LOAD = 1000.0
MAX_RIR = 10
#: A back-off keeps about this share of the load that was missed.
BACK_OFF = 0.9
#: Average reps missed per set from which a lift backs off rather than repeats.
BACK_OFF_SHORTFALL = 2.0

_DAY_NAMES = {
    **{d.value: d for d in Weekday},
    **{
        name: d
        for d, name in zip(
            Weekday,
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            strict=True,
        )
    },
}


class LogError(ValueError):
    """A log that cannot be read at all (no header, missing columns); names the fix."""


@dataclass(frozen=True)
class LogRow:
    """One logged set."""

    line: int
    week: int
    day: Weekday
    exercise_id: ExerciseId
    set: int
    load: float | None
    reps: int
    rir: int | None


@dataclass(frozen=True)
class LogProblem:
    """A row that was skipped, and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}; skipped"


@dataclass(frozen=True)
class ParsedLog:
    rows: list[LogRow]
    problems: list[LogProblem]


def _planned(program: Program) -> dict[tuple[int, Weekday], dict[ExerciseId, ExerciseEntry]]:
    return {
        (week.number, session.day): {e.exercise_id: e for e in session.exercises}
        for week in program.weeks
        for session in week.sessions
    }


def _integer(text: str, name: str, low: int, high: int) -> int:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a number") from None
    if value != int(value):
        raise ValueError(f"{name} {text!r} is not a whole number")
    if not low <= value <= high:
        raise ValueError(f"{name} {text} is impossible (allowed {low} to {high})")
    return int(value)


def parse_log(text: str, program: Program, catalogue: Catalogue) -> ParsedLog:
    """Read a log, keeping every usable row and naming each skipped one by line number.

    Raises :class:`LogError` when the header lacks a column, since then no row can be read.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header: list[str] | None = None
    for fields in reader:
        if fields and any(f.strip() for f in fields) and not fields[0].startswith("#"):
            header = [f.strip().lower() for f in fields]
            break
    if header is None:
        raise LogError(f"the log is empty; its first line must be {','.join(LOG_COLUMNS)}")
    missing = [c for c in LOG_COLUMNS if c not in header]
    if missing:
        raise LogError(
            f"the log's header lacks {', '.join(missing)}; it must name "
            f"{','.join(LOG_COLUMNS)} (other columns are ignored)"
        )
    where = {column: header.index(column) for column in LOG_COLUMNS}
    planned = _planned(program)
    rows: list[LogRow] = []
    problems: list[LogProblem] = []
    seen: dict[tuple[int, Weekday, str, int], int] = {}
    for fields in reader:
        line = reader.line_num
        if not fields or not any(f.strip() for f in fields) or fields[0].startswith("#"):
            continue
        try:
            row = _row(fields, where, line, planned, program, catalogue)
        except ValueError as error:
            problems.append(LogProblem(line, str(error)))
            continue
        key = (row.week, row.day, row.exercise_id, row.set)
        if key in seen:
            problems.append(
                LogProblem(line, f"set {row.set} of {row.exercise_id} repeats line {seen[key]}")
            )
            continue
        seen[key] = line
        rows.append(row)
    return ParsedLog(rows, problems)


def _row(
    fields: Sequence[str],
    where: Mapping[str, int],
    line: int,
    planned: Mapping[tuple[int, Weekday], Mapping[ExerciseId, ExerciseEntry]],
    program: Program,
    catalogue: Catalogue,
) -> LogRow:
    value = {column: (fields[i].strip() if i < len(fields) else "") for column, i in where.items()}
    for column in ("week", "day", "exercise_id", "set", "reps"):
        if not value[column]:
            raise ValueError(f"{column} is missing")
    week = _integer(value["week"], "week", 1, len(program.weeks))
    day = _DAY_NAMES.get(value["day"].lower())
    if day is None:
        raise ValueError(f"day {value['day']!r} is not a weekday (mon, tue, ... sun)")
    session = planned.get((week, day))
    if session is None:
        raise ValueError(f"week {week} has no session on {day.value}")
    exercise_id = value["exercise_id"]
    if exercise_id not in session:
        if exercise_id not in catalogue:
            raise ValueError(f"unknown exercise {exercise_id!r}")
        raise ValueError(f"{exercise_id} is not in the plan for week {week} {day.value}")
    entry = session[exercise_id]
    set_number = _integer(value["set"], "set", 1, MAX_SET)
    reps = _integer(value["reps"], "reps", 0, MAX_REPS)
    rir = _integer(value["rir"], "rir", 0, MAX_RIR) if value["rir"] else None
    load: float | None = None
    if value["load"]:
        try:
            load = float(value["load"])
        except ValueError:
            raise ValueError(f"load {value['load']!r} is not a number") from None
        if not 0 <= load <= MAX_LOAD:
            raise ValueError(f"load {value['load']} is impossible (allowed 0 to {MAX_LOAD:g})")
    exercise = catalogue.get(exercise_id)
    if load is None and exercise is not None and exercise.load_kind.external:
        raise ValueError(f"load is missing for {exercise_id}, a loaded exercise ({entry.name})")
    return LogRow(line, week, day, exercise_id, set_number, load, reps, rir)


# --------------------------------------------------------------------------------------
# Judging each lift and building the next block
# --------------------------------------------------------------------------------------

Outcome = Literal["up", "repeat", "back off", "tested", "not logged", "by reps"]


@dataclass(frozen=True)
class Verdict:
    """What the log says about one lift, and where its next block starts."""

    exercise_id: ExerciseId
    outcome: Outcome
    detail: str
    start: LiftStart | None

    def __str__(self) -> str:
        return f"{self.exercise_id}: {self.outcome} ({self.detail})"


@dataclass(frozen=True)
class ReplanResult:
    program: Program
    verdicts: list[Verdict]


#: Stands in for the solver's report when a hand-written programme carries none.
_NO_REPORT = SolveReport(status="feasible", objective=0, best_bound=0, gap=0, candidates=0)


def _last_normal_week(program: Program) -> Week:
    normal = [w for w in program.weeks if not w.deload]
    return normal[-1] if normal else program.weeks[-1]


def next_template(program: Program, catalogue: Catalogue) -> WeeklyTemplate:
    """The week the next block repeats: the plan's last normal week, with each slot's
    exercise as it ended (a harder variation stays) and its normal sets."""
    week = _last_normal_week(program)
    profile = program.profile
    sessions = []
    for session in week.sessions:
        exercises = tuple(
            PlannedExercise(
                exercise=catalogue[e.exercise_id],
                sets=e.sets,
                prescription=prescribe_for(
                    catalogue[e.exercise_id], profile.goal, profile.level, profile.limitations
                ),
                reason=e.reason.split("; block ")[0],
                superset=e.superset,
            )
            for e in sorted(session.exercises, key=lambda e: e.order)
        )
        sessions.append(
            PlannedSession(
                day=session.day,
                focus=session.focus,
                exercises=exercises,
                minutes=session.estimated_minutes,
            )
        )
    report = program.solve[-1] if program.solve else _NO_REPORT
    return WeeklyTemplate(split=program.split, sessions=tuple(sessions), report=report)


def _sessions_of(
    program: Program, exercise_id: ExerciseId
) -> list[tuple[Week, Weekday, ExerciseEntry]]:
    """Every normal-week session of the plan holding ``exercise_id``, in plan order."""
    return [
        (week, session.day, entry)
        for week in program.weeks
        if not week.deload
        for session in week.sessions
        for entry in session.exercises
        if entry.exercise_id == exercise_id
    ]


def _next_working_set(
    outcome: Outcome, load: float, reps: int, low: int, high: int,
    ladder: LoadLadder, scheme: ProgressionScheme,
) -> tuple[float, int]:  # fmt: skip
    """Where a lift goes after doing ``load`` x ``reps``: up one position (reps first for
    double progression, else one real load step), the same, or about 10 % lighter.

    >>> from thrustplan.rules.profile import Units
    >>> ladder = LoadLadder((40.0, 45.0, 50.0, 55.0), Units.KG, "total")
    >>> _next_working_set("up", 45, 9, 8, 10, ladder, ProgressionScheme.DOUBLE)
    (45, 10)
    >>> _next_working_set("up", 45, 10, 8, 10, ladder, ProgressionScheme.DOUBLE)
    (50.0, 8)
    >>> _next_working_set("up", 45, 9, 8, 10, ladder, ProgressionScheme.LINEAR)
    (50.0, 9)
    >>> _next_working_set("back off", 50, 9, 8, 10, ladder, ProgressionScheme.LINEAR)
    (45.0, 9)
    >>> _next_working_set("back off", 50, 10, 8, 10, ladder, ProgressionScheme.DOUBLE)
    (45.0, 8)
    """
    if outcome == "up":
        if scheme is ProgressionScheme.DOUBLE:
            reps_ladder = rep_ladder(low, high)
            higher = [r for r in reps_ladder if r > reps]
            if higher:
                return load, higher[0]
            return ladder.up(load), low
        return ladder.up(load), reps
    if outcome == "back off":
        lighter = ladder.floor(load * BACK_OFF)
        lighter = lighter if lighter < load - TOLERANCE else ladder.below(load)
        # Double progression climbs the range again from the bottom with the lighter load.
        return lighter, low if scheme is ProgressionScheme.DOUBLE else reps
    return load, reps


def judge(
    program: Program, rows: Sequence[LogRow], catalogue: Catalogue, exercise_id: ExerciseId
) -> Verdict:
    """The verdict on one loaded lift from its most recent logged normal-week sessions."""
    profile = program.profile
    exercise = catalogue[exercise_id]
    ladder = ladder_for(exercise, profile)
    prescription = prescribe_for(exercise, profile.goal, profile.level, profile.limitations)
    scheme = choose_scheme(profile)
    if ladder is None:
        return Verdict(exercise_id, "by reps", "progresses by reps, tempo and variations", None)
    by_session: dict[tuple[int, Weekday], list[LogRow]] = {}
    for row in rows:
        if row.exercise_id == exercise_id:
            by_session.setdefault((row.week, row.day), []).append(row)
    logged = [
        (entry, by_session[(week.number, day)])
        for week, day, entry in _sessions_of(program, exercise_id)
        if (week.number, day) in by_session
    ]

    def as_start(load: float, reps: int, rir: int, source: str) -> LiftStart:
        # The same effort expressed at the prescription's reps in reserve.
        return LiftStart(ladder.floor(load), max(1, reps + rir - prescription.rir), source)

    if not logged:
        planned = [e for _, _, e in _sessions_of(program, exercise_id) if e.load is not None]
        if not planned:
            return Verdict(exercise_id, "not logged", "no load known yet: test again", None)
        last = planned[-1]
        assert last.load is not None
        start = as_start(last.load, last.target_reps, last.rir, "the last planned load")
        return Verdict(exercise_id, "not logged", "repeats the last planned load", start)

    entry, sets = logged[-1]
    if entry.load is None:
        # A test week, or loads the client chose: the heaviest load logged, judged by its
        # hardest set (fewest reps left to failure), so a tired last set is not ignored.
        heaviest = max(r.load or 0 for r in sets)
        at_top = [r for r in sets if (r.load or 0) >= heaviest - TOLERANCE and r.reps > 0]
        if heaviest <= 0 or not at_top:
            return Verdict(exercise_id, "not logged", "no usable set in the log", None)
        hardest = min(at_top, key=lambda r: r.reps + (r.rir or 0))
        rir = hardest.rir if hardest.rir is not None else 0
        week, day = hardest.week, hardest.day.value
        what = f"{heaviest:g} {profile.units.value} x {hardest.reps} ({rir} in reserve)"
        start = as_start(heaviest, hardest.reps, rir, f"your week {week} {day} {what}")
        return Verdict(exercise_id, "tested", f"load chosen in week {week}: {what}", start)

    def shortfall(entry: ExerciseEntry, sets: Sequence[LogRow]) -> float:
        """Average reps missed per logged set, a set done lighter counting as missed."""
        assert entry.load is not None
        missed = [
            max(entry.target_reps - r.reps, 0)
            if (r.load or 0) >= entry.load - TOLERANCE
            else max(entry.target_reps - r.reps, 1)
            for r in sets
        ]
        return sum(missed) / len(missed)

    short = shortfall(entry, sets)
    short_before = shortfall(*logged[-2]) if len(logged) > 1 and logged[-2][0].load else 0.0
    if short == 0:
        outcome: Outcome = "up"
        detail = f"every set reached {entry.target_reps} reps at {entry.load:g}"
    elif short >= BACK_OFF_SHORTFALL or short_before > 0:
        outcome = "back off"
        detail = f"{short:.1f} reps short a set at {entry.load:g}" + (
            ", the second session running" if short_before > 0 else ""
        )
    else:
        outcome = "repeat"
        detail = f"{short:.1f} reps short a set at {entry.load:g}"
    reps = entry.target_reps + entry.rir - prescription.rir
    load, reps = _next_working_set(
        outcome, entry.load, max(reps, 1), prescription.reps_min, prescription.reps_max,
        ladder, scheme,
    )  # fmt: skip
    return Verdict(exercise_id, outcome, detail, LiftStart(load, reps, "last block's log"))


def next_block(
    program: Program,
    rows: Sequence[LogRow],
    catalogue: Catalogue,
    *,
    now: dt.datetime,
) -> ReplanResult:
    """The next programme: the last normal week's exercises, started from the log.

    A lift that met every target moves up one position, one that missed repeats, one
    that missed badly or twice running backs off; unlogged lifts repeat their last planned
    load. The new programme starts the day after the old one ends.
    """
    profile = _next_profile(program.profile, len(program.weeks))
    template = next_template(program, catalogue)
    ids = sorted({p.exercise.id for s in template.sessions for p in s.exercises})
    verdicts = [judge(program, rows, catalogue, i) for i in ids]
    starts = {v.exercise_id: v.start for v in verdicts if v.start is not None}
    new = assemble_program(
        profile, template, catalogue, now=now, solve=program.solve, starts=starts
    )
    return ReplanResult(program=new, verdicts=verdicts)


def _next_profile(profile: ClientProfile, weeks_done: int) -> ClientProfile:
    if profile.start_date is None:
        return profile
    return profile.model_copy(
        update={"start_date": profile.start_date + dt.timedelta(weeks=weeks_done)}
    )
