"""Re-planning from results: read what the client lifted, build the next block from it.

The log is a CSV whose header names at least the columns of :data:`LOG_COLUMNS`
(``docs/log-format.md``; ``thrustplan plan --csv`` writes one with the planned values
filled in, and the PDF's log cells follow the same order). Rows that are missing a value,
impossible (negative load, 500 reps) or about an exercise the plan does not hold are
reported with their line number and skipped; every other row is used.

How a lift moves on (``docs/progression.md``, "Replan from what was lifted"): each
loaded lift's next block starts from its best recent performance, load, reps and reps in
reserve read back through the effort chart to an estimated max, and never below a load
with which every target rep was met at 1 or more in reserve; a lift missed in the last
two sessions backs off about 10 % (a stall, after which a beginner's block opens with a
lighter week). Reps and holds of unloaded work carry forward. A lift the next block
rotates out hands its estimate to its replacement through the transfer ratios. Each
lift's verdict says why, down to the new load.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId, Level
from thrustplan.planner.model.solve import InfeasibleRequest, solve_week
from thrustplan.planner.progression.assembly import assemble_program
from thrustplan.planner.progression.history import History, place
from thrustplan.planner.progression.judge import Verdict, judge, with_first_load
from thrustplan.planner.progression.starts import LiftStart
from thrustplan.planner.template import PlannedExercise, PlannedSession, WeeklyTemplate
from thrustplan.rules.checker import check_program
from thrustplan.rules.profile import ClientProfile, Weekday
from thrustplan.rules.program import ExerciseEntry, Program, SolveReport, Week
from thrustplan.rules.slot_prescription import client_prescription

#: The log's columns, in the order the PDF's log cells and the CSV export use.
LOG_COLUMNS = ("week", "day", "exercise_id", "set", "load", "reps", "rir")
#: Bounds beyond which a row cannot be a real set.
MAX_SET = 20
MAX_REPS = 100
MAX_LOAD = 1000.0
MAX_RIR = 10

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
    # "inf" and "nan" parse as floats but are no week, day or set number.
    if not math.isfinite(value) or value != int(value):
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
    records = (
        (reader.line_num, fields)
        for fields in reader
        if fields and any(f.strip() for f in fields) and not fields[0].startswith("#")
    )
    return parse_records(records, where, program, catalogue)


def parse_records(
    records: Iterable[tuple[int, Sequence[str]]],
    where: Mapping[str, int],
    program: Program,
    catalogue: Catalogue,
) -> ParsedLog:
    """Read (line, fields) records whose columns sit where ``where`` says, keeping every
    usable row and naming each skipped one by its line."""
    planned = _planned(program)
    rows: list[LogRow] = []
    problems: list[LogProblem] = []
    seen: dict[tuple[int, Weekday, str, int], int] = {}
    for line, fields in records:
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


def parse_history(history: History, program: Program, catalogue: Catalogue) -> ParsedLog:
    """A Hevy or Strong export read as a log of ``program``: each workout placed in the
    plan's sessions (by date from the plan's start, else in order), then checked as a
    log row is; the sets of one exercise in one session are numbered in order."""
    sessions = [(w.number, s.day) for w in program.weeks for s in w.sessions]
    placed = place(history, sessions, program.profile.start_date)
    numbers: Counter[tuple[int, Weekday, str]] = Counter()
    records = []
    for row in placed:
        key = (row.week, row.day, row.exercise_id)
        numbers[key] += 1
        load = "" if row.load is None else f"{row.load:g}"
        rir = "" if row.rir is None else str(row.rir)
        number = str(numbers[key])
        fields = [str(row.week), row.day.value, row.exercise_id, number, load, str(row.reps), rir]
        records.append((row.line, fields))
    where = {column: i for i, column in enumerate(LOG_COLUMNS)}
    return parse_records(records, where, program, catalogue)


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
# The next block
# --------------------------------------------------------------------------------------

__all__ = ["LOG_COLUMNS", "LogError", "LogRow", "ParsedLog", "Verdict", "judge", "next_block"]


@dataclass(frozen=True)
class ReplanResult:
    program: Program
    verdicts: list[Verdict]
    #: Remarks on the whole block (a lighter first week after a stall, a fresh solve).
    notes: list[str] = field(default_factory=list)


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
                prescription=client_prescription(catalogue[e.exercise_id], profile),
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


def _resolved(program: Program, profile: ClientProfile, catalogue: Catalogue) -> WeeklyTemplate:
    """A fresh weekly template for ``profile``, the old plan's loaded lifts its favourites
    (without them if they cannot all be placed)."""
    lifts = sorted(
        {
            e.exercise_id
            for s in _last_normal_week(program).sessions
            for e in s.exercises
            if e.load is not None and e.exercise_id in catalogue
        }
    )
    favoured = profile.model_copy(update={"favourites": sorted({*profile.favourites, *lifts})})
    try:
        return solve_week(favoured, catalogue)
    except InfeasibleRequest:
        return solve_week(profile, catalogue)


def next_block(
    program: Program,
    rows: Sequence[LogRow],
    catalogue: Catalogue,
    *,
    now: dt.datetime,
) -> ReplanResult:
    """The next programme: the last normal week's exercises, started from the log.

    Each lift starts from what was lifted (:func:`~.judge.judge`); a beginner with half
    the loaded lifts stalled opens with a lighter week. When the old week breaks today's
    hard rules (a plan made by an older planner), the week is solved afresh with the
    logged lifts as favourites, and their starts carry over (a rotated lift's through
    the transfer ratios); a note says so. The new programme starts the day after the old one ends.
    """
    profile = _next_profile(program.profile, len(program.weeks))
    template = next_template(program, catalogue)
    logged_ids = {r.exercise_id for r in rows}
    planned_ids = {p.exercise.id for s in template.sessions for p in s.exercises}
    verdicts = [judge(program, rows, catalogue, i) for i in sorted(planned_ids | logged_ids)]
    starts = {v.exercise_id: v.start for v in verdicts if v.start is not None}
    notes: list[str] = []
    stalled = [v.exercise_id for v in verdicts if v.stalled]
    loaded = [v for v in verdicts if isinstance(v.start, LiftStart)]
    # One stalled lift backs off on its own; when half the loaded lifts stall, the client
    # as a whole needs the lighter week a beginner's plan never schedules.
    deload_first = profile.level is Level.BEGINNER and 2 * len(stalled) >= max(len(loaded), 1)
    if deload_first:
        notes.append(f"week 1 is a lighter week: {', '.join(stalled)} stalled")

    def build(week: WeeklyTemplate, solve: Sequence[SolveReport]) -> Program:
        return assemble_program(
            profile, week, catalogue, now=now, solve=solve, starts=starts,
            deload_first=deload_first,
        )  # fmt: skip

    new = build(template, program.solve)
    broken = check_program(new, catalogue)
    if broken:
        fresh = _resolved(program, profile, catalogue)
        new = build(fresh, [*program.solve, fresh.report])
        notes.append(
            f"the last block's week breaks today's rules ({broken[0]}); the next block's "
            "week was solved afresh, keeping your logged lifts and where they start"
        )
    return ReplanResult(new, [with_first_load(v, new) for v in verdicts], notes)


def _next_profile(profile: ClientProfile, weeks_done: int) -> ClientProfile:
    if profile.start_date is None:
        return profile
    return profile.model_copy(
        update={"start_date": profile.start_date + dt.timedelta(weeks=weeks_done)}
    )
