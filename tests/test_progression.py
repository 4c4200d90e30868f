"""Progression: each scheme's endpoints, starting loads, rates by level, deloads by need,
warm-ups, variations and the issue's examples."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from tests.factories import (
    Item,
    profile,
    program_from_template,
    progressed_program,
    weekly_template,
)
from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.planner.pipeline import generate_program
from thrustplan.planner.progression.lifts import EASY_ON_PURPOSE, HELD_SLACK, TOO_BIG_A_STEP
from thrustplan.planner.progression.loads import barbell_loads, plate_breakdown
from thrustplan.planner.progression.phases import DELOAD_EVERY, calendar, deload_weeks
from thrustplan.planner.progression.rates import (
    ADVANCED_PER_BLOCK,
    BEGINNER_STEP_KG,
    BEGINNER_WEEKLY,
    INTERMEDIATE_WEEKLY,
    Rate,
    beginner_step,
    rate_for,
)
from thrustplan.planner.progression.starts import LiftStart
from thrustplan.planner.progression.weeks import ProgressionResult, build_weeks
from thrustplan.rules.checker import Violation, check_program
from thrustplan.rules.populations import is_max_test
from thrustplan.rules.profile import BarbellKit, ClientProfile, ProgressionScheme, Units
from thrustplan.rules.program import ExerciseEntry, Program, Week
from thrustplan.rules.review.reading import session_minutes as review_session_minutes
from thrustplan.rules.slot_prescription import LIGHT_DAY_SETS
from thrustplan.rules.strength import load_for, max_from_set
from thrustplan.rules.timing import RAMP_SETS_IN_WARM_UP

CATALOGUE = builtin_catalogue()
HOME_KIT = {"bar": 20, "plates": {10: 2, 5: 2, 2.5: 2}}


def slot(weeks: list[Week], session: int, order: int) -> list[ExerciseEntry]:
    """The entries of one template slot, week by week."""
    return [w.sessions[session].exercises[order - 1] for w in weeks]


def loads_of(entries: list[ExerciseEntry]) -> list[float]:
    """The loads of ``entries``, every one of which must carry a load."""
    found = [e.load for e in entries]
    assert None not in found, f"an entry without a load: {found}"
    return [load for load in found if load is not None]


# --- the examples -------------------------------------------------------------


def test_home_glutes_plan_hip_thrust_loads_are_made_by_the_plates() -> None:
    client = profile(
        equipment=["barbell", "bench"],
        barbell=HOME_KIT,
        level="intermediate",
        rep_maxes={"barbell_hip_thrust": {"weight": 40, "reps": 10}},
        days_per_week=2,
    )
    plan = weekly_template(client, [["barbell_hip_thrust", "glute_bridge", "push_up"]] * 2)
    result = build_weeks(client, plan, CATALOGUE)
    kit = BarbellKit.model_validate(HOME_KIT)
    thrusts = slot(result.weeks, 0, 1)
    assert len(thrusts) == 8
    for entry in thrusts:
        assert entry.exercise_id == "barbell_hip_thrust"
        assert entry.load is not None and entry.load_unit == "kg"
        assert entry.plates == plate_breakdown(entry.load, kit) is not None
        assert entry.load in barbell_loads(kit)
    normal = [e for e, w in zip(thrusts, result.weeks, strict=True) if not w.deload]
    maxes = [e.estimated_max or 0 for e in normal]
    assert maxes == sorted(maxes) and maxes[-1] > maxes[0]
    for reps in {e.target_reps for e in normal}:
        same = loads_of([e for e in normal if e.target_reps == reps])
        assert same == sorted(same), "at the same reps the load never falls"
    deloads = [w.number for w in result.weeks if w.deload]
    assert deloads == [4, 8]
    thrust_loads = loads_of(thrusts)
    for number in deloads:
        assert thrust_loads[number - 1] < thrust_loads[number - 2]
        assert thrusts[number - 1].sets < thrusts[number - 2].sets
    assert "pause" in thrusts[0].notes and thrusts[0].reps_min == 8 and thrusts[0].reps_max == 10


def test_bodyweight_beginner_progresses_by_reps_then_harder_variations() -> None:
    client = profile(weeks=12)
    plan = weekly_template(
        client,
        [
            ["glute_bridge", "bodyweight_squat", "push_up"],
            ["glute_bridge", "split_squat", "doorway_row"],
            ["glute_bridge", "sliding_leg_curl", "knee_push_up"],
        ],
    )
    result = build_weeks(client, plan, CATALOGUE)
    entries = [e for w in result.weeks for s in w.sessions for e in s.exercises]
    assert all(e.load is None and e.load_unit is None and e.plates is None for e in entries)
    bridge = slot(result.weeks, 0, 1)
    ids = [e.exercise_id for e in bridge]
    assert ids[:4] == ["glute_bridge"] * 4
    assert len(set(ids)) == 3, "a harder variation in each new block"
    for later in ids[4:]:
        assert CATALOGUE[later].is_hip_thrust_family
    # Inside a block the reps climb through the range.
    assert [e.target_reps for e in bridge[:3]] == [12, 16, 20]
    harder = CATALOGUE["glute_bridge"].harder
    assert ids[4] in harder
    assert "harder" in bridge[4].reason
    knee = slot(result.weeks, 2, 3)
    assert knee[0].exercise_id == "knee_push_up" and knee[4].exercise_id == "push_up"


def test_warm_up_push_ups_are_the_clients_own() -> None:
    # A beginner on knee push-ups cannot warm up with five floor ones.
    client = profile(weeks=12)
    sessions = [["glute_bridge", "knee_push_up"], ["split_squat", "doorway_row"], ["plank"]]
    weeks = build_weeks(client, weekly_template(client, sessions, focus="upper body"), CATALOGUE)
    lines = [{s.warm_up for s in w.sessions} for w in weeks.weeks]
    assert lines[0] == {"warm up 5 min: easy cardio, then arm circles, 10 wall slides and "
                        "5 knee push-ups"}  # fmt: skip
    # The next block moves the knee push-ups on to floor ones, and so does the warm-up.
    floor = [w for w in weeks.weeks if any(
        e.exercise_id == "push_up" for s in w.sessions for e in s.exercises)]  # fmt: skip
    assert floor and all(s.warm_up.endswith("and 5 push-ups") for s in floor[0].sessions)
    # Without push-ups in the week, a beginner does them against a wall and others on the floor.
    pressing = [["glute_bridge", "dumbbell_bench_press"], ["split_squat"], ["plank"]]
    for level, move in (("beginner", "5 push-ups against a wall"), ("intermediate", "5 push-ups")):
        lifter = profile(level=level, equipment=["dumbbells", "bench", "bands"])
        template = weekly_template(lifter, pressing, focus="upper body")
        first = build_weeks(lifter, template, CATALOGUE).weeks[0]
        assert {s.warm_up.split("circles, ")[1] for s in first.sessions} == {
            f"band pull-aparts and {move}"
        }


# --- schemes --------------------------------------------------------------------------


def _one_lift(
    scheme: ProgressionScheme, weeks: int = 8, days: int = 2, **fields: object
) -> tuple[ClientProfile, ProgressionResult]:
    base: dict[str, object] = {
        "equipment": ["barbell", "bench"],
        "progression": scheme,
        "weeks": weeks,
        "days_per_week": days,
        "level": "intermediate",
        "rep_maxes": {"barbell_hip_thrust": {"weight": 100, "reps": 5}},
    }
    client = profile(**(base | fields))
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * days)
    return client, build_weeks(client, plan, CATALOGUE)


def in_session_order(weeks: list[Week], order: int) -> list[ExerciseEntry]:
    """Slot ``order`` of every session, session after session, week after week."""
    return [s.exercises[order - 1] for w in weeks for s in w.sessions]


def test_a_beginners_linear_plan_adds_the_beginner_step_every_session() -> None:
    # Starting Strength, StrongLifts and Strong Curves add load every session the lift is
    # done: twice a week here, so Thursday's thrust is a step over Monday's.
    _, result = _one_lift(ProgressionScheme.LINEAR, weeks=6, level="beginner")
    thrusts = in_session_order(result.weeks, 1)
    assert {e.target_reps for e in thrusts} == {9}
    # Lower body: +2.5 kg a session, exactly, with the standard plates.
    assert [b - a for a, b in itertools.pairwise(loads_of(thrusts))] == [2.5] * 11
    assert result.scheme == "linear"


def test_a_beginners_upper_body_step_is_half_the_lower() -> None:
    client = profile(
        equipment=["barbell", "bench", "squat_rack"],
        progression="linear",
        weeks=5,
        days_per_week=2,
        rep_maxes={"bench_press": {"weight": 50, "reps": 8}},
    )
    plan = weekly_template(client, [["barbell_hip_thrust", "bench_press", "plank"]] * 2)
    lifted = loads_of(in_session_order(build_weeks(client, plan, CATALOGUE).weeks, 2))
    steps = [b - a for a, b in itertools.pairwise(lifted)]
    # 1.25 kg a session on a kit whose step is 2.5 kg: a step every other session.
    assert sum(steps) == pytest.approx(12.5, abs=2.5) and set(steps) <= {0.0, 2.5}


def test_double_progression_climbs_reps_then_adds_load() -> None:
    _, result = _one_lift(ProgressionScheme.DOUBLE, weeks=6, level="beginner")
    thrusts = slot(result.weeks, 0, 1)
    assert [e.target_reps for e in thrusts[:4]] == [8, 9, 10, 8]
    lifted = loads_of(thrusts)
    assert lifted[3] > lifted[0]
    # An intermediate climbs a rung every other week.
    _, steady = _one_lift(ProgressionScheme.DOUBLE, weeks=6)
    assert [e.target_reps for e in slot(steady.weeks, 0, 1)[:4]] == [8, 8, 9, 9]


def _climbs(entries: list[ExerciseEntry]) -> list[list[ExerciseEntry]]:
    """``entries`` cut where the reps go back down: each climb of the rep ladder."""
    climbs = [entries[:1]]
    for before, entry in itertools.pairwise(entries):
        if entry.target_reps < before.target_reps:
            climbs.append([entry])
        else:
            climbs[-1].append(entry)
    return climbs


def test_double_progression_holds_the_load_while_the_reps_climb() -> None:
    # A coach holds the load while the reps climb from the bottom of the range to the top,
    # then adds load and starts again at the bottom. Reading each week's load off the
    # chart at a fixed reserve made it fall as the reps rose (this squat went 75, 75 and
    # 70 kg over 8, 8 and 10 reps); the week's reserve is read off the chart instead.
    client = profile(
        level="intermediate", weeks=16, days_per_week=2,
        equipment=["barbell", "squat_rack", "bench"],
        rep_maxes={
            "barbell_hip_thrust": {"weight": 100, "reps": 10},
            "back_squat": {"weight": 80, "reps": 8},
        },
    )  # fmt: skip
    plan = weekly_template(client, [["barbell_hip_thrust", "back_squat", "plank"]] * 2)
    result = build_weeks(client, plan, CATALOGUE)
    normal = [w for w in result.weeks if not w.deload]
    for order, top in ((1, 10), (2, 12)):
        climbs = _climbs(slot(normal, 0, order))
        assert len(climbs) == 2
        for climb in climbs:
            assert len(set(loads_of(climb))) == 1, "the load holds while the reps climb"
            reps = [e.target_reps for e in climb]
            assert reps == sorted(reps) and (reps[0], reps[-1]) == (8, top)
        first, second = (loads_of(climb)[0] for climb in climbs)
        assert second > first, "and rises for the next climb"
        for entry in slot(normal, 0, order):
            # The printed max is rounded to a tenth: the chart is read a twentieth either way.
            assert entry.load is not None and entry.estimated_max is not None
            assert entry.rir >= 2, "never harder than the prescription's reserve"
            assert entry.rir <= 2 + HELD_SLACK, "nor so easy that the set builds nothing"
            most = entry.estimated_max + 0.05
            assert entry.load <= load_for(most, entry.target_reps, entry.rir)
            least = entry.estimated_max - 0.05
            # One more in reserve would take a load below the kit's next step up.
            assert load_for(least, entry.target_reps, entry.rir + 1) < entry.load + 2.5
    squats = slot(normal, 0, 2)
    # The bottom reps leave more in reserve than the top, where the climb ends at RIR 2.
    assert squats[0].rir > squats[5].rir == 2


def test_a_held_load_does_more_reps_rather_than_easy_sets() -> None:
    # An advanced lifter's max grows by the block, and a leg curl's 12-20 asks for eight
    # reps more from one load: climbing the ladder rung by rung started these sets five or
    # more short of failure. The week does more reps at the held load instead.
    client = profile(
        level="advanced", weeks=12, days_per_week=2,
        equipment=["barbell", "squat_rack", "bench", "leg_curl_machine"],
        rep_maxes={
            "romanian_deadlift": {"weight": 120, "reps": 8},
            "seated_leg_curl": {"weight": 50, "reps": 12},
        },
    )  # fmt: skip
    plan = weekly_template(
        client, [["barbell_hip_thrust", "romanian_deadlift", "seated_leg_curl"]] * 2
    )
    result = build_weeks(client, plan, CATALOGUE)
    normal = [w for w in result.weeks if not w.deload and w.number > 1]
    for order in (2, 3):
        entries = slot(normal, 0, order)
        prescribed = min(e.rir for e in entries)
        assert all(e.rir <= prescribed + HELD_SLACK for e in entries), [e.rir for e in entries]
        for climb in _climbs(entries):
            assert len(set(loads_of(climb))) == 1


def test_undulating_has_heavy_and_light_days_in_the_same_week() -> None:
    _, result = _one_lift(ProgressionScheme.UNDULATING, weeks=4)
    for week in result.weeks:
        heavy, light = week.sessions[0].exercises[0], week.sessions[1].exercises[0]
        assert heavy.target_reps == 8 and light.target_reps == 10
        assert "heavy day" in heavy.notes and "light day" in light.notes
        assert heavy.load is not None and light.load is not None
        assert heavy.load > light.load
        assert light.rir == heavy.rir + 1


def test_an_undulating_light_day_stays_lighter_than_the_heavy_day_on_a_coarse_kit() -> None:
    # The panel's advanced client: a 5 kg cable stack and a rack of dumbbells round the
    # heavy and the light day to the same set (a split squat at 8 kg x 12 on both, a
    # pulldown at 30 kg x 8 on both). The light day now takes the next load down or
    # fewer reps, or says that it is easier than printed.
    client = load_profile(Path("tests/panel/general-advanced-gym-ninety.yaml"))
    lifts = ["dumbbell_bulgarian_split_squat", "lat_pulldown", "cable_hip_abduction"]
    result = build_weeks(
        client.model_copy(update={"progression": ProgressionScheme.UNDULATING}),
        weekly_template(client, [lifts] * client.days_per_week),
        CATALOGUE,
    )
    eased = 0
    for week in (w for w in result.weeks if not w.deload):
        for order in (1, 2, 3):
            heavy, light = (week.sessions[s].exercises[order - 1] for s in (0, 1))
            assert "heavy day" in heavy.notes and "light day" in light.notes
            assert heavy.load is not None and light.load is not None
            if EASY_ON_PURPOSE in light.notes:
                eased += 1
                assert light.load < heavy.load or TOO_BIG_A_STEP in heavy.notes
                continue
            assert (light.load, light.target_reps) < (heavy.load, heavy.target_reps), (
                week.number,
                heavy.exercise_id,
                heavy.load,
                heavy.target_reps,
                light.target_reps,
            )
    assert eased > 0, "the coarse stack leaves some light days only an easy set"


def test_block_phases_accumulate_then_intensify_then_deload() -> None:
    _, result = _one_lift(ProgressionScheme.BLOCK, weeks=8)
    thrusts = slot(result.weeks, 0, 1)
    names = [w.phase_name for w in result.weeks]
    assert names[:4] == ["Accumulation", "Accumulation", "Intensification", "Intensification"]
    assert [w.deload for w in result.weeks] == [False, False, False, True] * 2
    assert thrusts[0].target_reps == thrusts[0].reps_max
    assert thrusts[2].target_reps == thrusts[2].reps_min
    lifted = loads_of(thrusts)
    assert lifted[2] > lifted[1]
    assert lifted[4] > lifted[0]  # next block, heavier


@pytest.mark.parametrize("scheme", list(ProgressionScheme))
def test_intermediates_deload_about_every_four_to_six_weeks(scheme: ProgressionScheme) -> None:
    for total in range(7, 30):
        deloads = deload_weeks(total, DELOAD_EVERY[scheme])
        assert deloads[-1] == total
        gaps = [b - a for a, b in zip((0, *deloads), deloads, strict=False)]
        assert all(3 <= g <= 6 for g in gaps), (total, gaps)
    assert [w.number for w in calendar(scheme, 6) if w.deload] == (
        [5] if DELOAD_EVERY[scheme] == 5 else [4] if DELOAD_EVERY[scheme] == 4 else []
    )


@pytest.mark.parametrize("scheme", list(ProgressionScheme))
def test_beginners_get_no_scheduled_deload_up_to_twelve_weeks(scheme: ProgressionScheme) -> None:
    for total in range(1, 13):
        shapes = calendar(scheme, total, Level.BEGINNER)
        assert not any(w.deload for w in shapes)
        assert all(1 <= w.block_weeks <= 4 for w in shapes) or total <= 5
    assert any(w.deload for w in calendar(scheme, 16, Level.BEGINNER))


def test_advanced_lifters_deload_at_the_end_of_every_block() -> None:
    shapes = calendar(ProgressionScheme.BLOCK, 12, Level.ADVANCED)
    ends = [max(w.number for w in shapes if w.block == b) for b in {w.block for w in shapes}]
    assert sorted(ends) == [w.number for w in shapes if w.deload]


def test_a_deload_after_a_stall_opens_the_block_and_is_still_a_session() -> None:
    client, _ = _one_lift(ProgressionScheme.DOUBLE, weeks=4, level="beginner")
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 2)
    result = build_weeks(client, plan, CATALOGUE, deload_first=True)
    thrusts = slot(result.weeks, 0, 1)
    assert [w.deload for w in result.weeks] == [True, False, False, False]
    assert thrusts[0].sets >= 2 and thrusts[0].load is not None
    assert loads_of(thrusts)[0] < loads_of(thrusts)[1]


# --- rates by level -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise_id", "units", "kg"),
    [
        ("barbell_hip_thrust", Units.KG, 2.5),
        ("back_squat", Units.KG, 2.5),
        ("bench_press", Units.KG, 1.25),
        ("dumbbell_romanian_deadlift", Units.KG, 1.25),  # 2.5 shared by two dumbbells
        ("leg_extension", Units.KG, 1.25),
        ("dumbbell_fly", Units.KG, 0.25),
        ("barbell_hip_thrust", Units.LB, 2.5 / 0.45359237),
    ],
)
def test_beginner_weekly_steps(exercise_id: str, units: Units, kg: float) -> None:
    assert beginner_step(CATALOGUE[exercise_id], units) == pytest.approx(kg)
    assert max(BEGINNER_STEP_KG.values()) == 2.5


def test_a_beginner_steps_bars_and_machines_each_session_and_the_rest_by_a_share() -> None:
    # A fixed step is a few per cent of a barbell or leg-press load but a fifth of a small
    # dumbbell's or cable's: those grow by a share a week instead.
    def rate(exercise_id: str) -> Rate:
        return rate_for(CATALOGUE[exercise_id], Level.BEGINNER, Units.KG, 10, 3)

    assert rate("back_squat").per_session > 0 and rate("leg_press").per_session > 0
    for exercise_id in ("goblet_squat", "cable_hip_abduction", "kettlebell_overhead_press"):
        assert rate(exercise_id).per_session == 0
    assert rate("goblet_squat").weekly == BEGINNER_WEEKLY[True]
    assert rate("dumbbell_bench_press").weekly == BEGINNER_WEEKLY[False]
    assert BEGINNER_WEEKLY[True] > INTERMEDIATE_WEEKLY[True]


def test_intermediate_and_advanced_rates() -> None:
    thrust, press = CATALOGUE["barbell_hip_thrust"], CATALOGUE["bench_press"]
    assert rate_for(thrust, Level.INTERMEDIATE, Units.KG, 8, 2).weekly == INTERMEDIATE_WEEKLY[True]
    assert rate_for(press, Level.INTERMEDIATE, Units.KG, 8, 2).weekly == INTERMEDIATE_WEEKLY[False]
    advanced = rate_for(thrust, Level.ADVANCED, Units.KG, 6, 2)
    assert advanced.per_block == ADVANCED_PER_BLOCK[True] and advanced.weekly == 0
    # The advanced max moves by block, not by week.
    assert advanced.max_at(200, 3, 0) == 200 and advanced.max_at(200, 3, 1) > 200


def test_the_estimated_max_rises_across_the_plan_at_every_level() -> None:
    for level in Level:
        _, result = _one_lift(ProgressionScheme.DOUBLE, weeks=12, level=level)
        maxes = [e.estimated_max or 0.0 for e in slot(result.weeks, 0, 1)]
        assert 0.0 not in maxes
        assert maxes == sorted(maxes) and maxes[-1] > maxes[0], level


def test_at_the_top_of_the_kit_the_page_says_how_to_progress() -> None:
    client = profile(
        equipment=["dumbbells", "bench"],
        dumbbells=[4, 8, 12],
        rep_maxes={"dumbbell_hip_thrust": {"weight": 12, "reps": 15}},
        weeks=6,
        days_per_week=2,
    )
    plan = weekly_template(client, [["dumbbell_hip_thrust", "push_up", "plank"]] * 2)
    thrusts = slot(build_weeks(client, plan, CATALOGUE).weeks, 0, 1)
    assert all(e.load == 12 for e in thrusts)
    assert all("your heaviest dumbbell" in e.notes for e in thrusts)
    later = thrusts[-1].notes
    assert "pause" in later or "one side at a time" in later


def test_a_held_load_on_a_coarse_kit_waits_at_the_top_then_takes_the_next_kettlebell() -> None:
    # The chart's load for this beginner's row is about 7.2 kg: the 8 kg bell is too heavy
    # for 8 reps at 3 in reserve, and the 4 kg bell far too light for any of the range.
    # Printing 4 kg x 8 at 3 in reserve promised a hard set that leaves a dozen reps in
    # the tank; the row goes to the top of the range with a slower lowering and a pause,
    # until the bottom of the range fits the 8 kg bell at the max of a climb's first week.
    # That climb holds 8 kg and its reps rise as the max allows, not down at 4 kg again.
    client = profile(
        weeks=9, days_per_week=2, equipment=["kettlebells"], kettlebells=[4, 8, 12],
        rep_maxes={"kettlebell_row": {"weight": 8, "reps": 10}},
    )  # fmt: skip
    plan = weekly_template(client, [["glute_bridge", "kettlebell_row", "plank"]] * 2)
    rows = slot(build_weeks(client, plan, CATALOGUE).weeks, 0, 2)
    assert [(e.load, e.target_reps) for e in rows] == [(4, 12)] * 3 + [
        (8, 8), (8, 9), (8, 10), (8, 11), (8, 12), (8, 12)
    ]  # fmt: skip
    assert all(
        "the next kettlebell up is too big a step for now: lower for 3 s" in e.notes
        for e in rows[:3]
    )
    assert not any("too big a step" in e.notes for e in rows[3:6])
    # Never harder than printed: each set's reserve is at least the prescription's.
    assert all(e.rir >= 3 for e in rows)


# --- starting loads -------------------------------------------------------------------


def test_a_rep_max_past_ten_reps_is_used_as_a_rough_estimate_not_a_test() -> None:
    client = profile(
        equipment=["barbell", "bench"],
        rep_maxes={"barbell_hip_thrust": {"weight": 40, "reps": 15}},
        days_per_week=2,
    )
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 2)
    thrust = build_weeks(client, plan, CATALOGUE).weeks[0].sessions[0].exercises[0]
    assert thrust.exercise_id == "barbell_hip_thrust"
    assert thrust.load is not None and "rough guess" in thrust.notes
    assert not is_max_test(thrust.notes)


def test_a_lift_without_a_max_gets_an_estimate_and_what_to_do_if_it_is_off() -> None:
    client = profile(equipment=["dumbbells", "bench"], days_per_week=2)
    plan = weekly_template(client, [["dumbbell_hip_thrust", "goblet_squat", "plank"]] * 2)
    result = build_weeks(client, plan, CATALOGUE)
    squats = slot(result.weeks, 0, 2)
    assert all(e.load is not None for e in squats)
    assert "estimated from a body weight of 60" in squats[0].notes
    assert "add a step" in squats[0].notes and "drop one" in squats[0].notes
    # A guess starts a reserve rep lighter: RIR 4 for a beginner, then 3.
    assert (squats[0].rir, squats[1].rir) == (4, 3)
    assert not any(is_max_test(e.notes) for e in squats)


def test_an_intermediate_works_up_once_on_one_main_lift() -> None:
    client = profile(equipment=["dumbbells", "bench"], level="intermediate", days_per_week=2)
    plan = weekly_template(client, [["dumbbell_hip_thrust", "goblet_squat", "plank"]] * 2)
    week = build_weeks(client, plan, CATALOGUE).weeks[0]
    notes = [e.notes for s in week.sessions for e in s.exercises]
    assert sum("work up to one set of" in n for n in notes) == 1


def test_body_weight_estimate_for_the_hip_thrust_family() -> None:
    client = profile(
        equipment=["dumbbells", "bench"], level="intermediate", bodyweight=60, days_per_week=2
    )
    plan = weekly_template(client, [["dumbbell_hip_thrust", "goblet_squat", "plank"]] * 2)
    thrust = build_weeks(client, plan, CATALOGUE).weeks[0].sessions[0].exercises[0]
    # Novice standard 0.93 x 60 kg x 0.8 for one dumbbell, 8 reps at 3 in reserve (a guess
    # starts a rep lighter): 44.6 x 0.707 = 31.6 -> the 30 kg dumbbell.
    assert thrust.load == 30 and thrust.load_per == "dumbbell"
    assert "estimated from your body weight" in thrust.notes


def test_sibling_rep_max_transfers_with_the_documented_ratio() -> None:
    client = profile(
        equipment=["dumbbells", "bench"],
        level="intermediate",
        dumbbells=[10, 20, 30, 40, 50],
        rep_maxes={"barbell_hip_thrust": {"weight": 80, "reps": 10}},
        days_per_week=2,
    )
    plan = weekly_template(client, [["dumbbell_hip_thrust", "goblet_squat", "plank"]] * 2)
    thrust = build_weeks(client, plan, CATALOGUE).weeks[0].sessions[0].exercises[0]
    expected = load_for(max_from_set(80, 10) * 0.8, 8, 2)  # 64 kg -> the 50 kg dumbbell
    assert expected > 50 and thrust.load == 50
    assert "your heaviest dumbbell" in thrust.notes


def test_a_logged_start_sets_the_max_and_never_goes_below_its_floor() -> None:
    client, _ = _one_lift(ProgressionScheme.DOUBLE, weeks=3)
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 2)
    start = LiftStart(max_from_set(60, 10, 1), "from your log", floor=60)
    result = build_weeks(client, plan, CATALOGUE, starts={"barbell_hip_thrust": start})
    thrusts = slot(result.weeks, 0, 1)
    # 4 x 10 at 60 kg with 1 in reserve: double progression holds one load from 8 reps up
    # to 10 at 2 or more in reserve, 61.25 kg on the chart and 60 kg on the plates.
    assert loads_of(thrusts) == [60, 60, 60]
    assert [(e.target_reps, e.rir) for e in thrusts] == [(8, 2), (8, 2), (9, 2)]
    assert "from your log" in thrusts[0].notes


# --- warm-up --------------------------------------------------------------------------


def test_every_session_has_a_warm_up_and_its_first_heavy_lift_ramps() -> None:
    _, result = _one_lift(ProgressionScheme.DOUBLE, weeks=4)
    for week in result.weeks:
        for session in week.sessions:
            assert session.warm_up.startswith("warm up 5 min")
            thrust = session.exercises[0]
            assert 2 <= len(thrust.ramp) <= 4 and thrust.notes.startswith("ramp ")
            loads = [r.load for r in thrust.ramp]
            assert loads == sorted(loads) and thrust.load is not None
            assert all(load <= thrust.load for load in loads)
            assert all(load in barbell_loads(BarbellKit(bar=20, plates={25: 4, 20: 2, 15: 2,
                       10: 2, 5: 2, 2.5: 2, 1.25: 2})) for load in loads)  # fmt: skip
            assert all(not e.ramp for e in session.exercises[1:])


def test_a_heavy_single_ramps_only_into_a_heavy_set() -> None:
    # 85 % x 1 readies the body for a near-maximal set, not for 8-10 short of failure.
    _, glutes = _one_lift(ProgressionScheme.DOUBLE, weeks=4)
    client = profile(
        goal="strength", weeks=4, days_per_week=2, equipment=["barbell", "squat_rack"],
        rep_maxes={"back_squat": {"weight": 120, "reps": 5}},
    )  # fmt: skip
    plan = weekly_template(client, [["back_squat", "plank"]] * 2)
    strength = build_weeks(client, plan, CATALOGUE)
    for result, single in ((glutes, False), (strength, True)):
        for week in result.weeks:
            first = week.sessions[0].exercises[0]
            assert first.ramp and (first.target_reps < 8) == single, week.number
            assert any(r.reps == 1 for r in first.ramp) == single, week.number


def test_a_light_lift_rehearses_a_few_reps_rather_than_jumping_to_a_single() -> None:
    # A beginner's light squat on plates that climb 5 kg at a time: half and 70 % of the
    # work are the bar itself, so the ramp went from the empty bar straight to a single.
    client = profile(
        goal="strength", level="beginner", weeks=2, days_per_week=2,
        equipment=["barbell", "squat_rack"],
        barbell={"bar": 20, "plates": {20: 2, 10: 2, 5: 2, 2.5: 2}},
        rep_maxes={"back_squat": {"weight": 32.5, "reps": 5}},
    )  # fmt: skip
    plan = weekly_template(client, [["back_squat", "plank"]] * 2)
    for week in build_weeks(client, plan, CATALOGUE).weeks:
        squat = week.sessions[0].exercises[0]
        assert squat.load is not None and squat.load <= 30, squat.load
        assert len(squat.ramp) == 2 and squat.ramp[0].load == 20, squat.ramp
        assert squat.ramp[-1].reps >= 3, squat.ramp


def test_a_first_lift_at_the_lightest_load_hands_the_ramp_to_the_next() -> None:
    # Ramp-up sets at the working load of a 4 kg kettlebell row are only more work; the
    # goblet squat after it is the session's first lift with lighter loads below it.
    client = profile(
        weeks=2, days_per_week=2, equipment=["kettlebells"], kettlebells=[4, 8, 12, 16, 20],
        rep_maxes={
            "kettlebell_row": {"weight": 4, "reps": 12},
            "goblet_squat": {"weight": 16, "reps": 10},
        },
    )  # fmt: skip
    plan = weekly_template(client, [["kettlebell_row", "goblet_squat", "plank"]] * 2)
    for week in build_weeks(client, plan, CATALOGUE).weeks:
        for session in week.sessions:
            row, squat, _ = session.exercises
            assert row.load == 4 and not row.ramp and "ramp" not in row.notes
            assert squat.load is not None and squat.load > 4 and squat.ramp
            loads = [r.load for r in squat.ramp]
            assert loads == sorted(loads) and all(load < squat.load for load in loads)


def test_the_first_barbell_lift_after_dumbbell_work_ramps_and_a_new_movement_rehearses() -> None:
    # The squat is the session's first barbell lift: a whole ramp. The Romanian deadlift
    # after it is lighter, but a new movement: its light set and its heaviest. The good
    # morning after that is a hinge again, lighter still: the deadlift rehearsed it.
    client = profile(
        weeks=2, days_per_week=2, equipment=["barbell", "squat_rack", "bench", "dumbbells"],
        session_minutes=90,
        rep_maxes={
            "dumbbell_hip_thrust": {"weight": 40, "reps": 10},
            "back_squat": {"weight": 80, "reps": 8},
            "romanian_deadlift": {"weight": 60, "reps": 8},
            "good_morning": {"weight": 40, "reps": 10},
        },
    )  # fmt: skip
    lifts = ["dumbbell_hip_thrust", "back_squat", "romanian_deadlift", "good_morning"]
    plan = weekly_template(client, [lifts] * 2)
    for week in build_weeks(client, plan, CATALOGUE).weeks:
        for session in week.sessions:
            thrust, squat, hinge, morning = session.exercises
            assert thrust.ramp and len(squat.ramp) > 2, "the squat is the first barbell lift"
            assert (hinge.load or 0) < (squat.load or 0) and len(hinge.ramp) == 2
            assert hinge.ramp[0].load == 20 and hinge.ramp[-1].load < (hinge.load or 0)
            assert hinge.notes.startswith("ramp ")
            assert (morning.load or 0) < (hinge.load or 0) and not morning.ramp


def test_a_rehearsal_ramp_is_printed_whole_or_not_at_all() -> None:
    # Where the working sets leave no minute for it, the new movement's short ramp is
    # left out rather than cut to one set, and the session still fits.
    lifts = {
        "back_squat": {"weight": 100, "reps": 5},
        "bench_press": {"weight": 80, "reps": 5},
    }
    roomy = profile(
        goal="strength", weeks=2, days_per_week=2, session_minutes=90,
        equipment=["barbell", "squat_rack", "bench"], rep_maxes=lifts,
    )  # fmt: skip
    plan = weekly_template(roomy, [[("back_squat", 5), ("bench_press", 5)]] * 2)
    tight = roomy.model_copy(update={"session_minutes": plan.sessions[0].minutes})
    whole, cut = (program_from_template(c, plan) for c in (roomy, tight))
    squat, bench = whole.weeks[0].sessions[0].exercises
    assert squat.ramp and len(bench.ramp) == 2 and (bench.load or 0) < (squat.load or 0)
    # A rehearsal of the pattern before sets of three, not the heavy single the squat had.
    assert any(r.reps == 1 for r in squat.ramp) and min(r.reps for r in bench.ramp) >= 3
    squat, bench = cut.weeks[0].sessions[0].exercises
    assert squat.ramp and not bench.ramp
    for program, minutes in ((whole, 90), (cut, plan.sessions[0].minutes)):
        for session in program.weeks[0].sessions:
            assert review_session_minutes(session, CATALOGUE) <= session.estimated_minutes
            assert session.estimated_minutes <= minutes


def test_ramps_count_in_the_minutes_and_give_way_to_the_clients_time() -> None:
    # A dumbbell thrust, then a barbell squat: two ramps, more sets than the warm-up's
    # minute holds. With time to spare they are printed whole and the session's minutes
    # count them; in a session the working sets fill, the squat's ramp is cut to its
    # heaviest set and the first ramp to two, so that the client's minutes still hold.
    lifts = {
        "dumbbell_hip_thrust": {"weight": 40, "reps": 10},
        "back_squat": {"weight": 100, "reps": 5},
    }
    kit = ["barbell", "squat_rack", "bench", "dumbbells"]
    roomy = profile(
        goal="strength", weeks=2, days_per_week=2, equipment=kit, rep_maxes=lifts,
        session_minutes=90,
    )  # fmt: skip
    plan = weekly_template(roomy, [[("dumbbell_hip_thrust", 3), ("back_squat", 5)]] * 2)
    tight = roomy.model_copy(update={"session_minutes": plan.sessions[0].minutes})
    whole, cut = (program_from_template(c, plan) for c in (roomy, tight))
    for program, minutes in ((whole, 90), (cut, plan.sessions[0].minutes)):
        assert not [v for v in check_program(program, CATALOGUE) if v.rule == "session_fits_time"]
        for session in program.weeks[0].sessions:
            honest = review_session_minutes(session, CATALOGUE)
            assert honest <= session.estimated_minutes <= minutes, session.day
    full = whole.weeks[0].sessions[0].exercises
    short = cut.weeks[0].sessions[0].exercises
    assert sum(len(e.ramp) for e in full) > RAMP_SETS_IN_WARM_UP
    assert whole.weeks[0].sessions[0].estimated_minutes > plan.sessions[0].minutes
    assert len(short[0].ramp) == RAMP_SETS_IN_WARM_UP < len(full[0].ramp)
    assert short[0].ramp[0] == full[0].ramp[0] and short[0].ramp[-1] == full[0].ramp[-1]
    assert short[1].ramp == full[1].ramp[-1:] and "ramp " in short[1].notes


# --- awkward inventories --------------------------------------------------------------


def test_only_two_fives_and_four_small_plates() -> None:
    kit = {"bar": 20, "plates": {5: 2, 1.25: 4}}
    client = profile(
        equipment=["barbell", "bench"],
        barbell=kit,
        progression="linear",
        weeks=8,
        rep_maxes={"barbell_hip_thrust": {"weight": 30, "reps": 10}},
        days_per_week=2,
    )
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 2)
    loads = [e.load for e in slot(build_weeks(client, plan, CATALOGUE).weeks, 0, 1)]
    allowed = set(barbell_loads(BarbellKit.model_validate(kit)))
    assert set(loads) <= allowed and 35 in loads


def test_dumbbells_with_gaps() -> None:
    rack = [4, 6, 12, 20]
    client = profile(
        equipment=["dumbbells", "bench"],
        dumbbells=rack,
        weeks=10,
        level="intermediate",
        rep_maxes={"dumbbell_romanian_deadlift": {"weight": 10, "reps": 10}},
        days_per_week=2,
    )
    plan = weekly_template(
        client, [["dumbbell_hip_thrust", "dumbbell_romanian_deadlift", "plank"]] * 2
    )
    result = build_weeks(client, plan, CATALOGUE)
    rdl = slot(result.weeks, 0, 2)
    loads = [e.load for e in rdl]
    assert set(loads) <= set(rack)
    # 10 kg x 10 for each dumbbell: 8 reps at 2 in reserve is 10 kg, and the rack has 6.
    assert loads[0] == 6
    assert (rdl[-2].estimated_max or 0) > (rdl[0].estimated_max or 0)


# --- structure ------------------------------------------------------------------------


def test_sessions_keep_the_template_order_labels_dates_and_minutes() -> None:
    client = profile(
        equipment=["barbell", "bench", "dumbbells"],
        start_date=dt.date(2025, 3, 3),
        days_per_week=2,
        weeks=6,
        level="intermediate",
    )
    plan = weekly_template(
        client, [["barbell_hip_thrust", "goblet_squat", "dumbbell_row", "plank"]] * 2
    )
    result = build_weeks(client, plan, CATALOGUE)
    week = result.weeks[0]
    assert [e.exercise_id for e in week.sessions[0].exercises] == [
        "barbell_hip_thrust", "goblet_squat", "dumbbell_row", "plank"
    ]  # fmt: skip
    assert [e.order for e in week.sessions[0].exercises] == [1, 2, 3, 4]
    assert [e.label for e in week.sessions[0].exercises] == ["1", "2", "3", "4"]
    assert [s.date for s in week.sessions] == [dt.date(2025, 3, 3), dt.date(2025, 3, 6)]
    assert result.weeks[4].sessions[1].date == dt.date(2025, 4, 3)
    assert week.sessions[0].estimated_minutes == plan.sessions[0].minutes
    deload = next(w for w in result.weeks if w.deload)
    assert deload.sessions[0].estimated_minutes < week.sessions[0].estimated_minutes


def test_beginner_learns_an_easier_hip_thrust_first_when_the_plan_has_blocks() -> None:
    client = profile(equipment=["barbell", "bench"], weeks=12, bodyweight=70)
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 3)
    thrusts = slot(build_weeks(client, plan, CATALOGUE).weeks, 0, 1)
    assert {e.exercise_id for e in thrusts[:4]} == {"bodyweight_hip_thrust"}
    assert {e.exercise_id for e in thrusts[4:]} == {"barbell_hip_thrust"}
    assert thrusts[4].load is not None and "learnt" in thrusts[4].reason
    short = profile(equipment=["barbell", "bench"], weeks=4)
    week = weekly_template(short, [["barbell_hip_thrust", "push_up", "plank"]] * 3)
    first = build_weeks(short, week, CATALOGUE).weeks[0]
    assert first.sessions[0].exercises[0].exercise_id == "barbell_hip_thrust"
    # A beginner who names the barbell thrust a favourite knows it and wants it.
    fan = profile(equipment=["barbell", "bench"], weeks=12, favourites=["barbell_hip_thrust"])
    loved = weekly_template(fan, [["barbell_hip_thrust", "push_up", "plank"]] * 3)
    thrusts = slot(build_weeks(fan, loved, CATALOGUE).weeks, 0, 1)
    assert {e.exercise_id for e in thrusts} == {"barbell_hip_thrust"}


def test_swaps_honour_exclusions_and_never_duplicate_in_a_session() -> None:
    client = profile(weeks=12, exclude=["marching_glute_bridge"])
    plan = weekly_template(client, [["glute_bridge", "single_leg_glute_bridge", "plank"]] * 3)
    result = build_weeks(client, plan, CATALOGUE)
    for week in result.weeks:
        for session in week.sessions:
            ids = [e.exercise_id for e in session.exercises]
            assert len(ids) == len(set(ids))
            assert "marching_glute_bridge" not in ids


def test_a_harder_variation_never_puts_isolation_work_before_a_compound() -> None:
    # Nordic curls (isolation) are the next step up from sliding leg curls (compound):
    # taking it here would leave the bench dip, a compound, behind isolation work.
    client = profile(equipment=["bench"], level="advanced", weeks=8)
    plan = weekly_template(client, [["bodyweight_hip_thrust", "single_leg_sliding_leg_curl",
                                     "bench_dip", "side_lying_hip_abduction"]] * 3)  # fmt: skip
    result = build_weeks(client, plan, CATALOGUE)
    assert {e.exercise_id for e in slot(result.weeks, 0, 2)} == {"single_leg_sliding_leg_curl"}
    alone = weekly_template(client, [["bodyweight_hip_thrust", "single_leg_sliding_leg_curl"]] * 3)
    later = slot(build_weeks(client, alone, CATALOGUE).weeks, 0, 2)
    assert later[-1].exercise_id == "nordic_curl"


def test_band_work_climbs_through_the_colours() -> None:
    client = profile(equipment=["bands", "bench"], bands=["yellow", "red", "black"], weeks=8)
    plan = weekly_template(client, [["band_hip_thrust", "push_up", "plank"]] * 3)
    bands = slot(build_weeks(client, plan, CATALOGUE).weeks, 0, 1)
    assert all(e.load is None for e in bands)
    assert bands[0].band == "yellow"
    assert [e.target_reps for e in bands[:3]] == [12, 14, 16]


# --- supersets ------------------------------------------------------------------------


def _paired_week(pair: list[str]) -> list[list[Item]]:
    return [
        ["glute_bridge", pair, "plank"],
        ["glute_bridge", "push_up", "plank"],
        ["glute_bridge", "push_up", "plank"],
    ]


def _pairing_and_time_violations(plan: Program) -> list[Violation]:
    """What the checker says of a hand-built week's pairs, rest and minutes; the week is
    too small to meet the coach's session skeleton, which other tests cover."""
    rules = ("supersets_non_competing", "session_fits_time", "prescriptions")
    return [v for v in check_program(plan, CATALOGUE) if v.rule in rules]


