"""Hostile rosters and batch options: refused once, up front, with exit 2 when the whole
run cannot work; reported row by row, by field and by name, when one client is bad.

Issue 15's batch reproductions, with the roster's own traps: semicolons, formulas,
broken workbooks, relative logos and names meant for a spreadsheet or a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.hostile_cli import PLAN_LIMIT, VALID_FIELDS, digest, refused, thrustplan, write

HEADER = "name,goal,level,days_per_week,session_minutes,weeks,equipment"
VALID_ROW = "Ana Ruiz,glutes,beginner,2,30,1,bodyweight"
#: One tiny PNG: a 1 x 1 white pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8ffffff7f0009fb03fd2a86e38a0000000049454e44ae426082"
)


def summary(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "summary.csv").read_text())))


def batch(tmp_path: Path, roster: str, *options: str, limit: float = PLAN_LIMIT) -> tuple[int, str]:
    run = thrustplan(
        "batch", roster, "--out", "out", "--workers", "1", *options, cwd=tmp_path, limit=limit
    )
    return run.status, run.err


# --- refused once, up front -------------------------------------------------------------------


def test_an_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", f"{HEADER}\n{VALID_ROW}\n")
    taken = write(tmp_path, "out", "a file\n")
    refused("batch", "r.csv", "--out", "out", cwd=tmp_path, inputs=[roster, taken], naming="--out")


@pytest.mark.parametrize("out", ["/proc/out", "/sys/kernel/out", "r.csv/out"])
def test_an_out_that_cannot_be_written_is_refused(tmp_path: Path, out: str) -> None:
    roster = write(tmp_path, "r.csv", f"{HEADER}\n{VALID_ROW}\n")
    refused("batch", "r.csv", "--out", out, cwd=tmp_path, inputs=[roster], naming="--out")


def test_a_theme_that_is_not_a_stylesheet_is_refused_once(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", f"{HEADER}\n{VALID_ROW}\n{VALID_ROW}\n")
    run = refused(
        "batch",
        "r.csv",
        "--out",
        "out",
        "--theme",
        "/etc/passwd",
        cwd=tmp_path,
        inputs=[roster],
        naming="theme",
    )
    assert "worker" not in run.err
    assert not (tmp_path / "out" / "summary.csv").exists()


def defaults_refused(folder: Path, defaults_text: str, naming: str) -> None:
    """A one-row batch whose ``--defaults`` file holds ``defaults_text`` is refused, naming
    ``naming``, with the roster and the defaults left as they were."""
    roster = write(folder, "r.csv", f"{HEADER}\n{VALID_ROW}\n")
    defaults = write(folder, "d.yaml", defaults_text)
    command = ("batch", "r.csv", "--out", "out", "--defaults", "d.yaml")
    refused(*command, cwd=folder, inputs=[roster, defaults], naming=naming)


def test_a_paper_size_in_the_defaults_is_refused_once(tmp_path: Path) -> None:
    defaults_refused(tmp_path, "paper: tabloid\n", "tabloid")


@pytest.mark.parametrize(
    ("name", "text", "naming"),
    [
        ("r.yaml", "- name: " + "[" * 50_000 + "\n", "nested"),
        ("r.yaml", "- &a {name: A}\n- {<<: *a, name: A}\n- name: B\n  name: C\n", "given twice"),
        ("r.csv", "name;goal;level;days_per_week\nAna;glutes;beginner;3\n", "semicolons"),
        ("r.csv", HEADER + "\n" + (VALID_ROW + "\n") * 10_001, "rows"),
    ],
)
def test_an_unreadable_roster_is_refused(tmp_path: Path, name: str, text: str, naming: str) -> None:
    roster = write(tmp_path, name, text)
    refused("batch", name, "--out", "out", cwd=tmp_path, inputs=[roster], naming=naming)


def test_a_binary_roster_is_refused(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_bytes(b"name\n\xff\xfe\x00\x81")
    refused("batch", "r.csv", "--out", "out", cwd=tmp_path, inputs=[roster], naming="UTF-8")


def test_deep_defaults_are_refused(tmp_path: Path) -> None:
    defaults_refused(tmp_path, "trainer: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", "nested")


# --- workbooks ----------------------------------------------------------------------------


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def rewrite_sheet(path: Path, change: str) -> None:
    """The workbook at ``path`` with its first sheet's XML truncated or given a DOCTYPE."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    if change == "truncated":
        parts[sheet] = parts[sheet][: len(parts[sheet]) // 2]
    else:
        entity = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        parts[sheet] = entity + parts[sheet]
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.parametrize("change", ["truncated", "doctype"])
def test_a_broken_workbook_is_refused(tmp_path: Path, change: str) -> None:
    rows: list[list[object]] = [[*HEADER.split(",")], [*VALID_ROW.split(",")]]
    roster = workbook(tmp_path / "r.xlsx", rows)
    rewrite_sheet(roster, change)
    refused("batch", "r.xlsx", "--out", "out", cwd=tmp_path, inputs=[roster], naming="XLSX")


def test_a_formula_without_a_saved_value_names_its_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [[*HEADER.split(",")], ["Bea", "glutes", "beginner", "=1+1", 30, 1]]
    workbook(tmp_path / "r.xlsx", rows)
    status, _ = batch(tmp_path, "r.xlsx")
    assert status == 1
    (row,) = summary(tmp_path / "out")
    assert row["name"] == "Bea"
    assert row["status"] == "invalid"
    assert "days_per_week" in row["reason"] and "formula" in row["reason"]


# --- bad rows, reported by name and field -----------------------------------------------------


def test_bad_rows_are_reported_by_name_and_field_and_the_batch_finishes(tmp_path: Path) -> None:
    rows = [
        VALID_ROW,
        'Cara,glutes,beginner,2,30,1,bodyweight,"{""bar"": 20, ""plates"": {""20"": 1000000}}"',
        'Dana,glutes,beginner,2,30,1,bodyweight,"{not json"',
        "Eve,glutes,beginner,2,30,1,bodyweight,,2027-02-30",
        "Fay,glutes,beginner,2,30,1,bodyweight,,9999-12-27",
    ]
    roster = write(tmp_path, "r.csv", f"{HEADER},barbell,start_date\n" + "\n".join(rows) + "\n")
    before = digest([roster])
    status, _ = batch(tmp_path, "r.csv")
    assert status == 1
    reasons = {row["name"]: (row["status"], row["reason"]) for row in summary(tmp_path / "out")}
    assert reasons["Ana Ruiz"][0] == "ok"
    assert reasons["Cara"][0] == "invalid" and "barbell.plates" in reasons["Cara"][1]
    assert reasons["Dana"][0] == "invalid" and "barbell" in reasons["Dana"][1]
    assert reasons["Eve"][0] == "invalid" and "start_date" in reasons["Eve"][1]
    assert reasons["Fay"][0] == "invalid" and "start_date" in reasons["Fay"][1]
    assert digest([roster]) == before


def test_a_json_lines_roster_reports_a_deep_or_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps(VALID_FIELDS),
        '{"name": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"name": "Gil", "bodyweight": NaN}',
    ]
    write(tmp_path, "r.jsonl", "\n".join(lines) + "\n")
    status, _ = batch(tmp_path, "r.jsonl")
    assert status == 1
    rows = summary(tmp_path / "out")
    assert [row["status"] for row in rows] == ["ok", "invalid", "invalid"]
    assert "nested" in rows[1]["reason"]
    assert "NaN" in rows[2]["reason"]


