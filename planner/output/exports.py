"""The programme as a spreadsheet of sets (CSV) and as a calendar of sessions (iCalendar).

Both read only the :class:`~thrustplan.rules.program.Program`; neither needs the catalogue.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from thrustplan.rules.program import ExerciseEntry, Program, Session, Week

#: The replan log's columns, in its order; a CSV export starts with exactly these.
LOG_COLUMNS = ("week", "day", "exercise_id", "set", "load", "reps", "rir")
#: Extra columns after the log's: when and what, the unit, and the rep range.
EXTRA_COLUMNS = ("date", "name", "load_unit", "reps_min", "reps_max")


class ExportError(ValueError):
    """A programme that cannot be exported as asked; the message says what to add."""


def session_date(program: Program, week: Week, session: Session) -> dt.date | None:
    """The day a session falls on: its own date, or one counted from ``profile.start_date``.

    Week 1 starts on the start date, and each session falls on the first of its weekday
    on or after the start of its week (``Weekday.date_in_week``); ``None`` when neither
    date is known.
    """
    if session.date is not None:
        return session.date
    start = program.profile.start_date
    if start is None:
        return None
    return session.day.date_in_week(start, week.number)


#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet runs: text that starts like a formula gets a
    leading apostrophe, which spreadsheets show as text and do not print; numbers stay.
    A carriage return inside text becomes a newline, which the writer quotes (a bare one
    would end the row for some readers and leave it unquoted).

    >>> spreadsheet_cell("=SUM(A1:A9)")
    "'=SUM(A1:A9)"
    >>> spreadsheet_cell("-1"), spreadsheet_cell(-1), spreadsheet_cell("Hip thrust")
    ("'-1", -1, 'Hip thrust')
    """
    if not isinstance(value, str):
        return value
    text = "'" + value if value.startswith(_FORMULA_STARTS) else value
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def program_csv(program: Program) -> str:
    """One row per prescribed set: the replan log's columns, then date, name, unit, range.

    ``load`` is empty for unloaded exercises; ``reps`` is the planned reps (seconds for
    timed holds); ``date`` is empty when the programme has no start date.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*LOG_COLUMNS, *EXTRA_COLUMNS))
    for week in program.weeks:
        for session in week.sessions:
            date = session_date(program, week, session)
            for entry in session.exercises:
                for set_number in range(1, entry.sets + 1):
                    row = (
                        week.number,
                        session.day.value,
                        entry.exercise_id,
                        set_number,
                        "" if entry.load is None else _number(entry.load),
                        entry.target_reps,
                        entry.rir,
                        "" if date is None else date.isoformat(),
                        entry.name,
                        "" if entry.load_unit is None else entry.load_unit.value,
                        entry.reps_min,
                        entry.reps_max,
                    )
                    writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()


def _describe(entry: ExerciseEntry) -> str:
    reps = f"{entry.target_reps} s" if entry.timed else f"{entry.target_reps}"
    line = f"{entry.label}. {entry.name}: {entry.sets} x {reps}"
    if entry.load is not None:
        unit = entry.load_unit.value if entry.load_unit else ""
        line += f" @ {_number(entry.load)} {unit}".rstrip()
    elif entry.band:
        line += f", {entry.band} band"
    line += ", in good form" if entry.timed else f", RIR {entry.rir}"
    if entry.notes:
        line += f" ({entry.notes})"
    return line


def _one_line(text: str) -> str:
    """A calendar title on one line: a line break in a name must not start a new field."""
    return " ".join(text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "client"


def program_ics(program: Program) -> bytes:
    """An iCalendar file with one all-day event per session, dated from ``profile.start_date``.

    Needs the optional ``calendar`` extra (``pip install 'thrustplan[calendar]'``). Event
    ids and stamps come from the programme, so the same programme gives the same file.
    """
    try:
        import icalendar
    except ImportError as error:  # pragma: no cover - the dev extra installs it
        raise ExportError(
            "the calendar export needs the icalendar package; "
            "install it with: pip install 'thrustplan[calendar]'"
        ) from error
    calendar: Any = icalendar.Calendar()
    calendar.add("prodid", "-//thrustplan//training programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _one_line(f"Training: {program.profile.name}"))
    slug = _slug(program.profile.name)
    stamp = program.generated_at
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    for week in program.weeks:
        for index, session in enumerate(week.sessions, start=1):
            date = session_date(program, week, session)
            if date is None:
                raise ExportError(
                    "start_date: the calendar needs the date of the first session; "
                    "add start_date: YYYY-MM-DD to the profile"
                )
            event: Any = icalendar.Event()
            kind = ", deload" if week.deload else ""
            event.add("summary", _one_line(f"Week {week.number}{kind}: {session.focus}"))
            event.add("dtstart", date)
            event.add("dtend", date + dt.timedelta(days=1))
            event.add("dtstamp", stamp)
            event.add("uid", f"{slug}-{stamp:%Y%m%dT%H%M%S}-w{week.number}-s{index}@thrustplan")
            lines = [f"About {session.estimated_minutes} min."]
            lines += [_describe(entry) for entry in session.exercises]
            event.add("description", "\n".join(lines))
            event.add("categories", ["Training"])
            calendar.add_component(event)
    return bytes(calendar.to_ical())
