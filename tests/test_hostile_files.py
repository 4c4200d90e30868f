"""Hostile paths and files for ``plan``, ``replan``, ``check`` and ``exercises import``:
issue 15's "Lost files", and its tracebacks that come in through a file rather than a
profile. Each is refused with exit 2 before any work, and no input changes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hostile_cli import EXAMPLES, PLAN_LIMIT, PROFILE, digest, refused, thrustplan, write

LOGS = EXAMPLES / "logs"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return write(tmp_path, "P.yaml", PROFILE)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(LOGS / "sample-plan.json", tmp_path / "X.json"))


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return Path(shutil.copy(LOGS / "sample-log.csv", tmp_path / "LOG.csv"))


# --- output paths -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outputs", "naming"),
    [
        (["-o", "P.yaml"], "input"),
        (["-o", "./P.yaml"], "input"),
        (["-o", "X.pdf", "--json", "X.pdf"], "writes there too"),
        (["-o", "X.pdf", "--csv", "./X.pdf"], "writes there too"),
        (["-o", "DIR"], "folder"),
        (["-o", ""], "file name"),
        (["-o", "/proc/x.pdf"], "system"),
        (["-o", "/sys/x.pdf"], "system"),
        (["-o", "P.yaml/x.pdf"], "not a folder"),
        (["--json", "P.yaml"], "input"),
    ],
)
def test_plan_never_writes_over_its_input_or_another_output(
    tmp_path: Path, profile: Path, outputs: list[str], naming: str
) -> None:
    (tmp_path / "DIR").mkdir()
    refused("plan", "P.yaml", *outputs, cwd=tmp_path, inputs=[profile], naming=naming)
    assert not (tmp_path / "X.pdf").exists()


def test_plan_refuses_a_hard_link_to_its_input(tmp_path: Path, profile: Path) -> None:
    (tmp_path / "link.pdf").hardlink_to(profile)
    refused("plan", "P.yaml", "-o", "link.pdf", cwd=tmp_path, inputs=[profile], naming="input")


def test_plan_refuses_its_catalogue_as_an_output(tmp_path: Path, profile: Path) -> None:
    catalogue = write(tmp_path, "C.yaml", "exercises: []\n")
    refused(
        "plan",
        "P.yaml",
        "--catalogue",
        "C.yaml",
        "-o",
        "C.yaml",
        cwd=tmp_path,
        inputs=[profile, catalogue],
        naming="input",
    )


def replan_refused(folder: Path, plan: Path, log: Path, *options: str, naming: str) -> None:
    """``thrustplan replan X.json LOG.csv OPTIONS`` in ``folder`` is refused, naming
    ``naming``, with the plan and the log left as they were."""
    refused("replan", "X.json", "LOG.csv", *options, cwd=folder, inputs=[plan, log], naming=naming)


def test_replan_never_writes_over_its_plan(tmp_path: Path, plan: Path, log: Path) -> None:
    replan_refused(tmp_path, plan, log, "-o", "X.json", naming="input")
    replan_refused(tmp_path, plan, log, "-o", "X.pdf", naming="input")
    replan_refused(tmp_path, plan, log, "--json", "LOG.csv", naming="input")


def test_the_outputs_of_a_plan_are_written_together(tmp_path: Path, profile: Path) -> None:
    made = thrustplan(
        "plan",
        "P.yaml",
        "-o",
        "X.pdf",
        "--json",
        "X.json",
        "--csv",
        "X.csv",
        cwd=tmp_path,
        limit=PLAN_LIMIT,
    )
    assert made.status == 0, made.text
    for name in ("X.pdf", "X.json", "X.csv"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644
    assert not list(tmp_path.glob(".*.tmp"))


# --- replan: a tampered plan, a hostile log ------------------------------------------------


def tampered(plan: Path, change: str) -> None:
    data = json.loads(plan.read_text())
    if change == "no weeks":
        data["weeks"] = []
    elif change == "many sets":
        data["weeks"][0]["sessions"][0]["exercises"][0]["sets"] = 100_000
    elif change == "NaN load":
        plan.write_text(plan.read_text().replace('"load": 35.0', '"load": NaN', 1))
        return
    elif change == "deep":
        data["cautions"] = json.loads("[" * 500 + "]" * 500)
    elif change == "duplicate key":
        plan.write_text(plan.read_text().replace("{", '{"split": "x", ', 1))
        return
    plan.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("change", "naming"),
    [
        ("no weeks", "weeks"),
        ("many sets", "sets"),
        ("NaN load", "NaN"),
        ("deep", "nested"),
        ("duplicate key", "given twice"),
    ],
)
def test_replan_refuses_a_tampered_plan(
    tmp_path: Path, plan: Path, log: Path, change: str, naming: str
) -> None:
    tampered(plan, change)
    replan_refused(tmp_path, plan, log, "-o", "N.pdf", naming=naming)
    assert not (tmp_path / "N.pdf").exists()


@pytest.mark.parametrize("cell", ["inf", "1e400", "nan", "-inf", "9" * 5000])
def test_replan_skips_a_log_row_with_a_number_out_of_range(
    tmp_path: Path, plan: Path, log: Path, cell: str
) -> None:
    lines = log.read_text().splitlines(keepends=True)
    # The first logged set with a load (line 2 of the file is the first set of all).
    loaded = next(i for i, line in enumerate(lines[1:], start=1) if line.split(",")[4])
    fields = lines[loaded].split(",")
    fields[4] = cell
    lines[loaded] = ",".join(fields)
    log.write_text("".join(lines))
    before = digest([plan, log])
    made = thrustplan("replan", "X.json", "LOG.csv", "-o", "N.pdf", cwd=tmp_path, limit=PLAN_LIMIT)
    assert made.status == 0, made.text
    assert f"line {loaded + 1}" in made.err
    assert digest([plan, log]) == before


def test_replan_refuses_a_log_cell_over_the_csv_limit(
    tmp_path: Path, plan: Path, log: Path
) -> None:
    log.write_text(log.read_text() + "1,mon," + "x" * (200 * 1024) + ",1,35,9,2\n")
    replan_refused(tmp_path, plan, log, "-o", "N.pdf", naming="LOG.csv")


def test_replan_refuses_a_binary_log(tmp_path: Path, plan: Path) -> None:
    log = tmp_path / "LOG.csv"
    log.write_bytes(bytes(range(256)) * 10)
    refused("replan", "X.json", "LOG.csv", cwd=tmp_path, inputs=[plan, log], naming="UTF-8")


# --- check and catalogues -------------------------------------------------------------------


def test_check_refuses_a_folder(tmp_path: Path) -> None:
    (tmp_path / "DIR").mkdir()
    refused("check", "DIR/", cwd=tmp_path, naming="folder")


@pytest.mark.parametrize("command", [["check", "X.json"], ["plan", "P.yaml"]])
def test_a_binary_catalogue_is_refused(
    tmp_path: Path, plan: Path, profile: Path, command: list[str]
) -> None:
    catalogue = tmp_path / "C.yaml"
    catalogue.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40)
    refused(
        *command,
        "--catalogue",
        "C.yaml",
        cwd=tmp_path,
        inputs=[catalogue, plan, profile],
        naming="UTF-8",
    )


def test_exercises_commands_refuse_a_hostile_catalogue(tmp_path: Path) -> None:
    bomb = write(tmp_path, "C.yaml", "exercises: " + "[" * 5000 + "]" * 5000 + "\n")
    refused("exercises", "--catalogue", "C.yaml", cwd=tmp_path, inputs=[bomb], naming="nested")
    refused("exercises", "check", "C.yaml", cwd=tmp_path, inputs=[bomb], naming="nested")
    binary = tmp_path / "B.yaml"
    binary.write_bytes(b"\xff\xfe\x00" * 100)
    refused(
        "exercises",
        "show",
        "hip_thrust",
        "--catalogue",
        "B.yaml",
        cwd=tmp_path,
        inputs=[binary],
        naming="UTF-8",
    )


# --- exercises import -----------------------------------------------------------------------

RECORD = {
    "id": "Barbell_Glute_Bridge",
    "name": "Barbell Glute Bridge",
    "category": "strength",
    "equipment": "barbell",
    "force": "push",
    "mechanic": "compound",
    "level": "beginner",
    "primaryMuscles": ["glutes"],
    "secondaryMuscles": ["hamstrings"],
    "instructions": ["Lie down.", "Drive the hips up."],
}


def import_refused(folder: Path, source: Path, *options: str, naming: str) -> None:
    """``thrustplan exercises import free-exercise-db S.json OPTIONS`` in ``folder`` is
    refused, naming ``naming``, with the source left as it was."""
    command = ("exercises", "import", "free-exercise-db", "S.json", *options)
    refused(*command, cwd=folder, inputs=[source], naming=naming)


def test_import_never_writes_over_its_source(tmp_path: Path) -> None:
    source = write(tmp_path, "S.json", json.dumps([RECORD]))
    import_refused(tmp_path, source, "-o", "S.json", naming="input")
    import_refused(tmp_path, source, "-o", "C.yaml", "--report", "S.json", naming="input")


@pytest.mark.parametrize(
    ("content", "naming"),
    [
        (b"\x00\x01\xff" * 100, "UTF-8"),
        (b"[" * 50_000 + b"]" * 50_000, "nested"),
        (b'[{"id": NaN}]', "NaN"),
        (b'{"not": "a list"}', "list of exercise records"),
    ],
)
def test_import_refuses_a_hostile_source(tmp_path: Path, content: bytes, naming: str) -> None:
    source = tmp_path / "S.json"
    source.write_bytes(content)
    import_refused(tmp_path, source, "-o", "C.yaml", naming=naming)
    assert not (tmp_path / "C.yaml").exists()


def test_import_reports_records_of_the_wrong_kinds_and_keeps_the_rest(tmp_path: Path) -> None:
    strange = [
        {**RECORD, "id": "a", "name": ["a", "list"]},
        {**RECORD, "id": "b", "instructions": "not a list"},
        {**RECORD, "id": "c", "primaryMuscles": [1, 2]},
        {**RECORD, "id": 7},
        {**RECORD, "id": "=cmd", "name": '=HYPERLINK("http://x")'},
        RECORD,
    ]
    source = write(tmp_path, "S.json", json.dumps(strange))
    before = digest([source])
    made = thrustplan(
        "exercises", "import", "free-exercise-db", "S.json", "-o", "C.yaml", cwd=tmp_path
    )
    assert made.status == 0, made.text
    report = (tmp_path / "C.yaml.report.txt").read_text()
    assert "name is not text" in report
    assert "instructions is not a list of text" in report
    assert "primaryMuscles is not a list of text" in report
    assert "id is not text" in report
    assert digest([source]) == before


def test_import_replaces_a_catalogue_whole(tmp_path: Path) -> None:
    source = write(tmp_path, "S.json", json.dumps([RECORD]))
    old = write(tmp_path, "C.yaml", "exercises: []\n")
    made = thrustplan(
        "exercises", "import", "free-exercise-db", "S.json", "-o", "C.yaml", cwd=tmp_path
    )
    assert made.status == 0, made.text
    assert old.read_text() != "exercises: []\n"
    assert old.stat().st_mode & 0o777 == 0o644
    assert not list(tmp_path.glob(".*.tmp"))
    assert json.loads(source.read_text()) == [RECORD]
