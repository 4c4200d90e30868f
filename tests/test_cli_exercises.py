"""``thrustplan exercises``: listing, the guide, checking and importing, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from thrustplan.app.cli.app import app, out_console
from thrustplan.exercise_db.catalogue import builtin_catalogue, load_catalogue_file

runner = CliRunner()
REAL_FILE = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db" / "exercises.json"
)


def listed(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["exercises", *args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_json_lists_every_exercise_with_the_promised_fields() -> None:
    data = listed()
    assert len(data) == len(builtin_catalogue())
    for field in ("id", "name", "equipment", "pattern", "primary_muscles", "secondary_muscles"):
        assert field in data[0]


@pytest.mark.parametrize(
    "spelling", [["-e", "db"], ["--equipment", "dumbbell"], ["-e", "Dumbbells"]]
)
def test_equipment_aliases_filter_alike(spelling: list[str]) -> None:
    data = listed(*spelling, "--equipment", "bench")
    ids = {row["id"] for row in data}
    assert "dumbbell_hip_thrust" in ids
    assert "glute_bridge" in ids  # bodyweight is always there
    assert "barbell_hip_thrust" not in ids
    for row in data:
        assert set(row["equipment"]) <= {"dumbbells", "bench", "bodyweight"}


def test_pattern_and_muscle_filters_combine() -> None:
    data = listed("--pattern", "hip thrust", "--muscle", "glute med")
    assert data
    for row in data:
        assert row["pattern"] == "hip_thrust"
        muscles = [*row["primary_muscles"], *row["secondary_muscles"]]
        assert "gluteus_medius" in muscles


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide console, whatever COLUMNS was when the console was made (Rich fixes the
    width from COLUMNS then, so setting it later for one run is not enough)."""
    monkeypatch.setattr(out_console, "width", 200)


@pytest.mark.usefixtures("wide")
def test_the_table_names_the_exercises() -> None:
    result = runner.invoke(app, ["exercises", "--pattern", "knee_flexion"])
    assert result.exit_code == 0
    assert "sliding_leg_curl" in result.stdout
    assert "Glute-ham raise" in result.stdout