def test_a_superset_is_labelled_a1_a2_and_rests_once_for_both() -> None:
    client = profile(equipment=["bands", "dumbbells"], supersets=True, level="intermediate")
    # A goblet squat rests 90 s, a band row 60 s: the pair rests the longer, after the row.
    plan = progressed_program(client, _paired_week(["goblet_squat", "band_row"]))
    assert _pairing_and_time_violations(plan) == []
    for week in plan.weeks:
        first = week.sessions[0].exercises
        assert [e.label for e in first] == ["1", "A1", "A2", "3"]
        assert [e.superset for e in first] == [None, "A", "A", None]
        assert [e.rest_seconds for e in first[1:3]] == [0, 90]
        assert "paired with resistance-band row (A2) to share the rest" in first[1].reason


def test_a_harder_variation_never_makes_a_superset_compete() -> None:
    client = profile(
        equipment=["bands", "barbell", "squat_rack"], supersets=True, level="intermediate"
    )
    # Alone, the band good morning moves on to the barbell good morning in block 2.
    alone = progressed_program(
        client, [["glute_bridge", "band_good_morning", "band_row", "plank"]] * 3
    )
    assert slot(alone.weeks, 0, 2)[-1].exercise_id == "good_morning"
    # In a superset it stays: a heavy hinge is a main lift and goes alone.
    paired = progressed_program(client, _paired_week(["band_good_morning", "band_row"]))
    assert _pairing_and_time_violations(paired) == []
    last = paired.weeks[-1].sessions[0].exercises
    assert [e.exercise_id for e in last[1:3]] == ["band_good_morning", "inverted_row"]
    # The row did move on, and the good morning's reason names the partner done now.
    assert "paired with inverted row (A2)" in last[1].reason


