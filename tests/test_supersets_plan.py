"""Supersets end to end: a short-session client who asks for them gets more work done,
a plan that passes the checker, and A1/A2 pairs in the JSON and the printed PDF."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pypdf
import pytest
import yaml
from typer.testing import CliRunner

from tests.factories import FULL_GYM, profile
from thrustplan.app.cli.app import app
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.model.solve import InfeasibleRequest, SolverSettings
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.checker import check_program
from thrustplan.rules.program import Program
from thrustplan.rules.supersets import pairing_problem

CATALOGUE = builtin_catalogue()
#: Only the deterministic limit binds, so the plans are the same on any machine.
SOLVER = SolverSettings(time_limit_seconds=60, deterministic_limit=5)
#: Two 30-minute sessions for an advanced lifter: time, not the volume targets, limits
#: the week.
SHORT: dict[str, object] = {
    "name": "Sam Short",
    "goal": "general",
    "level": "advanced",
    "days_per_week": 2,
    "session_minutes": 30,
    "weeks": 4,
    "equipment": FULL_GYM,
}


def _program(supersets: bool) -> Program:
    return generate_program(
        profile(**SHORT, supersets=supersets), CATALOGUE, SOLVER, now=dt.datetime(2027, 1, 1)
    )


@pytest.fixture(scope="module")
def straight() -> Program:
    return _program(supersets=False)


@pytest.fixture(scope="module")
def paired() -> Program:
    return _program(supersets=True)


def _weekly_sets(program: Program) -> int:
    return sum(e.sets for s in program.weeks[0].sessions for e in s.exercises)


def test_supersets_fit_more_sets_into_short_sessions(straight: Program, paired: Program) -> None:
    assert all(e.superset is None for w in straight.weeks for s in w.sessions for e in s.exercises)
    assert _weekly_sets(paired) > _weekly_sets(straight)
    assert all(s.estimated_minutes <= 30 for s in paired.weeks[0].sessions), (
        "the shared rest must keep every session within the client's minutes"
    )


def test_a_plan_with_supersets_passes_the_checker(paired: Program) -> None:
    assert check_program(paired, CATALOGUE) == []


def test_the_json_marks_each_pair_a1_a2(paired: Program) -> None:
    data = json.loads(paired.model_dump_json())
    pairs = 0
    for week in data["weeks"]:
        for session in week["sessions"]:
            entries = session["exercises"]
            for first, second in itertools.pairwise(entries):
                if first["superset"] and first["superset"] == second["superset"]:
                    letter = first["superset"]
                    assert (first["label"], second["label"]) == (f"{letter}1", f"{letter}2")
                    assert first["rest_seconds"] == 0 < second["rest_seconds"]
                    assert f"({letter}2) to share the rest" in first["reason"]
                    one, two = CATALOGUE[first["exercise_id"]], CATALOGUE[second["exercise_id"]]
                    assert pairing_problem(one, two) is None
                    pairs += 1
    assert pairs > 0


def test_thrustplan_plan_prints_the_pairs(tmp_path: Path) -> None:
    profile = tmp_path / "short.yaml"
    profile.write_text(yaml.safe_dump(SHORT | {"supersets": True, "weeks": 2}))
    pdf, plan_json = tmp_path / "plan.pdf", tmp_path / "plan.json"
    result = CliRunner().invoke(
        app, ["plan", str(profile), "-o", str(pdf), "--json", str(plan_json)]
    )
    assert result.exit_code == 0, result.output
    labels = {
        e["label"]
        for w in json.loads(plan_json.read_text())["weeks"]
        for s in w["sessions"]
        for e in s["exercises"]
    }
    assert {"A1", "A2"} <= labels
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "A1" in text and "A2" in text
    assert "→ A2" in text or "→A2" in text


def test_twenty_minute_sessions_pair_unless_the_client_says_no(tmp_path: Path) -> None:
    # Left unset, sessions of 25 minutes or less pair (``ClientProfile.pairs_exercises``):
    # four straight exercises would be all 20 minutes hold.
    twenty = {**SHORT, "session_minutes": 20, "weeks": 2}
    unset = tmp_path / "twenty.yaml"
    unset.write_text(yaml.safe_dump(twenty))
    plan_json = tmp_path / "plan.json"
    runner = CliRunner()
    result = runner.invoke(
        app, ["plan", str(unset), "-o", str(tmp_path / "plan.pdf"), "--json", str(plan_json)]
    )
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["check", str(plan_json)]).exit_code == 0
    paired = Program.model_validate_json(plan_json.read_text())
    assert paired.profile.supersets is None
    assert any(e.superset for s in paired.weeks[0].sessions for e in s.exercises)
    # In straight sets the same two sessions cannot hold the lifts a coach insists on.
    with pytest.raises(InfeasibleRequest, match="set supersets: true"):
        generate_program(profile(**twenty, supersets=False), CATALOGUE, SOLVER)