@pytest.mark.parametrize(
    ("args", "option", "suggestion"),
    [
        (["--equipment", "dumbell"], "--equipment", "'dumbbells'"),
        (["--pattern", "hip thurst"], "--pattern", "'hip_thrust'"),
        (["--muscle", "hamstrngs"], "--muscle", "'hamstrings'"),
    ],
)
def test_unknown_words_exit_2_with_one_clear_message(
    args: list[str], option: str, suggestion: str
) -> None:
    result = runner.invoke(app, ["exercises", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith(f"error: {option}: unknown")
    assert f"did you mean {suggestion}" in message
    assert "Traceback" not in result.output
    assert len(message.splitlines()) == 1


def test_show_prints_the_whole_guide() -> None:
    result = runner.invoke(app, ["exercises", "show", "barbell_hip_thrust"])
    assert result.exit_code == 0
    text = result.stdout
    thrust = builtin_catalogue()["barbell_hip_thrust"]
    for part in (*thrust.steps, *thrust.cues, *thrust.mistakes):
        assert part in " ".join(text.split())
    for heading in ("How to", "Cues", "Common mistakes", "Equipment:", "Primary muscles:"):
        assert heading in text
    assert "Easier: Bodyweight hip thrust (bodyweight_hip_thrust)" in text
    assert "Harder: Barbell B-stance hip thrust" in text
    assert "Similar: Glute bridge (glute_bridge), Glute-ham raise (glute_ham_raise)" in text


def test_show_finds_an_exercise_by_alias_or_name() -> None:
    by_alias = runner.invoke(app, ["exercises", "show", "RDL"])
    assert by_alias.exit_code == 0
    assert "Romanian deadlift" in by_alias.stdout
    by_name = runner.invoke(app, ["exercises", "show", "Bulgarian split squat"])
    assert by_name.exit_code == 0


def test_show_json_gives_one_record() -> None:
    result = runner.invoke(app, ["exercises", "show", "plank", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["timed"] is True


def test_show_unknown_id_exits_2_with_a_did_you_mean() -> None:
    result = runner.invoke(app, ["exercises", "show", "barbel_hip_thrust"])
    assert result.exit_code == 2
    assert (
        "unknown exercise 'barbel_hip_thrust'; did you mean 'barbell_hip_thrust'" in result.stderr
    )


def test_a_trainers_catalogue_is_merged_over_ours(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "exercises:\n"
        "  - {id: towel_row, name: Towel row, equipment: [none], pattern: row,"
        " primary_muscles: [lats], mechanic: compound, load_kind: bodyweight,"
        " steps: [Loop a towel round a post., Lean back., Pull.]}\n"
    )
    data = listed("--catalogue", str(mine), "--pattern", "horizontal_pull", "-e", "bodyweight")
    ids = {row["id"] for row in data}
    assert {"towel_row", "doorway_row"} <= ids


@pytest.mark.usefixtures("wide")
def test_names_with_brackets_print_as_written(tmp_path: Path) -> None:
    # Rich would read "[/x]" as a closing tag and stop with a markup error.
    mine = tmp_path / "[red]mine.yaml"
    mine.write_text(
        "exercises:\n"
        "  - {id: towel_row, name: 'Towel row [/x] [bold]', equipment: [none], pattern: row,"
        " primary_muscles: [lats], mechanic: compound, load_kind: bodyweight,"
        " steps: [Loop a towel round a post., Lean back., Pull.]}\n"
    )
    listing = runner.invoke(app, ["exercises", "--catalogue", str(mine), "-p", "horizontal_pull"])
    assert listing.exit_code == 0, listing.output
    assert "Towel row [/x] [bold]" in " ".join(listing.stdout.split())
    check = runner.invoke(app, ["exercises", "check", str(mine)])
    assert "[red]mine" in check.output


def test_a_bad_catalogue_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises: [{id: x}]\n")
    result = runner.invoke(app, ["exercises", "--catalogue", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --catalogue: bad.yaml: exercise #1 (x)")


def test_check_passes_on_the_builtin_catalogue() -> None:
    result = runner.invoke(app, ["exercises", "check"])
    assert result.exit_code == 0
    assert "no problems" in result.stderr


def test_check_reports_a_broken_catalogue_with_status_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "exercises:\n"
        "  - {id: a, name: A, equipment: [none], pattern: core, primary_muscles: [abs],"
        " mechanic: isolation, load_kind: bodyweight, harder: [ghost],"
        " steps: [One., Two., Three.], cues: [Brace., Breathe.], mistakes: [Rushing., Sagging.]}\n"
    )
    result = runner.invoke(app, ["exercises", "check", str(broken), "--alone"])
    assert result.exit_code == 1
    assert "[links] a: harder names unknown exercise 'ghost'" in result.stdout
    assert "[coverage] no hip thrust exercise with bodyweight only" in result.stdout


def test_import_writes_a_catalogue_and_a_report(tmp_path: Path) -> None:
    source = tmp_path / "exercises.json"
    source.write_text(
        json.dumps(
            [
                {
                    "id": "Barbell_Hip_Thrust",
                    "name": "Barbell Hip Thrust",
                    "category": "strength",
                    "equipment": "barbell",
                    "force": "push",
                    "mechanic": "compound",
                    "level": "intermediate",
                    "primaryMuscles": ["glutes"],
                    "secondaryMuscles": ["hamstrings"],
                    "instructions": ["Sit against a bench.", "Drive the hips up."],
                },
                {"id": "Quad_Stretch", "name": "Quad Stretch", "category": "stretching"},
            ]
        )
    )
    output = tmp_path / "out" / "catalogue.yaml"
    result = runner.invoke(
        app, ["exercises", "import", "free-exercise-db", str(source), "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "mapped 1 of 1 strength records (100.0%)" in result.stderr
    catalogue = load_catalogue_file(output)
    assert list(catalogue) == ["fedb_barbell_hip_thrust"]
    report = (tmp_path / "out" / "catalogue.yaml.report.txt").read_text()
    assert "Quad_Stretch\tQuad Stretch\tstretching\tnot strength training" in report


def test_import_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["exercises", "import", "free-exercise-db", str(tmp_path / "no.json"), "-o", "x.yaml"],
    )
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


@pytest.mark.skipif(not REAL_FILE.is_file(), reason=f"free-exercise-db is not at {REAL_FILE}")
def test_import_of_the_real_file_reports_its_mapping(tmp_path: Path) -> None:
    output = tmp_path / "fedb.yaml"
    report = tmp_path / "skipped.txt"
    result = runner.invoke(
        app,
        [
            "exercises",
            "import",
            "free-exercise-db",
            str(REAL_FILE),
            "-o",
            str(output),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "strength records (9" in result.stderr
    skipped = [line for line in report.read_text().splitlines() if not line.startswith("#")]
    assert len(skipped) + len(load_catalogue_file(output)) == 873