# --- the "done when" ----------------------------------------------------------


def test_a_gym_beginner_without_maxes_gets_loads_no_test_and_a_rising_thrust() -> None:
    from tests.factories import FULL_GYM
    from thrustplan.planner.pipeline import generate_program

    client = profile(equipment=FULL_GYM, weeks=12, bodyweight=65)
    program = generate_program(client, CATALOGUE, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert check_program(program, CATALOGUE) == []
    assert not any(w.deload for w in program.weeks)
    for week in program.weeks:
        for entry in (e for s in week.sessions for e in s.exercises):
            assert not is_max_test(entry.notes)
            if CATALOGUE[entry.exercise_id].load_kind.external:
                assert entry.load is not None, (week.number, entry.exercise_id)
    thrusts = [
        (w.number, e)
        for w in program.weeks
        for s in w.sessions
        for e in s.exercises
        if CATALOGUE[e.exercise_id].is_hip_thrust_family and e.estimated_max is not None
    ]
    first, last = thrusts[0][1], thrusts[-1][1]
    assert thrusts[-1][0] == 12 and first.estimated_max and last.estimated_max
    assert last.estimated_max >= 1.15 * first.estimated_max


def test_a_120_kg_ten_rep_max_is_never_asked_for_more_effort_than_printed() -> None:
    client = profile(
        equipment=["barbell", "bench"],
        level="intermediate",
        weeks=10,
        days_per_week=2,
        rep_maxes={"barbell_hip_thrust": {"weight": 120, "reps": 10}},
    )
    plan = weekly_template(client, [["barbell_hip_thrust", "push_up", "plank"]] * 2)
    thrusts = slot(build_weeks(client, plan, CATALOGUE).weeks, 0, 1)
    true_max = max_from_set(120, 10)
    first = thrusts[0]
    assert first.load is not None
    assert first.load <= load_for(true_max, first.target_reps, first.rir)
    for entry in thrusts:
        assert entry.load is not None and entry.estimated_max is not None
        assert entry.load <= load_for(entry.estimated_max, entry.target_reps, entry.rir) + 0.2


def test_a_nordic_curl_keeps_its_own_few_slow_reps_in_every_week() -> None:
    # Nordic protocols run a few slow lowerings a set; ten to twenty, the range of other
    # body-weight work, is not something anyone does. The range holds as reps climb.
    client = profile(level="advanced", weeks=12, days_per_week=2)
    program = progressed_program(client, [["glute_bridge", "nordic_curl", "plank"]] * 2)
    nordics = [
        e for w in program.weeks for s in w.sessions for e in s.exercises
        if e.exercise_id == "nordic_curl"
    ]  # fmt: skip
    assert nordics
    assert {(e.reps_min, e.reps_max, e.rest_seconds) for e in nordics} == {(3, 6, 120)}
    assert all(3 <= e.target_reps <= 6 for e in nordics)


def test_an_estimated_barbell_lift_starts_at_the_bar_and_climbs_from_it() -> None:
    # A body-weight estimate of a beginner's overhead press sits under the empty bar;
    # Starting Strength starts with the bar and adds to it, rather than holding the bar
    # for weeks while the estimate grows out of sight.
    client = profile(
        goal="strength", level="beginner", days_per_week=3, weeks=4, bodyweight=60,
        equipment=["barbell", "squat_rack", "bench"],
    )  # fmt: skip
    plan = weekly_template(client, [["back_squat", "overhead_press", "plank"]] * 3)
    presses = loads_of(in_session_order(build_weeks(client, plan, CATALOGUE).weeks, 2))
    assert presses[0] == 20
    assert presses[3] > 20 and presses == sorted(presses)


def test_a_trained_strength_clients_second_squat_of_the_week_is_a_light_day() -> None:
    # GZCLP and the Texas Method squat heavy once a week and lighter again; a beginner
    # adds load every session instead (Starting Strength).
    def squats(level: str) -> list[ExerciseEntry]:
        client = profile(
            goal="strength", level=level, days_per_week=2, weeks=3,
            equipment=["barbell", "squat_rack", "bench"],
            rep_maxes={"back_squat": {"weight": 140, "reps": 5}},
        )  # fmt: skip
        plan = weekly_template(client, [["back_squat", "bench_press", "plank"]] * 2)
        return in_session_order(build_weeks(client, plan, CATALOGUE).weeks, 1)

    heavy, light = squats("intermediate")[:2]
    assert light.load is not None and heavy.load is not None and light.load < heavy.load
    assert light.rir == heavy.rir + 2 and "light day" in light.notes
    first, second = squats("beginner")[:2]
    assert second.load is not None and first.load is not None and second.load > first.load
    assert "light day" not in second.notes


def test_a_light_day_keeps_its_three_sets_through_the_weeks_and_eases_in_the_deload() -> None:
    # Four days of 75 minutes, squat and bench known: the squat's second session of the
    # week, beside the week's heavy deadlift, is three sets on every normal week, two in
    # a deload, always two more in reserve than Monday's and after the deadlift.
    client = load_profile(Path(__file__).parent / "panel" / "strength-intermediate-gym-lb.yaml")
    program = generate_program(client, CATALOGUE)
    for week in program.weeks:
        squats = [
            (session, entry)
            for session in week.sessions
            for entry in session.exercises
            if entry.exercise_id == "back_squat"
        ]
        (_, heavy), (session, light) = squats
        if week.deload:
            assert (heavy.sets, light.sets) == (3, 2)
        else:
            assert (heavy.sets, light.sets) == (5, LIGHT_DAY_SETS)
            assert light.rir == heavy.rir + 2 and "light day" in light.notes
        deadlift = next(e for e in session.exercises if e.exercise_id == "deadlift")
        assert deadlift.order < light.order
        # Heavier than the deadlift before it, the squat has its own ramp-up sets.
        assert deadlift.ramp and (light.load or 0) > (deadlift.load or 0) and light.ramp
    assert check_program(program, CATALOGUE) == []
