"""``thrustplan plan``, ``check`` and ``schema`` end to end, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from tests.hostile_cli import run_thrustplan

EXAMPLES = Path(__file__).parents[1] / "examples" / "profiles"


@pytest.mark.parametrize(
    "example", ["bodyweight", "home-bands-dumbbells", "full-gym", "short-sessions-supersets"]
)
def test_plan_then_check_each_example(tmp_path: Path, example: str) -> None:
    pdf, plan_json = tmp_path / "plan.pdf", tmp_path / "plan.json"
    made = run_thrustplan(
        "plan", str(EXAMPLES / f"{example}.yaml"), "-o", str(pdf), "--json", str(plan_json)
    )
    assert made.returncode == 0, made.stderr
    program = json.loads(plan_json.read_text())
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert program["profile"]["name"] in text
    first_session = program["weeks"][0]["sessions"][0]
    for entry in first_session["exercises"]:
        assert entry["name"].split()[0] in text
    checked = run_thrustplan("check", str(plan_json))
    assert checked.returncode == 0, checked.stdout
    assert "every hard rule holds" in checked.stdout


def test_plan_from_flags_only(tmp_path: Path) -> None:
    pdf = tmp_path / "flags.pdf"
    made = run_thrustplan(
        "plan", "--goal", "glutes", "--level", "beginner", "--days", "3", "--minutes", "45",
        "--weeks", "4", "-e", "db", "-e", "bench", "--units", "lb", "-o", str(pdf),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert len(pypdf.PdfReader(pdf).pages) >= 3


BEGINNER = ["--goal", "glutes", "--level", "beginner", "--minutes", "30"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([*BEGINNER, "--days", "0"], "days_per_week"),
        ([*BEGINNER, "--days", "3", "-e", "dumbell"], "did you mean 'dumbbells'"),
        (["missing-profile.yaml"], "no such file"),
    ],
)
def test_bad_input_exits_2_with_one_clear_message(
    tmp_path: Path, args: list[str], needle: str
) -> None:
    result = run_thrustplan("plan", *args, "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_malformed_yaml_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\ngoal: glutes\n")
    result = run_thrustplan("plan", str(broken), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "not valid YAML" in result.stderr and "line" in result.stderr


def test_impossible_request_exits_3_naming_rules_and_a_fix(tmp_path: Path) -> None:
    result = run_thrustplan(
        "plan", "--goal", "glutes", "--level", "beginner", "--days", "2", "--minutes", "15",
        "-o", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert result.returncode == 3
    assert "session_fits_time" in result.stderr
    assert "allow 20 minutes per session" in result.stderr


def test_check_lists_violations_and_exits_1(tmp_path: Path) -> None:
    plan_json = tmp_path / "plan.json"
    made = run_thrustplan(
        "plan", str(EXAMPLES / "bodyweight.yaml"), "--weeks", "2", "-o", str(tmp_path / "p.pdf"),
        "--json", str(plan_json),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    program = json.loads(plan_json.read_text())
    program["profile"]["session_minutes"] = 20
    plan_json.write_text(json.dumps(program))
    result = run_thrustplan("check", str(plan_json))
    assert result.returncode == 1
    assert "[session_fits_time] week 1" in result.stdout


def test_schema_is_the_generated_json_schema() -> None:
    result = run_thrustplan("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Program"
    entry = schema["$defs"]["ExerciseEntry"]["properties"]
    for field in ("order", "exercise_id", "name", "sets", "reps_min", "reps_max", "load",
                  "load_unit", "rest_seconds", "rir", "notes"):  # fmt: skip
        assert field in entry