def test_a_relative_logo_in_a_row_is_taken_from_the_rosters_folder(tmp_path: Path) -> None:
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "logo.png").write_bytes(PIXEL)
    write(tmp_path / "clients", "r.csv", f"{HEADER},trainer.logo\n{VALID_ROW},logo.png\n")
    run = thrustplan(
        "batch", "clients/r.csv", "--out", "out", "--workers", "1", cwd=tmp_path, limit=PLAN_LIMIT
    )
    assert run.status == 0, run.text
    (row,) = summary(tmp_path / "out")
    assert row["status"] == "ok", row["reason"]


# --- what spreadsheets and terminals would run ------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://example.com/x","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_summary_cells_never_start_a_formula(tmp_path: Path) -> None:
    rows = [f'"{name.replace(chr(34), chr(34) * 2)}",glutes,beginner,9,30,1,' for name in FORMULAS]
    write(tmp_path, "r.csv", f"{HEADER}\n" + "\n".join(rows) + "\n")
    status, _ = batch(tmp_path, "r.csv")
    assert status == 1
    for row in csv.reader(io.StringIO((tmp_path / "out" / "summary.csv").read_text())):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    names = [row["name"] for row in summary(tmp_path / "out")]
    assert names == [f"'{name}" for name in FORMULAS]


def test_the_progress_prints_no_terminal_escapes(tmp_path: Path) -> None:
    write(tmp_path, "r.csv", f'{HEADER}\n"Ana\x1b[31m\x1b]0;pwned\x07",glutes,beginner,9,30,1,\n')
    status, err = batch(tmp_path, "r.csv")
    assert status == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "Ana" in err
