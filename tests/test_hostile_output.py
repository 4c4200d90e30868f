"""What other programs would interpret is neutralised: no CSV cell a spreadsheet runs as
a formula, no calendar field broken by a line break, no terminal escape printed
(issue 15, "Formula injection" and "Terminal injection")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import icalendar
import pytest
import yaml

from tests.factories import catalogue_program
from tests.hostile_cli import thrustplan, write
from thrustplan.app.batch import BatchReport, ClientResult, Status, summary_csv
from thrustplan.app.cli.app import clean
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.output.exports import program_csv, program_ics, spreadsheet_cell
from thrustplan.rules.program import Program

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    '=HYPERLINK("http://example.com/x","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
#: How each looks in a cell: behind an apostrophe, with a carriage return as a newline.
SHOWN = ["'" + text.replace("\r", "\n") for text in HOSTILE]


@pytest.mark.parametrize(("text", "shown"), list(zip(HOSTILE, SHOWN, strict=True)))
def test_a_cell_that_starts_like_a_formula_is_kept_as_text(text: str, shown: str) -> None:
    assert spreadsheet_cell(text) == shown


@pytest.mark.parametrize("value", ["Hip thrust", "", "2027-01-04", 12, 32.5, None])
def test_plain_cells_are_left_alone(value: object) -> None:
    assert spreadsheet_cell(value) == value


def renamed(program: Program, name: str) -> Program:
    """``program`` whose every exercise is called ``name``, as a hostile import would."""
    weeks = [
        week.model_copy(
            update={
                "sessions": [
                    session.model_copy(
                        update={
                            "exercises": [
                                entry.model_copy(update={"name": name})
                                for entry in session.exercises
                            ],
                            "focus": f"{name}\nEND:VEVENT\nBEGIN:VEVENT",
                        }
                    )
                    for session in week.sessions
                ]
            }
        )
        for week in program.weeks
    ]
    return program.model_copy(update={"weeks": weeks})


@pytest.mark.parametrize(("name", "shown"), list(zip(HOSTILE, SHOWN, strict=True)))
def test_plan_csv_holds_no_formula(name: str, shown: str) -> None:
    program = renamed(catalogue_program(weeks=1), name)
    rows = list(csv.reader(io.StringIO(program_csv(program))))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    assert rows[1][8] == shown


def test_summary_csv_holds_no_formula() -> None:
    results = [
        ClientResult(row, name, f"c{row}", Status.INVALID, reason=name)
        for row, name in enumerate(HOSTILE, start=2)
    ]
    for row in csv.reader(io.StringIO(summary_csv(BatchReport(results)))):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_a_line_break_cannot_add_a_calendar_event() -> None:
    program = renamed(catalogue_program(weeks=1), "Hip thrust")
    sessions = sum(len(week.sessions) for week in program.weeks)
    calendar = icalendar.Calendar.from_ical(program_ics(program))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == sessions
    for event in events:
        assert "\n" not in str(event["summary"])
        assert "END:VEVENT BEGIN:VEVENT" in str(event["summary"])


# --- the terminal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ana \x1b[31mRuiz\x1b[0m", "Ana Ruiz"),
        ("\x1b]0;owned\x07Ana", "Ana"),
        ("Ana\x1b[2J\x1b[H", "Ana"),
        ("Ana\x08\x08\x08Bob", "AnaBob"),
        ("Ana\u202eziuR", "AnaziuR"),
        ("row 2\nrow 3", "row 2\nrow 3"),
    ],
)
def test_clean_removes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert clean(text) == shown


def test_exercise_lists_print_no_terminal_escape(tmp_path: Path) -> None:
    record = builtin_catalogue()["barbell_hip_thrust"].model_dump(mode="json")
    record |= {"id": "red_thrust", "name": "Red\x1b[31m thrust\x1b]0;owned\x07", "aliases": []}
    record |= {"easier": [], "harder": [], "similar": []}
    write(tmp_path, "C.yaml", yaml.safe_dump({"exercises": [record]}))
    listed = thrustplan("exercises", "--catalogue", "C.yaml", cwd=tmp_path)
    shown = thrustplan("exercises", "show", "red_thrust", "--catalogue", "C.yaml", cwd=tmp_path)
    for run in (listed, shown):
        assert run.status == 0, run.text
        assert "\x1b" not in run.text and "\x07" not in run.text
    assert "Red thrust" in shown.text


def test_an_error_message_is_cleaned_and_cut(tmp_path: Path) -> None:
    path = write(tmp_path, "P.yaml", "goal: [" + ", ".join(["\x1b[31mred"] * 5000) + "]\n")
    run = thrustplan("plan", str(path), cwd=tmp_path)
    assert run.status == 2, run.text
    assert "\x1b" not in run.err
    assert len(run.err) < 3000
