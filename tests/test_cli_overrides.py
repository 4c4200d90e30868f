"""The trainer's overrides end to end: ``include`` and ``exclude`` in a profile file,
honoured by ``thrustplan plan`` and ``check``, or explained with exit 3."""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile_cli import run_thrustplan

PROFILE = """\
name: Ines Duarte
goal: glutes
level: beginner
days_per_week: 3
session_minutes: 40
weeks: 4
units: kg
equipment: [bodyweight, mat]
bodyweight: 62
"""


def test_an_include_on_a_day_and_an_exclude_are_honoured(tmp_path: Path) -> None:
    profile = tmp_path / "client.yaml"
    profile.write_text(
        PROFILE + "include:\n  - {exercise: side_plank, day: wed}\nexclude: [glute_bridge]\n"
    )
    plan_json = tmp_path / "plan.json"
    made = run_thrustplan(
        "plan", str(profile), "-o", str(tmp_path / "plan.pdf"), "--json", str(plan_json)
    )
    assert made.returncode == 0, made.stderr
    program = json.loads(plan_json.read_text())
    for week in program["weeks"]:
        ids = {s["day"]: {e["exercise_id"] for e in s["exercises"]} for s in week["sessions"]}
        assert "side_plank" in ids["wed"]
        assert not any("glute_bridge" in day for day in ids.values())
    assert run_thrustplan("check", str(plan_json)).returncode == 0


def test_an_include_the_kit_rules_out_exits_3_naming_the_rule_and_the_fix(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "client.yaml"
    profile.write_text(PROFILE + "include:\n  - {exercise: barbell_hip_thrust}\n")
    result = run_thrustplan("plan", str(profile), "-o", str(tmp_path / "plan.pdf"))
    assert result.returncode == 3
    assert "trainer_includes" in result.stderr
    assert "remove barbell_hip_thrust from include (needs Barbell" in result.stderr
