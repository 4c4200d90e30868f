"""History from other apps: Hevy and Strong exports read, mapped and used to seed loads."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest

from tests.factories import profile, weekly_template
from tests.hostile_cli import THRUSTPLAN_CLI
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.progression.history import (
    HistoryError,
    detect,
    match_name,
    name_index,
    read_history,
    seeds,
)
from thrustplan.planner.progression.replan import next_block, parse_history
from thrustplan.planner.progression.weeks import build_weeks
from thrustplan.rules.profile import Units
from thrustplan.rules.program import Program
from thrustplan.rules.strength import load_for, max_from_set

CATALOGUE = builtin_catalogue()
EXAMPLES = Path(__file__).parents[1] / "examples"
HEVY = (EXAMPLES / "history" / "hevy-export.csv").read_text(encoding="utf-8")
STRONG = (EXAMPLES / "history" / "strong-export.csv").read_text(encoding="utf-8")


def test_each_export_is_recognised_by_its_header() -> None:
    assert detect(HEVY) == "Hevy" and detect(STRONG) == "Strong"
    with pytest.raises(HistoryError, match="not a Hevy or Strong export"):
        read_history("week,day,exercise_id,set,load,reps,rir\n", CATALOGUE, Units.KG)


@pytest.mark.parametrize(
    ("name", "exercise_id"),
    [
        ("Hip Thrust (Barbell)", "barbell_hip_thrust"),
        ("Romanian Deadlift (Barbell)", "romanian_deadlift"),
        ("Lying Leg Curl (Machine)", "lying_leg_curl"),
        ("Bulgarian Split Squat (Dumbbell)", "dumbbell_bulgarian_split_squat"),
        ("Goblet Squat (Kettlebell)", "kettlebell_goblet_squat"),
        ("Lat Pulldown (Cable)", "lat_pulldown"),
        ("Plank", "plank"),
    ],
)
def test_app_names_map_to_catalogue_ids_through_names_and_aliases(
    name: str, exercise_id: str
) -> None:
    assert match_name(name, name_index(CATALOGUE)) == exercise_id


def test_hevy_warm_ups_are_skipped_and_unmapped_names_reported() -> None:
    history = read_history(HEVY, CATALOGUE, Units.KG)
    thrusts = [s for s in history.sets if s.exercise_id == "barbell_hip_thrust"]
    assert [s.load for s in thrusts] == [70, 70, 80, 80]  # the 20 kg warm-up is gone
    assert thrusts[0].rir == 2 and thrusts[-1].rir == 0
    assert history.unmapped == {"Zercher Carry (Sandbag)": 1}
    assert "Zercher Carry (Sandbag) (1)" in history.summary()


def test_strong_semicolons_and_decimal_commas_are_read() -> None:
    history = read_history(STRONG, CATALOGUE, Units.KG)
    thrust = next(s for s in history.sets if s.exercise_id == "barbell_hip_thrust")
    assert thrust.load == 62.5 and thrust.reps == 10 and thrust.rir == 2
    assert history.unmapped == {"Sled Push": 1}


def test_infinite_or_undefined_numbers_are_not_sets() -> None:
    # "inf" and "nan" are numbers to Python's float(), not to anyone's training log: a
    # set with such reps is skipped, and such a weight is no load.
    working = next(row for row in csv.DictReader(io.StringIO(HEVY)) if row["set_type"] == "normal")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(working))
    writer.writeheader()
    for column, value in (("reps", "inf"), ("reps", "nan"), ("weight_kg", "inf")):
        writer.writerow({**working, column: value})
    history = read_history(out.getvalue(), CATALOGUE, Units.KG)
    assert [(s.load, s.reps) for s in history.sets] == [(None, int(working["reps"]))]


def test_hevy_kilograms_become_pounds_for_a_pound_plan() -> None:
    history = read_history(HEVY, CATALOGUE, Units.LB)
    assert max(s.load or 0 for s in history.sets) == pytest.approx(80 / 0.45359237)


@pytest.mark.parametrize("text", [HEVY, STRONG])
def test_an_export_seeds_a_plans_starting_loads(text: str) -> None:
    history = read_history(text, CATALOGUE, Units.KG)
    starts = seeds(history, Units.KG)
    best = max(
        max_from_set(s.load or 0, s.reps, s.rir or 0)
        for s in history.sets
        if s.exercise_id == "barbell_hip_thrust"
    )
    assert starts["barbell_hip_thrust"].one_rep_max == pytest.approx(best)
    client = profile(equipment=["barbell", "bench"], level="intermediate", days_per_week=2)
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 2)
    thrust = build_weeks(client, plan, CATALOGUE, starts=starts).weeks[0].sessions[0].exercises[0]
    assert f"from your {history.app} history" in thrust.notes
    assert thrust.load is not None
    # Double progression holds the climb's load and reads its reserve off the chart: never
    # harder than printed, and one more in reserve would take a load below the next step.
    chart = load_for(best, thrust.target_reps, thrust.rir)
    assert load_for(best, thrust.target_reps, thrust.rir + 1) - 2.5 < thrust.load <= chart


def test_a_hevy_export_of_the_plans_weeks_replans_like_a_log() -> None:
    plan = Program.model_validate_json((EXAMPLES / "logs" / "sample-plan.json").read_bytes())
    thursday = next(s for s in plan.weeks[-1].sessions if s.day.value == "thu")
    assert thursday.date is not None
    when = f"{thursday.date:%d %b %Y}, 07:00"
    head = HEVY.splitlines()[0]
    rows = [
        f'"Thu","{when}","{when}","","Hip Thrust (Barbell)",,"",{n},"normal",60,10,,,{rpe}'
        for n, rpe in enumerate((8, 8, 9, 9))
    ]
    history = read_history("\n".join([head, *rows]), CATALOGUE, Units.KG)
    log = parse_history(history, plan, CATALOGUE)
    assert log.problems == [] and len(log.rows) == 4
    assert {(r.week, r.day.value) for r in log.rows} == {(len(plan.weeks), "thu")}
    result = next_block(plan, log.rows, CATALOGUE, now=plan.generated_at)
    thrust = next(v for v in result.verdicts if v.exercise_id == "barbell_hip_thrust")
    assert thrust.outcome == "up" and thrust.detail.startswith("4 x 10 at 60 kg with 1-2")


def test_plan_history_option_prints_what_was_read(tmp_path: Path) -> None:
    pytest.importorskip("thrustplan.planner.output.render")
    export = EXAMPLES / "history" / "hevy-export.csv"
    made = subprocess.run(
        [*THRUSTPLAN_CLI, "plan",
         str(EXAMPLES / "profiles" / "full-gym.yaml"), "-o", str(tmp_path / "p.pdf"),
         "--json", str(tmp_path / "p.json"), "--history", str(export)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Hevy history: 7 sets of 4 exercises read" in made.stdout
    assert "Zercher Carry (Sandbag)" in made.stdout
    program = Program.model_validate_json((tmp_path / "p.json").read_bytes())
    notes = [e.notes for s in program.weeks[0].sessions for e in s.exercises]
    assert any("from your Hevy history" in n for n in notes)
