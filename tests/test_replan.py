"""Re-planning from a log: reading it, judging each lift, and the next block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import profile, program_from_template, progressed_program, weekly_template
from tests.hostile_cli import run_thrustplan
from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.pipeline import generate_program
from thrustplan.planner.progression.loads import ladder_for
from thrustplan.planner.progression.replan import (
    LOG_COLUMNS,
    LogError,
    Verdict,
    judge,
    next_block,
    next_template,
    parse_log,
)
from thrustplan.planner.progression.starts import LiftStart, RepStart
from thrustplan.planner.progression.weeks import build_weeks
from thrustplan.rules.checker import check_program
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import ExerciseEntry, Program
from thrustplan.rules.review import review_program
from thrustplan.rules.strength import load_for, max_from_set

CATALOGUE = builtin_catalogue()
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
HEADER = ",".join(LOG_COLUMNS)
PANEL = Path(__file__).parent / "panel"


def home_client(**fields: object) -> ClientProfile:
    base: dict[str, object] = {
        "equipment": ["barbell", "bench", "dumbbells"],
        "barbell": {"bar": 20, "plates": {20: 2, 10: 2, 5: 2, 2.5: 2, 1.25: 2}},
        "rep_maxes": {"barbell_hip_thrust": {"weight": 60, "reps": 10}},
        "level": "intermediate",
        "days_per_week": 2,
        "weeks": 6,
        "start_date": dt.date(2025, 3, 3),
    }
    return profile(**(base | fields))


def home_plan(**fields: object) -> Program:
    sessions = [
        ["barbell_hip_thrust", "goblet_squat", "dumbbell_row", "plank"],
        ["barbell_hip_thrust", "dumbbell_romanian_deadlift", "push_up", "plank"],
    ]
    return progressed_program(home_client(**fields), sessions)


def planned_rows(plan: Program, exercise_id: str, *, reps_delta: int = 0) -> list[str]:
    """Log lines doing exactly what the plan says (give or take ``reps_delta`` reps)."""
    lines = []
    for week in plan.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                if entry.exercise_id != exercise_id:
                    continue
                for number in range(1, entry.sets + 1):
                    load = "" if entry.load is None else f"{entry.load:g}"
                    reps = entry.target_reps + reps_delta
                    lines.append(
                        f"{week.number},{session.day.value},{exercise_id},{number},{load},"
                        f"{reps},{entry.rir}"
                    )
    return lines


# --- reading the log -------------------------------------------------------------------


def test_good_rows_are_read_with_extra_columns_blank_lines_and_a_bom() -> None:
    plan = home_plan()
    lines = planned_rows(plan, "barbell_hip_thrust")
    text = "\ufeff" + HEADER + ",date,note\n" + "\n".join(f"{x},2025-03-03,ok" for x in lines)
    text += "\n\n1,mon,plank,1,,30,2\n"
    log = parse_log(text, plan, CATALOGUE)
    assert log.problems == []
    assert len(log.rows) == len(lines) + 1
    assert log.rows[0].line == 2 and log.rows[0].load is not None
    assert log.rows[-1].exercise_id == "plank" and log.rows[-1].load is None


def test_each_bad_row_is_reported_by_line_and_skipped() -> None:
    plan = home_plan()
    good = planned_rows(plan, "barbell_hip_thrust")[:3]
    # Each bad row, and what its message must say.
    bad = [
        ("1,mon,barbell_hip_thrust,4,-20,10,2", "line 5: load -20 is impossible"),
        ("1,mon,barbell_hip_thrust,5,50,500,2", "reps 500 is impossible"),
        ("1,mon,banana_press,1,20,10,2", "unknown exercise 'banana_press'"),
        ("1,mon,back_squat,1,20,10,2", "not in the plan for week 1 mon"),
        ("1,mon,barbell_hip_thrust,6,50,,2", "reps is missing"),
        ("9,mon,barbell_hip_thrust,1,50,10,2", "week 9 is impossible"),
        ("1,fri,barbell_hip_thrust,1,50,10,2", "no session on fri"),
        ("1,mon,barbell_hip_thrust,1,50,10,2", "repeats line 2"),
        ("1,mon,barbell_hip_thrust,7,fifty,10,2", "not a number"),
        ("1,mon,barbell_hip_thrust,8,,10,2", "load is missing"),  # a loaded lift
        ("1,mon,barbell_hip_thrust,9,50,8.5,2", "not a whole number"),
        ("1,mon,barbell_hip_thrust,10,50,8,12", "rir 12 is impossible"),
        # Numbers Python reads but nobody logs.
        ("inf,mon,barbell_hip_thrust,1,50,10,2", "week 'inf' is not a whole number"),
        ("1,mon,barbell_hip_thrust,nan,50,10,2", "set 'nan' is not a whole number"),
        ("1,mon,barbell_hip_thrust,11,inf,10,2", "load inf is impossible"),
    ]
    text = "\n".join([HEADER, *good, *(row for row, _ in bad)]) + "\n"
    log = parse_log(text, plan, CATALOGUE)
    assert len(log.rows) == 3
    assert [p.line for p in log.problems] == list(range(5, 5 + len(bad)))
    messages = [str(p) for p in log.problems]
    for message, (_, says) in zip(messages, bad, strict=True):
        assert says in message
    assert all(m.endswith("skipped") for m in messages)


@pytest.mark.parametrize("text", ["", "week,day,exercise_id,set,load,reps\n1,mon,x,1,2,3\n"])
def test_a_log_without_its_columns_cannot_be_read(text: str) -> None:
    with pytest.raises(LogError, match="week,day,exercise_id,set,load,reps,rir"):
        parse_log(text, home_plan(), CATALOGUE)


# --- judging ---------------------------------------------------------------------------


def _judge(plan: Program, lines: list[str], exercise_id: str = "barbell_hip_thrust") -> Verdict:
    log = parse_log("\n".join([HEADER, *lines]), plan, CATALOGUE)
    assert log.problems == []
    return judge(plan, log.rows, CATALOGUE, exercise_id)


def _last_thrust(plan: Program) -> ExerciseEntry:
    return next(
        e for w in reversed(plan.weeks) if not w.deload
        for e in w.sessions[1].exercises if e.exercise_id == "barbell_hip_thrust"
    )  # fmt: skip


def test_a_lift_that_met_its_targets_moves_up_and_never_below_what_was_met() -> None:
    plan = home_plan()
    verdict = _judge(plan, planned_rows(plan, "barbell_hip_thrust", reps_delta=1))
    assert verdict.outcome == "up" and isinstance(verdict.start, LiftStart)
    last = _last_thrust(plan)
    assert last.load is not None and last.estimated_max is not None
    assert verdict.start.floor is not None and verdict.start.floor >= last.load
    assert verdict.start.one_rep_max > last.estimated_max


def test_a_small_miss_repeats_and_a_miss_in_two_sessions_backs_off() -> None:
    plan = home_plan()
    rows = planned_rows(plan, "barbell_hip_thrust")
    last_session = rows[-3:]
    short_one = [*rows[:-3], *(r.rsplit(",", 2)[0] + f",{int(r.split(',')[5]) - 1},2"
                               for r in last_session[-1:]), *last_session[:-1]]  # fmt: skip
    verdict = _judge(plan, short_one)
    assert verdict.outcome == "repeat", verdict
    last = _last_thrust(plan)
    assert isinstance(verdict.start, LiftStart) and last.load is not None
    # The earlier sessions were met in full: never below their load.
    assert verdict.start.floor is not None and verdict.start.floor >= last.load - 5

    twice = _judge(plan, planned_rows(plan, "barbell_hip_thrust", reps_delta=-1))
    assert twice.outcome == "back off" and "twice running" in twice.detail
    assert isinstance(twice.start, LiftStart) and twice.start.floor is None
    # 5-10 % lighter: the max of the backed-off load at the planned reps.
    backed = load_for(twice.start.one_rep_max, last.target_reps, last.rir)
    assert 0.88 * last.load <= backed < last.load


def test_a_set_logged_heavier_than_planned_starts_from_what_was_lifted() -> None:
    plan = home_plan()
    lines = ["1,mon,goblet_squat,1,12.5,10,3", "1,mon,goblet_squat,2,17.5,10,1"]
    verdict = _judge(plan, lines, "goblet_squat")
    assert isinstance(verdict.start, LiftStart)
    assert verdict.start.one_rep_max == pytest.approx(max_from_set(17.5, 10, 1))
    assert "17.5 kg" in verdict.detail


def test_unlogged_lifts_repeat_their_last_planned_load() -> None:
    plan = home_plan()
    verdict = _judge(plan, [])
    assert verdict.outcome == "not logged" and isinstance(verdict.start, LiftStart)


def test_unloaded_reps_and_holds_carry_forward() -> None:
    plan = home_plan()
    lines = [f"4,mon,plank,{n},,45,2" for n in (1, 2, 3)]
    verdict = _judge(plan, lines, "plank")
    assert verdict.outcome == "by reps" and isinstance(verdict.start, RepStart)
    assert verdict.start.reps == 45
    template = weekly_template(plan.profile, [["barbell_hip_thrust", "plank"]] * 2)
    weeks = build_weeks(plan.profile, template, CATALOGUE, starts={"plank": verdict.start}).weeks
    planks = [e for w in weeks if not w.deload for s in w.sessions for e in s.exercises
              if e.exercise_id == "plank"]  # fmt: skip
    assert planks and all(e.target_reps >= 45 for e in planks)


def test_band_work_carries_its_band_into_the_next_block() -> None:
    # The next block went back to the second band of five whatever the client reached.
    bands = ["yellow", "red", "green", "blue", "black"]
    client = home_client(equipment=["bands", "bench"], bands=bands, rep_maxes={}, weeks=8)
    template = weekly_template(client, [["band_hip_thrust", "plank"]] * 2)
    plan = program_from_template(client, template, CATALOGUE)
    last = [e for w in plan.weeks if not w.deload for s in w.sessions for e in s.exercises
            if e.exercise_id == "band_hip_thrust"][-1]  # fmt: skip
    assert last.band is not None and bands.index(last.band) > 1

    def first_band(lines: list[str]) -> str | None:
        verdict = _judge(plan, lines, "band_hip_thrust")
        assert isinstance(verdict.start, RepStart) and verdict.start.band == last.band
        assert f"with the {last.band} band" in verdict.detail
        weeks = build_weeks(client, template, CATALOGUE, starts={"band_hip_thrust": verdict.start})
        return weeks.weeks[0].sessions[0].exercises[0].band

    # Every set of every session at the top of the range: one band heavier.
    assert (
        first_band(planned_rows(plan, "band_hip_thrust", reps_delta=20))
        == bands[bands.index(last.band) + 1]
    )
    # Short of the top in the last session: the same band again.
    assert first_band(planned_rows(plan, "band_hip_thrust", reps_delta=-1)) == last.band


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 3), st.integers(1, 3), st.integers(0, 2))
def test_replan_never_lowers_a_lift_whose_targets_were_all_met(
    extra_reps: int, rir: int, extra_load_steps: int
) -> None:
    plan = home_plan()
    lines = []
    heaviest = 0.0
    for week in plan.weeks:
        if week.deload:
            continue
        for session in week.sessions:
            for entry in session.exercises:
                if entry.load is None:
                    continue
                load = entry.load + 2.5 * extra_load_steps
                heaviest = (
                    max(heaviest, load) if entry.exercise_id == "barbell_hip_thrust" else heaviest
                )
                for n in range(1, entry.sets + 1):
                    lines.append(f"{week.number},{session.day.value},{entry.exercise_id},{n},"
                                 f"{load:g},{entry.target_reps + extra_reps},{rir}")  # fmt: skip
    log = parse_log("\n".join([HEADER, *lines]), plan, CATALOGUE)
    assert log.problems == []
    result = next_block(plan, log.rows, CATALOGUE, now=NOW)
    for verdict in result.verdicts:
        assert verdict.outcome in ("up", "by reps"), verdict
    for exercise_id in {r.exercise_id for r in log.rows}:
        met = max(
            r.load or 0
            for r in log.rows
            if r.exercise_id == exercise_id
            and r.week == max(x.week for x in log.rows if x.exercise_id == exercise_id)
        )
        new = [
            e.load
            for w in result.program.weeks
            if not w.deload
            for s in w.sessions
            for e in s.exercises
            if e.exercise_id == exercise_id and e.load is not None
        ]
        # The log adds 2.5 to each planned load, which the client's dumbbells may not
        # make: the promise is the kit's heaviest load at or below what was met.
        ladder = ladder_for(CATALOGUE[exercise_id], plan.profile)
        floor = met if ladder is None else ladder.floor(met)
        assert all(load >= floor for load in new), (exercise_id, met, new)


# --- the next block --------------------------------------------------------------------


def test_next_block_passes_the_checker_and_builds_on_the_log() -> None:
    plan = home_plan()
    lines = [
        *planned_rows(plan, "barbell_hip_thrust", reps_delta=1),
        "1,mon,goblet_squat,1,16,10,1",
        "1,thu,dumbbell_romanian_deadlift,1,20,10,2",
    ]
    log = parse_log("\n".join([HEADER, *lines]), plan, CATALOGUE)
    # A hand-made week from an older planner: it breaks today's session rules.
    assert check_program(plan, CATALOGUE) != []
    result = next_block(plan, log.rows, CATALOGUE, now=NOW)
    new = result.program
    assert check_program(new, CATALOGUE) == []
    assert any("solved afresh" in note for note in result.notes)
    assert new.profile.start_date == dt.date(2025, 4, 14)
    assert new.weeks[0].sessions[0].date == dt.date(2025, 4, 14)
    assert new.generated_at == NOW and len(new.weeks) == len(plan.weeks)
    old = _last_thrust(plan)
    thrusts = [e for s in new.weeks[0].sessions for e in s.exercises
               if e.exercise_id == "barbell_hip_thrust"]  # fmt: skip
    assert thrusts and thrusts[0].load is not None and old.load is not None
    assert thrusts[0].load >= old.load
    outcomes = {v.exercise_id: v.outcome for v in result.verdicts}
    assert outcomes["barbell_hip_thrust"] == "up"
    unloaded = [i for i in outcomes if not CATALOGUE[i].load_kind.external]
    assert unloaded and all(outcomes[i] == "by reps" for i in unloaded)
    assert any(v.detail.endswith(" kg") for v in result.verdicts)


def test_next_template_keeps_the_variation_the_plan_ended_on() -> None:
    client = profile(weeks=8, days_per_week=2)
    sessions = [["glute_bridge", "bodyweight_squat", "push_up", "plank"]] * 2
    plan = progressed_program(client, sessions)
    ended_on = plan.weeks[-2].sessions[0].exercises[0].exercise_id
    assert ended_on != "glute_bridge"
    template = next_template(plan, CATALOGUE)
    assert template.sessions[0].exercises[0].exercise.id == ended_on
    assert "block" not in template.sessions[0].exercises[0].reason
    result = next_block(plan, [], CATALOGUE, now=NOW)
    assert check_program(result.program, CATALOGUE) == []


def test_the_next_block_keeps_each_lift_in_its_tier() -> None:
    # A strength plan's rows and lunges are second lifts (6-10 reps), its squat a main lift
    # (3-6): the next block prescribes them as the first did, not at the goal's fives.
    # (Body-weight work carries its reps on from where it stopped instead.)
    client = load_profile(PANEL / "strength-intermediate-three-short.yaml")
    plan = generate_program(client, CATALOGUE, now=NOW)
    first = {(e.exercise_id, e.reps_min, e.reps_max, e.rest_seconds)
             for s in plan.weeks[0].sessions for e in s.exercises
             if e.load is not None}  # fmt: skip
    result = next_block(plan, [], CATALOGUE, now=NOW)
    again = {(e.exercise_id, e.reps_min, e.reps_max, e.rest_seconds)
             for s in result.program.weeks[0].sessions for e in s.exercises
             if e.load is not None}  # fmt: skip
    assert again == first
    assert ("back_squat", 3, 6, 180) in again
    assert any(r[1:3] == (6, 10) for r in again)
    assert review_program(result.program, CATALOGUE) == []


# --- the command -----------------------------------------------------------------------

LOGS = Path(__file__).parents[1] / "examples" / "logs"


def test_replan_the_sample_log_then_check_the_next_block(tmp_path: Path) -> None:
    pytest.importorskip("thrustplan.planner.output.render")
    pdf = tmp_path / "next.pdf"
    made = run_thrustplan("replan", str(LOGS / "sample-plan.json"), str(LOGS / "sample-log.csv"),
                      "-o", str(pdf))  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "barbell_hip_thrust: up" in made.stdout and "0 rows skipped" in made.stdout
    checked = run_thrustplan("check", str(tmp_path / "next.json"))
    assert checked.returncode == 0, checked.stdout
    new = Program.model_validate_json((tmp_path / "next.json").read_bytes())
    # The client beat the thrust at 60 kg x 10: the next block starts at 60 kg or more.
    assert "4 x 10 at 60 kg with 1-2 in reserve" in made.stdout
    thrusts = [e.load for w in new.weeks for s in w.sessions for e in s.exercises
               if e.exercise_id == "barbell_hip_thrust"]  # fmt: skip
    assert thrusts and all(load is not None and load >= 60 for load in thrusts)
    # The lift missed in the last two sessions backs off; holds carry on.
    assert "back off (short of" in made.stdout
    holds = [e for w in new.weeks for s in w.sessions for e in s.exercises if e.timed]
    assert holds and min(e.target_reps for e in holds) >= 45


def test_replan_reports_each_bad_row_and_still_succeeds(tmp_path: Path) -> None:
    pytest.importorskip("thrustplan.planner.output.render")
    made = run_thrustplan(
        "replan", str(LOGS / "sample-plan.json"), str(LOGS / "bad-rows.csv"),
        "-o", str(tmp_path / "next.pdf"), "--json", str(tmp_path / "n.json"),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    reported = [line for line in made.stderr.splitlines() if line.endswith("skipped")]
    assert [line.split(" line ")[1].split(":")[0] for line in reported] == [
        "6", "11", "17", "24", "35", "46", "61", "68", "79"
    ]  # fmt: skip
    assert "9 rows skipped" in made.stdout
    assert (tmp_path / "n.json").exists()


@pytest.mark.parametrize(
    ("log", "needle"),
    [("missing.csv", "no such file"), ("header.csv", "lacks rir")],
)
def test_unreadable_logs_exit_2(tmp_path: Path, log: str, needle: str) -> None:
    (tmp_path / "header.csv").write_text("week,day,exercise_id,set,load,reps\n")
    made = run_thrustplan("replan", str(LOGS / "sample-plan.json"), str(tmp_path / log),
                      "-o", str(tmp_path / "next.pdf"))  # fmt: skip
    assert made.returncode == 2
    assert needle in made.stderr and "Traceback" not in made.stderr
    assert not (tmp_path / "next.pdf").exists()


def test_a_programme_without_a_solve_report_can_still_be_replanned() -> None:
    plan = home_plan().model_copy(update={"solve": []})
    result = next_block(plan, [], CATALOGUE, now=NOW)
    # The hand-made week breaks today's rules: the one report is the fresh solve's.
    assert len(result.program.solve) <= 1 and check_program(result.program, CATALOGUE) == []
