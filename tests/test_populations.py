"""Bodyweight reality and special populations: every rule and ceiling, the checker's
breaking cases, and whole plans for a pregnant, a knee, a lower-back and a home client."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from tests.factories import MAX_TEST_NOTE, PROGRAMME_BREAKERS_BY_POPULATION
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.planner.output.render import Renderer
from thrustplan.planner.pipeline import generate_program
from thrustplan.planner.progression.lifts import FixedLift
from thrustplan.planner.progression.weeks import _make_lift
from thrustplan.rules.bodyweight import (
    BAR_CEILING,
    below_ability,
    bodyweight_reps,
    is_assisted,
    rep_ceiling,
)
from thrustplan.rules.checker import CHECKS, check_program
from thrustplan.rules.goals import Goal
from thrustplan.rules.populations import (
    KNEE_PAIN_NOTE,
    NEUTRAL_SPINE_NOTE,
    PREGNANCY_WARNING_SIGNS,
    cautions,
    is_max_test,
    limitation_clash,
    past_first_trimester,
)
from thrustplan.rules.prescription import prescribe_for
from thrustplan.rules.profile import ClientProfile, ProfileError, parse_profile
from thrustplan.rules.program import ExerciseEntry, Program

CATALOGUE = builtin_catalogue()
NOW = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
FULL_GYM = [
    "barbell", "squat rack", "bench", "dumbbells", "kettlebells", "cable", "smith machine",
    "hip thrust machine", "leg press", "leg curl", "pull-up bar", "mini bands", "bands",
    "box", "back extension", "abduction machine", "machines",
]  # fmt: skip


def client(**fields: Any) -> ClientProfile:
    base: dict[str, Any] = {
        "name": "Client",
        "goal": "glutes",
        "level": "intermediate",
        "days_per_week": 3,
        "session_minutes": 60,
        "weeks": 8,
        "equipment": FULL_GYM,
        "bodyweight": 66,
    }
    return parse_profile({**base, **fields})


def entries(program: Program) -> Iterator[ExerciseEntry]:
    for week in program.weeks:
        for session in week.sessions:
            yield from session.exercises


# ------------------------------------------------------------------- bodyweight reality


@pytest.mark.parametrize(
    ("exercise_id", "ceiling"),
    [
        ("pull_up", 12),
        ("chin_up", 12),
        ("negative_pull_up", 12),
        ("diamond_push_up", 15),
        ("decline_push_up", 15),
        ("pike_push_up", 15),
        ("dip", 15),
        ("push_up", 15),
        ("incline_push_up", 20),
        ("knee_push_up", 20),
        ("inverted_row", 20),
        ("glute_bridge", None),
        ("bench_press", None),
        ("plank", None),
    ],
)
def test_rep_ceiling_of_each_kind(exercise_id: str, ceiling: int | None) -> None:
    assert rep_ceiling(CATALOGUE[exercise_id]) == ceiling


def test_assisted_and_eccentric_bar_work_is_three_to_six() -> None:
    for exercise_id in ("negative_pull_up", "band_assisted_pull_up"):
        exercise = CATALOGUE[exercise_id]
        assert is_assisted(exercise)
        for level in Level:
            assert bodyweight_reps(exercise, level, 10, 20) == (3, 6)


@pytest.mark.parametrize(
    ("level", "expected"),
    [(Level.BEGINNER, (3, 5)), (Level.INTERMEDIATE, (5, 10)), (Level.ADVANCED, (6, 12))],
)
def test_unassisted_pull_ups_follow_the_level_and_stop_at_twelve(
    level: Level, expected: tuple[int, int]
) -> None:
    assert bodyweight_reps(CATALOGUE["pull_up"], level, 10, 20) == expected
    assert expected[1] <= BAR_CEILING


def test_a_beginner_is_below_an_unassisted_pull_up_only() -> None:
    assert below_ability(CATALOGUE["pull_up"], Level.BEGINNER)
    assert not below_ability(CATALOGUE["pull_up"], Level.INTERMEDIATE)
    assert not below_ability(CATALOGUE["negative_pull_up"], Level.BEGINNER)
    assert not below_ability(CATALOGUE["push_up"], Level.BEGINNER)


def test_prescriptions_of_unloaded_upper_body_work_stop_at_the_ceiling() -> None:
    for exercise in CATALOGUE.values():
        ceiling = rep_ceiling(exercise)
        if ceiling is None:
            continue
        for goal in Goal:
            for level in Level:
                p = prescribe_for(exercise, goal, level)
                assert p.reps_min <= p.reps_max <= ceiling, (exercise.id, goal, level)


def test_past_the_ceiling_the_note_says_what_comes_next() -> None:
    pull_up = prescribe_for(CATALOGUE["pull_up"], Goal.GENERAL, Level.ADVANCED)
    assert "add load" in pull_up.note
    diamond = prescribe_for(CATALOGUE["push_up"], Goal.GENERAL, Level.BEGINNER)
    assert "harder variation" in diamond.note
    negative = prescribe_for(CATALOGUE["negative_pull_up"], Goal.GENERAL, Level.BEGINNER)
    assert "lower for 3-5 s" in negative.note


def test_an_assisting_band_is_not_progressed_as_band_resistance() -> None:
    from thrustplan.planner.progression.phases import calendar
    from thrustplan.planner.progression.weeks import _Slot
    from thrustplan.planner.template import PlannedExercise
    from thrustplan.rules.profile import ProgressionScheme

    exercise = CATALOGUE["band_assisted_pull_up"]
    planned = PlannedExercise(
        exercise=exercise,
        sets=3,
        prescription=prescribe_for(exercise, Goal.GENERAL, Level.BEGINNER),
        reason="",
    )
    profile = client(level="beginner")
    scheme = ProgressionScheme.DOUBLE
    slot = _Slot(planned, profile, CATALOGUE, scheme, calendar(scheme, 1)[0], {})
    lift = _make_lift(exercise, slot)
    assert isinstance(lift, FixedLift)


def test_a_beginner_builds_up_to_the_chin_up_through_its_eccentric() -> None:
    profile = client(
        level="beginner",
        goal="hypertrophy",
        weeks=10,
        equipment=["pull-up bar", "dumbbells"],
        favourites=["chin_up"],
    )
    program = generate_program(profile, CATALOGUE, now=NOW)
    by_week = [{e.exercise_id: e for s in w.sessions for e in s.exercises} for w in program.weeks]
    assert "negative_pull_up" in by_week[0] and "chin_up" not in by_week[0]
    assert "chin_up" in by_week[-1]
    for week in by_week:
        if "negative_pull_up" in week:
            entry = week["negative_pull_up"]
            assert (entry.reps_min, entry.reps_max) == (3, 6)
            assert "lower for 3-5 s" in entry.notes
        if "chin_up" in week:
            assert week["chin_up"].reps_max == 5
    assert check_program(program, CATALOGUE) == []


# ------------------------------------------------------------------- populations: rules


@pytest.mark.parametrize(
    ("exercise_id", "limitation", "allowed"),
    [
        ("glute_bridge", "pregnancy", False),  # floor-supine
        ("banded_glute_bridge", "pregnancy", False),
        ("dumbbell_bench_press", "pregnancy", False),  # flat-supine
        ("dead_bug", "pregnancy", False),
        ("lying_leg_curl", "pregnancy", False),  # on the belly
        ("decline_push_up", "pregnancy", False),
        ("push_up", "pregnancy", False),  # a full plank over the floor
        ("diamond_push_up", "pregnancy", False),
        ("plank", "pregnancy", False),
        ("incline_push_up", "pregnancy", True),  # hands on a bench
        ("knee_push_up", "pregnancy", True),
        ("side_plank", "pregnancy", True),
        ("jump_squat", "pregnancy", False),
        ("barbell_hip_thrust", "pregnancy", True),  # back on a bench: inclined
        ("machine_hip_thrust", "pregnancy", True),
        ("side_lying_hip_abduction", "pregnancy", True),
        ("machine_chest_press", "pregnancy", True),
        ("leg_press", "knees", True),  # in a pain-free range
        ("dumbbell_box_squat", "knees", True),
        ("dumbbell_step_up", "knees", True),
        ("goblet_squat", "knees", True),
        ("dumbbell_walking_lunge", "knees", False),
        ("dumbbell_bulgarian_split_squat", "knees", False),
        ("back_squat", "knees", False),
        ("jump_squat", "knees", False),
        ("crunch", "lower_back", False),
        ("cable_crunch", "lower_back", False),
        ("good_morning", "lower_back", False),
        ("hack_squat", "lower_back", False),
        ("smith_machine_squat", "lower_back", False),
        ("back_extension", "lower_back", True),
        ("barbell_hip_thrust", "lower_back", True),
        ("curl_up", "lower_back", True),
        ("side_plank", "lower_back", True),
        ("bird_dog", "lower_back", True),
    ],
)
def test_limitation_allows_or_rules_out(exercise_id: str, limitation: str, allowed: bool) -> None:
    assert (limitation_clash(CATALOGUE[exercise_id], [limitation]) is None) is allowed


def test_hack_squat_and_smith_squat_are_treated_alike() -> None:
    hack, smith = CATALOGUE["hack_squat"], CATALOGUE["smith_machine_squat"]
    for limitation in ("lower_back", "knees", "pregnancy"):
        assert (limitation_clash(hack, [limitation]) is None) == (
            limitation_clash(smith, [limitation]) is None
        )


def test_supine_work_is_open_while_the_whole_plan_stays_in_the_first_trimester() -> None:
    bridge = CATALOGUE["glute_bridge"]
    assert not past_first_trimester(6, 8)
    assert limitation_clash(bridge, ["pregnancy"], after_first_trimester=False) is None
    push_up = CATALOGUE["push_up"]
    assert limitation_clash(push_up, ["pregnancy"], after_first_trimester=False) is None
    assert past_first_trimester(6, 9) and past_first_trimester(None, 1)


def test_pregnancy_prescribes_three_reps_in_reserve_or_more() -> None:
    for exercise in CATALOGUE.values():
        for level in Level:
            assert prescribe_for(exercise, Goal.GLUTES, level, ["pregnancy"]).rir >= 3


def test_knees_cap_lunges_at_twelve_and_print_range_and_pain_notes() -> None:
    lunge = prescribe_for(CATALOGUE["walking_lunge"], Goal.GLUTES, Level.BEGINNER, ["knees"])
    assert lunge.reps_max == 12 and KNEE_PAIN_NOTE in lunge.note
    press = prescribe_for(CATALOGUE["leg_press"], Goal.GLUTES, Level.BEGINNER, ["knees"])
    assert "pain-free" in press.note
    unrestricted = prescribe_for(CATALOGUE["walking_lunge"], Goal.GLUTES, Level.BEGINNER)
    assert unrestricted.reps_max == 20


def test_lower_back_hinges_keep_the_spine_neutral() -> None:
    p = prescribe_for(CATALOGUE["back_extension"], Goal.GENERAL, Level.BEGINNER, ["lower_back"])
    assert NEUTRAL_SPINE_NOTE in p.note


def test_the_max_test_wording_is_recognised() -> None:
    assert is_max_test(MAX_TEST_NOTE)
    assert not is_max_test("pause 1 s at the top")


def test_pregnancy_caution_lists_every_warning_sign_and_clearance() -> None:
    (page,) = cautions(["pregnancy"], pregnancy_week=20)
    assert page.items == PREGNANCY_WARNING_SIGNS
    assert "clearance" in page.intro and "week 20" in page.intro
    assert [c.limitation for c in cautions(["lower_back", "knees"])] == ["knees", "lower_back"]


def test_pregnancy_week_needs_the_pregnancy_limitation() -> None:
    with pytest.raises(ProfileError, match="pregnancy_week is 20 but limitations"):
        client(pregnancy_week=20)
    with pytest.raises(ProfileError, match="pregnancy_week"):
        client(limitations=["pregnancy"], pregnancy_week=50)
    assert client(limitations=["pregnant"], pregnancy_week=20).pregnancy_week == 20


# ------------------------------------------------------------- the checker's new rules


@pytest.fixture(scope="module")
def pregnant() -> Program:
    profile = client(limitations=["pregnancy"], pregnancy_week=20)
    return generate_program(profile, CATALOGUE, now=NOW)


@pytest.fixture(scope="module")
def peer() -> Program:
    return generate_program(client(), CATALOGUE, now=NOW)


@pytest.mark.parametrize("rule", sorted(PROGRAMME_BREAKERS_BY_POPULATION))
def test_each_population_rule_broken_is_reported(pregnant: Program, rule: str) -> None:
    assert list(CHECKS[rule](pregnant, CATALOGUE)) == []
    broken = pregnant.model_copy(deep=True)
    PROGRAMME_BREAKERS_BY_POPULATION[rule](broken)
    found = list(CHECKS[rule](broken, CATALOGUE))
    assert found and {v.rule for v in found} == {rule}
    assert found[0].message


def test_a_floor_push_up_in_the_second_trimester_is_reported(pregnant: Program) -> None:
    broken = pregnant.model_copy(deep=True)
    broken.weeks[0].sessions[0].exercises[-1].exercise_id = "push_up"
    found = list(CHECKS["pregnancy_positions"](broken, CATALOGUE))
    assert [(v.week, v.exercise_id) for v in found] == [(1, "push_up")]
    assert "floor_plank after the first trimester" in found[0].message


def test_pregnancy_rules_do_not_touch_other_clients(peer: Program) -> None:
    for rule in ("pregnancy_positions", "pregnancy_effort", "pregnancy_warning_signs"):
        assert list(CHECKS[rule](peer, CATALOGUE)) == []


# ------------------------------------------------------------------------ whole plans


def test_pregnant_plan_second_trimester(pregnant: Program, peer: Program) -> None:
    data = pregnant.model_dump(mode="json")
    plan = [e for w in data["weeks"] for s in w["sessions"] for e in s["exercises"]]
    for entry in plan:
        stresses = CATALOGUE[entry["exercise_id"]].stresses
        assert not {"supine", "prone", "floor_plank"} & set(stresses), entry["exercise_id"]
        assert entry["rir"] >= 3
        assert not is_max_test(entry["notes"])
    assert any(CATALOGUE[e["exercise_id"]].is_hip_thrust_family for e in plan)
    (page,) = data["cautions"]
    assert page["limitation"] == "pregnancy" and "pain or swelling in a calf" in page["items"]
    assert pregnant.weekly_targets == peer.weekly_targets
    assert check_program(pregnant, CATALOGUE) == []


def test_pregnant_plan_warms_up_standing(pregnant: Program, peer: Program) -> None:
    # The sessions hold nothing done lying on the back; neither may their warm-up, which
    # opened with ten glute bridges before it knew the client's limitations.
    warm_ups = {s.warm_up for w in pregnant.weeks for s in w.sessions}
    assert warm_ups and not any("bridge" in line or " 5 push-ups" in line for line in warm_ups)
    assert any("standing kickbacks" in line for line in warm_ups)
    assert any("10 glute bridges" in s.warm_up for w in peer.weeks for s in w.sessions)


def test_pregnant_plan_prints_the_warning_page(pregnant: Program) -> None:
    pdf = Renderer().render(pregnant, CATALOGUE).pdf
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert "when to stop and seek care" in pages[1]
    text = " ".join(" ".join(pages[1].split()).split())
    for sign in ("bleeding from the vagina", "regular, painful contractions", "calf"):
        assert sign in text
    assert "clinician's clearance" in text


def test_knee_plan() -> None:
    program = generate_program(
        client(level="beginner", weeks=12, limitations=["knees"]), CATALOGUE, now=NOW
    )
    ids = {e.exercise_id for e in entries(program)}
    assert ids & {"leg_press", "dumbbell_box_squat", "step_up", "dumbbell_step_up"}
    for entry in entries(program):
        exercise = CATALOGUE[entry.exercise_id]
        assert "impact" not in exercise.stresses
        if exercise.pattern == "lunge":
            assert entry.target_reps <= 12 and entry.reps_max <= 12
        if exercise.pattern in ("squat", "lunge"):
            assert KNEE_PAIN_NOTE in entry.notes
    assert [c.limitation for c in program.cautions] == ["knees"]
    assert check_program(program, CATALOGUE) == []


def test_lower_back_plan() -> None:
    program = generate_program(
        client(goal="general", limitations=["lower_back"]), CATALOGUE, now=NOW
    )
    for entry in entries(program):
        stresses = CATALOGUE[entry.exercise_id].stresses
        assert "lumbar_flexion" not in stresses and "spinal_loading" not in stresses
    core = {e.exercise_id for e in entries(program) if CATALOGUE[e.exercise_id].pattern == "core"}
    assert core & {"curl_up", "side_plank", "bird_dog"}
    assert check_program(program, CATALOGUE) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"goal": "general", "level": "beginner", "weeks": 12, "equipment": ["mat"]},
        {"goal": "glutes", "level": "beginner", "weeks": 12, "equipment": ["mat"]},
        {"goal": "hypertrophy", "level": "intermediate", "favourites": ["chin_up"]},
        {"goal": "general", "level": "advanced", "favourites": ["pull_up", "dip"]},
    ],
    ids=["home-general", "home-glutes", "gym-chin-ups", "gym-pull-ups"],
)
def test_no_plan_asks_for_reps_nobody_does(fields: dict[str, Any]) -> None:
    program = generate_program(client(**fields), CATALOGUE, now=NOW)
    for entry in entries(program):
        exercise = CATALOGUE[entry.exercise_id]
        if entry.exercise_id in ("pull_up", "chin_up"):
            assert entry.target_reps <= 12 and entry.reps_max <= 12
        ceiling = rep_ceiling(exercise)
        if ceiling is not None:
            assert entry.target_reps <= ceiling
        if ceiling == 15:
            assert entry.reps_max <= 15
    assert check_program(program, CATALOGUE) == []
