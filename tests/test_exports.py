"""The CSV of prescribed sets and the iCalendar of sessions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys

import icalendar
import pytest

from tests.factories import catalogue_program
from thrustplan.planner.output.exports import (
    EXTRA_COLUMNS,
    LOG_COLUMNS,
    ExportError,
    program_csv,
    program_ics,
    session_date,
)
from thrustplan.rules.profile import Units


def test_csv_has_one_row_per_prescribed_set_with_the_log_columns_first() -> None:
    program = catalogue_program(weeks=2, days=3)
    rows = list(csv.DictReader(io.StringIO(program_csv(program))))
    header = next(csv.reader(io.StringIO(program_csv(program))))
    assert tuple(header[: len(LOG_COLUMNS)]) == LOG_COLUMNS
    assert tuple(header[len(LOG_COLUMNS) :]) == EXTRA_COLUMNS
    expected = sum(e.sets for w in program.weeks for s in w.sessions for e in s.exercises)
    assert len(rows) == expected


def test_csv_rows_carry_the_prescription_of_their_set() -> None:
    program = catalogue_program(weeks=1, days=3)
    session = program.weeks[0].sessions[0]
    first = session.exercises[0]
    rows = list(csv.DictReader(io.StringIO(program_csv(program))))
    mine = [
        r for r in rows if r["day"] == session.day.value and r["exercise_id"] == first.exercise_id
    ]
    assert [r["set"] for r in mine] == [str(n) for n in range(1, first.sets + 1)]
    assert {r["load"] for r in mine} == {f"{first.load:g}"}
    assert {r["reps"] for r in mine} == {str(first.target_reps)}
    assert {r["rir"] for r in mine} == {str(first.rir)}
    assert {r["week"] for r in mine} == {"1"}
    assert {r["date"] for r in mine} == {"2025-03-03"}
    assert {r["load_unit"] for r in mine} == {"kg"}
    assert {(r["reps_min"], r["reps_max"]) for r in mine} == {
        (str(first.reps_min), str(first.reps_max))
    }


def test_csv_leaves_load_and_unit_empty_for_unloaded_exercises() -> None:
    program = catalogue_program(weeks=1, days=3)
    rows = list(csv.DictReader(io.StringIO(program_csv(program))))
    planks = [r for r in rows if r["exercise_id"] == "plank"]
    assert planks
    assert all(r["load"] == "" and r["load_unit"] == "" for r in planks)


def test_csv_prints_pounds_for_a_pound_programme() -> None:
    program = catalogue_program(weeks=1, days=3, units=Units.LB)
    rows = list(csv.DictReader(io.StringIO(program_csv(program))))
    assert {r["load_unit"] for r in rows if r["load"]} == {"lb"}


def test_ics_has_one_event_per_session_on_its_date() -> None:
    program = catalogue_program(weeks=3, days=4)
    calendar = icalendar.Calendar.from_ical(program_ics(program))
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    sessions = [(w, s) for w in program.weeks for s in w.sessions]
    assert len(events) == len(sessions)
    for event, (week, session) in zip(events, sessions, strict=True):
        assert event.decoded("dtstart") == session_date(program, week, session)
        assert f"Week {week.number}" in str(event["summary"])
        assert session.focus in str(event["summary"])
        assert session.exercises[0].name in str(event["description"])
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_ics_marks_deload_weeks_in_the_event_title() -> None:
    program = catalogue_program(weeks=4, days=3)
    calendar = icalendar.Calendar.from_ical(program_ics(program))
    titles = [str(c["summary"]) for c in calendar.walk() if c.name == "VEVENT"]
    assert all("deload" in t for t in titles[-3:])
    assert not any("deload" in t for t in titles[:-3])


def test_ics_is_the_same_for_the_same_programme() -> None:
    program = catalogue_program(weeks=2, days=3)
    assert program_ics(program) == program_ics(program)


def test_ics_counts_dates_from_the_start_date_when_sessions_have_none() -> None:
    program = catalogue_program(weeks=2, days=3, start_date=dt.date(2025, 3, 5))  # a Wednesday
    for week in program.weeks:
        for session in week.sessions:
            session.date = None
    first_week = program.weeks[0]
    dates = [session_date(program, first_week, s) for s in first_week.sessions]
    # Monday falls after the Wednesday start; Wednesday and Friday on and after it.
    assert dates == [dt.date(2025, 3, 10), dt.date(2025, 3, 5), dt.date(2025, 3, 7)]
    assert session_date(program, program.weeks[1], program.weeks[1].sessions[1]) == dt.date(
        2025, 3, 12
    )
    assert all(d is not None and d.weekday() == s.day.offset for d, s in
               zip(dates, first_week.sessions, strict=True))  # fmt: skip


def test_ics_without_any_date_names_the_start_date_field() -> None:
    program = catalogue_program(weeks=1, days=3, start_date=None)
    with pytest.raises(ExportError, match="start_date"):
        program_ics(program)


def test_ics_without_the_calendar_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ExportError, match=r"pip install 'thrustplan\[calendar\]'"):
        program_ics(catalogue_program(weeks=1, days=3))
