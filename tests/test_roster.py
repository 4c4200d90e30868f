"""Reading rosters: cell conventions, the four file types, defaults and unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from thrustplan.app.roster import (
    Defaults,
    RosterError,
    merge_defaults,
    read_defaults,
    read_roster,
    row_fields,
)
from thrustplan.rules.profile import parse_profile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_list_cells_are_semicolon_separated_and_empty_cells_are_not_given() -> None:
    fields = row_fields(
        {"name": "Ana", "equipment": "barbell; bench ;", "days": "mon;thu", "weeks": ""}
    )
    assert fields == {"name": "Ana", "equipment": ["barbell", "bench"], "days": ["mon", "thu"]}


def test_nested_fields_are_json_in_a_cell_or_flattened_with_dots() -> None:
    whole = row_fields({"barbell": '{"bar": 20, "plates": {"10": 4}}'})
    parts = row_fields({"barbell.bar": "20", "barbell.plates": '{"10": 4}'})
    assert whole == {"barbell": {"bar": 20, "plates": {"10": 4}}}
    assert parts == {"barbell": {"bar": "20", "plates": {"10": 4}}}
    base = {"name": "A", "goal": "glutes", "level": "beginner", "days_per_week": 2}
    for fields in (whole, parts):
        profile = parse_profile({**base, "session_minutes": 40, **fields})
        assert profile.barbell is not None and profile.barbell.plates == {10.0: 4}


def test_bad_json_in_a_nested_cell_names_the_column() -> None:
    with pytest.raises(ValueError, match="rep_maxes: not valid JSON"):
        row_fields({"rep_maxes": "{hip_thrust: 100}"})


def test_row_values_win_over_defaults_and_nested_defaults_merge() -> None:
    defaults = {"units": "kg", "trainer": {"name": "Gym", "accent": "#112233"}, "days": ["mon"]}
    merged = merge_defaults(
        defaults, {"units": "lb", "trainer": {"name": "Ann"}, "days_per_week": 3}
    )
    assert merged == {
        "units": "lb",
        "trainer": {"name": "Ann", "accent": "#112233"},
        "days_per_week": 3,
    }


def test_csv_rows_are_numbered_as_in_a_spreadsheet(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name,days_per_week\nAna,3\n,\nBo,2\n", encoding="utf-8")
    rows = read_roster(roster)
    assert [(r.row, r.fields["name"]) for r in rows] == [(2, "Ana"), (4, "Bo")]


def test_extra_cells_beyond_the_header_make_the_row_invalid(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name,goal\nAna,glutes,oops\n", encoding="utf-8")
    (row,) = read_roster(roster)
    assert row.problem is not None and "more cells than header" in row.problem


def test_the_example_csv_and_xlsx_hold_the_same_clients() -> None:
    from_csv = read_roster(EXAMPLES / "roster.csv")
    from_xlsx = read_roster(EXAMPLES / "roster.xlsx")
    assert len(from_csv) >= 12
    assert [r.row for r in from_csv] == [r.row for r in from_xlsx]
    for a, b in zip(from_csv, from_xlsx, strict=True):
        assert parse_profile(a.fields) == parse_profile(b.fields)


def test_xlsx_numbers_become_integers_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "days_per_week", "session_minutes", "equipment"])
    sheet.append(["Ana", 3.0, 45, "dumbbells;bench"])
    sheet.append([None, None, None, None])
    sheet.append(["Bo", 2, 30, None])
    book.save(tmp_path / "r.xlsx")
    rows = read_roster(tmp_path / "r.xlsx")
    assert [r.row for r in rows] == [2, 4]
    assert rows[0].fields == {
        "name": "Ana",
        "days_per_week": 3,
        "session_minutes": 45,
        "equipment": ["dumbbells", "bench"],
    }


def test_yaml_and_json_lines_rosters(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "clients:\n  - {name: Ana, equipment: [bench]}\n  - {name: Bo, equipment: 'bands;box'}\n",
        encoding="utf-8",
    )
    rows = read_roster(tmp_path / "r.yaml")
    assert [(r.row, r.fields["equipment"]) for r in rows] == [(1, ["bench"]), (2, ["bands", "box"])]
    lines = [json.dumps({"name": "Ana"}), "", "{not json", json.dumps(["a list"])]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = read_roster(tmp_path / "r.jsonl")
    assert [r.row for r in rows] == [1, 3, 4]
    assert rows[0].problem is None
    assert rows[1].problem is not None and "not valid JSON" in rows[1].problem
    assert rows[2].problem == "expected a mapping of profile fields"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.txt", "x", "unknown roster type"),
        ("missing.csv", None, "no such file"),
        ("r.csv", "", "no header row"),
        ("r.yaml", "a: [", "not valid YAML"),
        ("r.yaml", "just text", "expected a list of clients"),
        ("r.xlsx", "not a zip", "not a readable XLSX"),
        ("r.csv", b"\xff\xfe\x00bad", "cannot read the roster"),
    ],
)
def test_an_unreadable_roster_is_a_roster_error(
    tmp_path: Path, name: str, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RosterError, match=message):
        read_roster(path)


def test_defaults_split_print_settings_from_profile_fields(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"")
    path = tmp_path / "defaults.yaml"
    path.write_text(
        "units: lb\nweeks: 4\npaper: letter\ntrainer: {name: Gym, logo: logo.png}\n",
        encoding="utf-8",
    )
    defaults = read_defaults(path)
    assert defaults.paper == "letter" and defaults.theme is None
    assert defaults.profile["units"] == "lb" and defaults.profile["weeks"] == 4
    assert defaults.profile["trainer"]["logo"] == str((tmp_path / "logo.png").resolve())
    roster = tmp_path / "r.csv"
    roster.write_text("name,weeks\nAna,\nBo,6\n", encoding="utf-8")
    rows = read_roster(roster, defaults)
    assert [r.fields["weeks"] for r in rows] == [4, "6"]
    assert read_defaults(EXAMPLES / "defaults.yaml") != Defaults(profile={})
