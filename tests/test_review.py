"""The coach's review: each rule against a programme built to break it, and a clean one.

Programmes come from ``tests.factories`` (no solver): a clean three-day glute plan that
every rule passes, then one change per test. Two weeks and no deload unless a test says
otherwise, so a weekly finding appears exactly twice.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.factories import catalogue_program
from tests.factories import profile as factory_profile
from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.rules.profile import RepMax, Units
from thrustplan.rules.program import ExerciseEntry, Program
from thrustplan.rules.review import REVIEWS, Finding, review_program
from thrustplan.rules.review.reading import session_minutes

CATALOGUE = builtin_catalogue()
Plan = tuple[str, tuple[str | tuple[str, str], ...]]

#: Three full-body glute sessions a coach would sign: a thrust or bridge first, a pull
#: for every push, a squat or lunge, a hinge, abduction, core; swings for the kettlebells.
BASE: tuple[Plan, Plan, Plan] = (
    (
        "Full body: glutes",
        (
            "barbell_hip_thrust",
            "lat_pulldown",
            "goblet_squat",
            "dumbbell_bench_press",
            "kettlebell_swing",
            "banded_lateral_walk",
            "plank",
        ),
    ),
    (
        "Full body: glutes",
        (
            "dumbbell_hip_thrust",
            "seated_cable_row",
            "dumbbell_reverse_lunge",
            "dumbbell_shoulder_press",
            "romanian_deadlift",
            "cable_hip_abduction",
            "side_plank",
        ),
    ),
    (
        "Full body: glutes",
        (
            "barbell_glute_bridge",
            "inverted_row",
            "dumbbell_step_up",
            "band_chest_press",
            "kettlebell_swing",
            "seated_banded_hip_abduction",
            "dead_bug",
        ),
    ),
)

ALL_WARNING_SIGNS = (
    "Get your clinician's clearance first. Stop and seek care on vaginal bleeding, regular "
    "painful contractions, fluid leaking, breathlessness before exertion, dizziness, "
    "headache, chest pain, muscle weakness affecting balance, calf pain or swelling."
)


def build(
    plans: Sequence[Plan] = BASE, *, weeks: int = 2, days: int = 3, **profile: Any
) -> Program:
    """A programme of ``plans`` (one per training day) with profile fields changed."""
    program = catalogue_program(weeks=weeks, days=days, supersets=False, day_plans=plans)
    changed = factory_profile(**{**program.profile.model_dump(), **profile})
    return program.model_copy(update={"profile": changed})


def edit(program: Program, change: Callable[[ExerciseEntry], None], *ids: str) -> Program:
    """``program`` with ``change`` applied to every entry of ``ids`` (all when none given)."""
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                if not ids or entry.exercise_id in ids:
                    change(entry)
    return program


def replace(plan: Plan, old: str, new: str | None) -> Plan:
    """``plan`` with exercise ``old`` swapped for ``new``, or dropped when ``new`` is None."""
    focus, items = plan
    swapped = tuple(new if item == old else item for item in items)
    return focus, tuple(item for item in swapped if item is not None)


def findings(rule: str, program: Program, catalogue: Catalogue = CATALOGUE) -> list[Finding]:
    return REVIEWS[rule](program, catalogue)


def where(found: list[Finding]) -> list[tuple[int | None, str | None, str | None]]:
    return [(f.week, f.day, f.exercise_id) for f in found]


def set_rir(value: int) -> Callable[[ExerciseEntry], None]:
    def change(entry: ExerciseEntry) -> None:
        entry.rir = value

    return change


def set_reps(low: int, high: int) -> Callable[[ExerciseEntry], None]:
    def change(entry: ExerciseEntry) -> None:
        entry.reps_min, entry.reps_max, entry.target_reps = low, high, low

    return change


def test_the_base_plan_reviews_clean() -> None:
    assert review_program(build(), CATALOGUE) == []


# --------------------------------------------------------------------------- lifts


def test_lifts_that_matter_flags_a_rep_max_lift_left_out() -> None:
    program = build(rep_maxes={"back_squat": RepMax(weight=100, reps=5)})
    found = findings("lifts_that_matter", program)
    assert where(found) == [(None, None, "back_squat")]
    assert "in 0 of 2 weeks" in found[0].message


def test_lifts_that_matter_flags_a_favourite_in_too_few_weeks() -> None:
    # Romanian deadlifts only in week 1 of 3: one week of three is not most.
    program = build(weeks=3, favourites=["romanian_deadlift"])
    program.weeks[1].sessions[1].exercises[4].exercise_id = "dumbbell_romanian_deadlift"
    program.weeks[2].sessions[1].exercises[4].exercise_id = "dumbbell_romanian_deadlift"
    found = findings("lifts_that_matter", program)
    assert where(found) == [(None, None, "romanian_deadlift")]
    assert "in 1 of 3 weeks" in found[0].message


def test_lifts_that_matter_flags_a_rep_max_test_of_a_known_lift() -> None:
    program = build(rep_maxes={"barbell_hip_thrust": RepMax(weight=100, reps=8)})
    program.weeks[0].sessions[0].exercises[0].notes = "find your 8-rep max: warm up, then ..."
    assert where(findings("lifts_that_matter", program)) == [(1, "mon", "barbell_hip_thrust")]


def test_lifts_that_matter_accepts_a_test_when_the_rep_max_is_too_long_to_load_from() -> None:
    # 12 reps is past the ten a maximum is estimated from: a heavier test is the coach's call.
    program = build(rep_maxes={"barbell_hip_thrust": RepMax(weight=60, reps=12)})
    program.weeks[0].sessions[0].exercises[0].notes = "find your 8-rep max: warm up, then ..."
    assert findings("lifts_that_matter", program) == []


def test_lifts_that_matter_passes_lifts_done_and_lifts_ruled_out() -> None:
    program = build(
        rep_maxes={
            "barbell_hip_thrust": RepMax(weight=100, reps=8),
            "leg_press": RepMax(weight=150, reps=10),  # no leg press in the kit
        },
        favourites=["kettlebell_swing"],
    )
    assert findings("lifts_that_matter", program) == []


STRENGTH: tuple[Plan, Plan, Plan] = (
    ("Full body", ("back_squat", "bench_press", "seated_cable_row", "plank")),
    ("Full body", ("deadlift", "overhead_press", "lat_pulldown", "side_plank")),
    ("Full body", ("back_squat", "bench_press", "inverted_row", "dead_bug")),
)


def test_strength_main_lifts_flags_each_missing_lift_each_week() -> None:
    found = findings("strength_main_lifts", build(goal="strength"))
    assert len(found) == 8  # four lifts, two weeks
    assert {f.week for f in found} == {1, 2}
    assert "the squat in 0 of 3 sessions; a strength week needs it in 2" in found[0].message


def test_strength_main_lifts_flags_a_squat_once_a_week_and_four_times() -> None:
    once = (STRENGTH[0], STRENGTH[1], replace(STRENGTH[2], "back_squat", "goblet_squat"))
    found = findings("strength_main_lifts", build(once, goal="strength"))
    assert [(f.week, f.message) for f in found] == [
        (1, "the squat in 1 of 3 sessions; a strength week needs it in 2"),
        (2, "the squat in 1 of 3 sessions; a strength week needs it in 2"),
    ]
    four = (
        STRENGTH[0],
        ("Full body", ("front_squat", *STRENGTH[1][1])),
        STRENGTH[2],
        ("Full body", ("back_squat", "lat_pulldown", "plank")),
    )
    found = findings("strength_main_lifts", build(four, days=4, goal="strength"))
    assert [(f.week, f.message) for f in found] == [
        (1, "the squat in 4 of 4 sessions; 3 is the most"),
        (2, "the squat in 4 of 4 sessions; 3 is the most"),
    ]


def test_strength_main_lifts_passes_a_gzclp_week_and_lifts_the_kit_rules_out() -> None:
    assert findings("strength_main_lifts", build(STRENGTH, goal="strength")) == []
    # Without a rack only the deadlift is possible, and it is there once a week.
    no_rack = build(STRENGTH, goal="strength", equipment=["barbell", "bench", "cable"])
    assert findings("strength_main_lifts", no_rack) == []
    # Other goals are not held to it.
    assert findings("strength_main_lifts", build(goal="general")) == []


def _lower_upper(first_lower: tuple[str, ...], second_lower: tuple[str, ...]) -> list[Plan]:
    return [
        ("Lower", (*first_lower, "lying_leg_curl", "plank")),
        ("Upper", ("bench_press", "seated_cable_row", "lat_pulldown")),
        ("Lower", (*second_lower, "lying_leg_curl", "side_plank")),
        ("Upper", ("overhead_press", "bench_press", "seated_cable_row")),
    ]


def test_one_heavy_lower_lift_flags_a_squat_and_a_deadlift_both_heavy() -> None:
    # Monday holds the week's first squat and its only deadlift: both heavy, with a lower
    # day to spare; Thursday's squat is a light day.
    plans = _lower_upper(("back_squat", "deadlift"), ("back_squat",))
    found = findings("one_heavy_lower_lift", build(plans, days=4, goal="strength"))
    assert [(f.week, f.day, f.exercise_id) for f in found] == [(1, "mon", None), (2, "mon", None)]
    assert "barbell back squat and barbell deadlift both heavy" in found[0].message


def test_one_heavy_lower_lift_flags_a_light_day_before_the_heavy_lift() -> None:
    plans = _lower_upper(("back_squat",), ("back_squat", "deadlift"))
    found = findings("one_heavy_lower_lift", build(plans, days=4, goal="strength"))
    assert [(f.week, f.day, f.exercise_id) for f in found] == [
        (1, "thu", "back_squat"),
        (2, "thu", "back_squat"),
    ]
    assert "light day before the session's heavy barbell deadlift" in found[0].message


def test_one_heavy_lower_lift_passes_a_gzclp_lower_day_and_a_beginner() -> None:
    # The deadlift heavy, then the squat's light day: GZCLP's tier 1, then tier 2.
    plans = _lower_upper(("back_squat",), ("deadlift", "back_squat"))
    assert findings("one_heavy_lower_lift", build(plans, days=4, goal="strength")) == []
    # Starting Strength squats and deadlifts in one session.
    stacked = _lower_upper(("back_squat", "deadlift"), ("back_squat",))
    beginner = build(stacked, days=4, goal="strength", level="beginner")
    assert findings("one_heavy_lower_lift", beginner) == []
    # And a plan for another goal is not held to it.
    assert findings("one_heavy_lower_lift", build(stacked, days=4, goal="general")) == []


# --------------------------------------------------------------------------- balance


def test_push_pull_balance_flags_a_glute_week_that_pushes_more() -> None:
    plans = (BASE[0], replace(BASE[1], "seated_cable_row", None), BASE[2])
    found = findings("push_pull_balance", build(plans))
    assert [(f.week, f.message) for f in found] == [
        (1, "a glutes plan: 9 push sets against 6 pull sets; pull at least as much as push"),
        (2, "a glutes plan: 9 push sets against 6 pull sets; pull at least as much as push"),
    ]


def test_push_pull_balance_keeps_hypertrophy_within_a_quarter() -> None:
    def push_sets(sets: int) -> Callable[[ExerciseEntry], None]:
        def change(entry: ExerciseEntry) -> None:
            entry.sets = sets

        return change

    # Pull 9 sets; pushes of 4 + 3 + 3 = 10 sets: 9 is at least 75 % of 10.
    program = edit(build(goal="hypertrophy"), push_sets(4), "dumbbell_bench_press")
    assert findings("push_pull_balance", program) == []
    # Pushes of 6 + 3 + 3 = 12: 9 is 75 % exactly, still inside.
    program = edit(build(goal="hypertrophy"), push_sets(6), "dumbbell_bench_press")
    assert findings("push_pull_balance", program) == []
    # Pushes of 7 + 3 + 3 = 13: pull 9 is under 75 %.
    program = edit(build(goal="hypertrophy"), push_sets(7), "dumbbell_bench_press")
    found = findings("push_pull_balance", program)
    message = "a hypertrophy plan: 13 push sets against 9 pull sets; keep each within 25 % of "
    assert [(f.week, f.message) for f in found] == [
        (1, message + "the other"),
        (2, message + "the other"),
    ]


def test_push_pull_balance_counts_a_pullover_as_a_pull_only() -> None:
    # Dumbbell bench out, pullover in: push 6, pull 12 for a strength plan.
    plans = (replace(BASE[0], "dumbbell_bench_press", "dumbbell_pullover"), BASE[1], BASE[2])
    found = findings("push_pull_balance", build(plans, goal="strength"))
    assert [f.message for f in found] == [
        "a strength plan: 6 push sets against 12 pull sets; keep each within 25 % of the other"
    ] * 2


def test_one_variant_per_movement_flags_two_reverse_lunges() -> None:
    focus, items = BASE[1]
    plans = (BASE[0], (focus, (*items[:3], "barbell_reverse_lunge", *items[3:])), BASE[2])
    found = findings("one_variant_per_movement", build(plans))
    assert where(found) == [
        (1, "wed", "barbell_reverse_lunge"),
        (2, "wed", "barbell_reverse_lunge"),
    ]
    assert "after dumbbell_reverse_lunge" in found[0].message


def test_one_variant_per_movement_passes_different_prime_movers_and_core() -> None:
    # A deadlift beside a Romanian deadlift, a fly beside a press, two core moves.
    plans = (
        ("Full body", ("deadlift", "romanian_deadlift", "dumbbell_bench_press", "dumbbell_fly")),
        ("Full body", ("plank", "dead_bug", "lat_pulldown")),
        BASE[2],
    )
    assert findings("one_variant_per_movement", build(plans)) == []


# ----------------------------------------------------------------------------- kit


def test_real_kit_over_improvised_flags_a_door_frame_row_beside_cables_and_bells() -> None:
    plans = (BASE[0], replace(BASE[1], "seated_cable_row", "doorway_row"), BASE[2])
    found = findings("real_kit_over_improvised", build(plans))
    assert where(found) == [(1, "wed", "doorway_row"), (2, "wed", "doorway_row")]
    assert "improvised beside equipment that loads it (cable station)" in found[0].message


def test_real_kit_over_improvised_flags_a_slider_leg_curl_beside_the_machine() -> None:
    plans = (BASE[0], BASE[1], (BASE[2][0], (*BASE[2][1], "single_leg_sliding_leg_curl")))
    kit = [*build().profile.equipment, "leg_curl_machine"]
    found = findings("real_kit_over_improvised", build(plans, equipment=kit))
    curl = "single_leg_sliding_leg_curl"
    assert where(found) == [(1, "fri", curl), (2, "fri", curl)]
    assert "improvised beside equipment that loads it (leg-curl machine)" in found[0].message
    assert findings("real_kit_over_improvised", build(plans)) == []


def test_real_kit_over_improvised_flags_a_door_frame_row_beside_dumbbells() -> None:
    plans = (BASE[0], replace(BASE[1], "seated_cable_row", "doorway_row"), BASE[2])
    home = build(plans, equipment=["bench", "dumbbells", "bands", "mini_bands"])
    found = findings("real_kit_over_improvised", home)
    assert where(found) == [(1, "wed", "doorway_row"), (2, "wed", "doorway_row")]
    assert "(dumbbells)" in found[0].message


def test_real_kit_over_improvised_passes_a_bare_kit_and_what_the_client_asked_for() -> None:
    plans = (BASE[0], replace(BASE[1], "seated_cable_row", "doorway_row"), BASE[2])
    bare = build(plans, equipment=["bench", "bands", "mini_bands"])
    asked = build(plans, favourites=["doorway_row"])
    assert findings("real_kit_over_improvised", bare) == []
    assert findings("real_kit_over_improvised", asked) == []


# --------------------------------------------------------------------------- glutes


def test_glute_move_every_session_flags_a_session_without_one() -> None:
    plans = (BASE[0], BASE[1], ("Upper", ("inverted_row", "band_chest_press", "plank")))
    found = findings("glute_move_every_session", build(plans))
    assert where(found) == [(1, "fri", None), (2, "fri", None)]
    assert found[0].message == "0 glute moves in 3 exercises"
    assert findings("glute_move_every_session", build(plans, goal="general")) == []


def test_thrust_or_bridge_first_flags_weeks_where_few_sessions_open_with_one() -> None:
    def second(plan: Plan) -> Plan:
        focus, items = plan
        return focus, (items[1], items[0], *items[2:])

    found = findings("thrust_or_bridge_first", build((BASE[0], second(BASE[1]), second(BASE[2]))))
    assert [(f.week, f.message) for f in found] == [
        (1, "a thrust or bridge opens 1 of 3 sessions"),
        (2, "a thrust or bridge opens 1 of 3 sessions"),
    ]
    # Two of three is most.
    assert findings("thrust_or_bridge_first", build((BASE[0], BASE[1], second(BASE[2])))) == []


def test_abduction_every_week_flags_a_week_without_abduction() -> None:
    plans = (
        replace(BASE[0], "banded_lateral_walk", None),
        replace(BASE[1], "cable_hip_abduction", None),
        replace(BASE[2], "seated_banded_hip_abduction", None),
    )
    found = findings("abduction_every_week", build(plans))
    assert where(found) == [(1, None, None), (2, None, None)]
    # A client for whom no abduction exercise is possible is not held to it.
    every = [x.id for x in CATALOGUE.values() if x.pattern == "hip_abduction"]
    assert findings("abduction_every_week", build(plans, exclude=every)) == []


def test_glute_kit_staples_flags_a_kit_left_unused() -> None:
    kit = [*build().profile.equipment, "back_extension_bench", "leg_curl_machine"]
    # The week swings: with a back-extension bench too, the swing fills the hinge slot.
    found = findings("glute_kit_staples", build(equipment=kit))
    assert [f.message for f in found] == ["a leg curl in 0 of 2 weeks though the kit allows one"]
    # Neither a swing nor a back extension: the slot is left to other hinges.
    plans = (
        replace(BASE[0], "kettlebell_swing", "dumbbell_romanian_deadlift"),
        BASE[1],
        replace(BASE[2], "kettlebell_swing", "cable_pull_through"),
    )
    found = findings("glute_kit_staples", build(plans, equipment=kit))
    assert [f.message for f in found] == [
        "a leg curl in 0 of 2 weeks though the kit allows one",
        "a back extension or a kettlebell swing in 0 of 2 weeks though the kit allows one",
    ]


def test_glute_kit_staples_flags_kettlebells_without_a_swing() -> None:
    plans = (
        replace(BASE[0], "kettlebell_swing", "dumbbell_romanian_deadlift"),
        BASE[1],
        replace(BASE[2], "kettlebell_swing", "cable_pull_through"),
    )
    found = findings("glute_kit_staples", build(plans))
    assert [f.message for f in found] == [
        "a kettlebell swing in 0 of 2 weeks though the kit allows one"
    ]
    # Without kettlebells, or with a back that rules swings out, nothing is missing.
    no_kettlebells = [e for e in build().profile.equipment if e != "kettlebells"]
    assert findings("glute_kit_staples", build(plans, equipment=no_kettlebells)) == []
    assert findings("glute_kit_staples", build(plans, limitations=["lower_back"])) == []


# --------------------------------------------------------------------------- time


def test_time_use_flags_a_plan_that_sends_the_client_home_early() -> None:
    program = build(session_minutes=90)
    lengths = sorted(session_minutes(s, CATALOGUE) for s in program.weeks[0].sessions)
    assert lengths[1] < 0.75 * 90
    found = findings("time_use", program)
    assert where(found) == [(None, None, None)]
    assert found[0].message.startswith(f"median session {lengths[1]:.0f} of 90 minutes")


def test_time_use_passes_a_plan_that_states_its_real_length() -> None:
    program = build(session_minutes=90)
    median = sorted(session_minutes(s, CATALOGUE) for s in program.weeks[0].sessions)[1]
    program.weeks[0].sessions[0].exercises[
        0
    ].notes = f"Sessions take about {median:.0f} minutes because the weekly set ceiling is reached."
    assert findings("time_use", program) == []
    # A length that is not the real one does not excuse it.
    program.weeks[0].sessions[0].exercises[0].notes = "About 88 minutes because it is."
    assert len(findings("time_use", program)) == 1
    assert findings("time_use", build(session_minutes=60)) == []


# --------------------------------------------------------------------------- reps


def test_rep_range_by_role_flags_isolation_and_pullover_below_six() -> None:
    plans = (replace(BASE[0], "lat_pulldown", "dumbbell_pullover"), BASE[1], BASE[2])
    program = edit(build(plans), set_reps(3, 6), "dumbbell_pullover", "cable_hip_abduction")
    found = findings("rep_range_by_role", program)
    assert where(found) == [
        (1, "mon", "dumbbell_pullover"),
        (1, "wed", "cable_hip_abduction"),
        (2, "mon", "dumbbell_pullover"),
        (2, "wed", "cable_hip_abduction"),
    ]
    assert found[0].message == "3-6 reps; a pullover works at 6 or more"
    assert found[1].message == "3-6 reps; an isolation exercise works at 6 or more"


def test_rep_range_by_role_flags_a_second_lift_below_six() -> None:
    # A strength plan's rows are its second lifts: GZCLP's T2 at 3 x 10, not heavy fives.
    program = edit(build(STRENGTH, goal="strength"), set_reps(3, 6), "seated_cable_row")
    found = findings("rep_range_by_role", program)
    assert where(found) == [(1, "mon", "seated_cable_row"), (2, "mon", "seated_cable_row")]
    assert found[0].message == "3-6 reps; a second lift works at 6 or more"


def test_rep_range_by_role_passes_main_lifts_and_timed_holds() -> None:
    strength = edit(build(STRENGTH, goal="strength"), set_reps(3, 5), "back_squat", "plank")
    assert findings("rep_range_by_role", strength) == []
    # A lift the client gave a rep max for is a main lift of a general plan.
    general = build(goal="general", rep_maxes={"goblet_squat": {"weight": 32, "reps": 8}})
    assert findings("rep_range_by_role", edit(general, set_reps(3, 5), "goblet_squat")) == []


def test_strength_main_reps_flags_a_beginner_squatting_eight_to_twelve() -> None:
    program = build(STRENGTH, goal="strength", level="beginner")
    program = edit(program, set_reps(5, 5))
    program = edit(program, set_reps(8, 12), "back_squat")
    found = findings("strength_main_reps", program)
    assert where(found) == [
        (1, "mon", "back_squat"),
        (1, "fri", "back_squat"),
        (2, "mon", "back_squat"),
        (2, "fri", "back_squat"),
    ]
    assert found[0].message == (
        "8-12 reps; a strength plan's main lifts work at 6 or fewer (3 x 5 for a beginner)"
    )


def test_strength_main_reps_passes_fives_second_lifts_and_other_goals() -> None:
    program = edit(build(STRENGTH, goal="strength", level="beginner"), set_reps(5, 5))
    # The rows and the core work around the main lifts are not held to it.
    program = edit(program, set_reps(8, 10), "seated_cable_row", "lat_pulldown")
    assert findings("strength_main_reps", program) == []
    general = edit(build(STRENGTH, goal="general"), set_reps(8, 12))
    assert findings("strength_main_reps", general) == []


def loaded(value: float) -> Callable[[ExerciseEntry], None]:
    def change(entry: ExerciseEntry) -> None:
        entry.load, entry.load_unit = value, Units.KG

    return change


def test_first_week_isolation_effort_flags_week_one_isolation_at_rir_one() -> None:
    program = edit(build(), loaded(15), "cable_hip_abduction")
    program = edit(program, set_rir(1), "cable_hip_abduction", "romanian_deadlift")
    found = findings("first_week_isolation_effort", program)
    # Week 1 only, and the isolation work only: the deadlift is a compound.
    assert where(found) == [(1, "wed", "cable_hip_abduction")]
    assert found[0].message.startswith("RIR 1 at 15 kg")
    assert found[0].message.endswith("in week 1; isolation work starts 2 or more short of failure")


def test_first_week_isolation_effort_passes_two_in_reserve_and_unloaded_work() -> None:
    program = edit(edit(build(), loaded(15), "cable_hip_abduction"), set_rir(2))
    program = edit(program, set_rir(0), "banded_lateral_walk", "plank")
    assert findings("first_week_isolation_effort", program) == []


def test_bodyweight_rep_ceiling_flags_pull_ups_and_hard_push_ups() -> None:
    plans = (
        replace(BASE[0], "lat_pulldown", "chin_up"),
        BASE[1],
        replace(BASE[2], "band_chest_press", "diamond_push_up"),
    )
    found = findings("bodyweight_rep_ceiling", edit(build(plans), set_reps(10, 20)))
    assert where(found) == [
        (1, "mon", "chin_up"),
        (1, "fri", "diamond_push_up"),
        (2, "mon", "chin_up"),
        (2, "fri", "diamond_push_up"),
    ]
    assert "past 12" in found[0].message
    assert "past 15" in found[1].message


def test_bodyweight_rungs_close_flags_push_ups_three_rungs_apart() -> None:
    plans = (
        replace(BASE[0], "dumbbell_bench_press", "push_up"),
        BASE[1],
        replace(BASE[2], "band_chest_press", "wall_push_up"),
    )
    found = findings("bodyweight_rungs_close", build(plans))
    assert where(found) == [(1, "fri", "wall_push_up"), (2, "fri", "wall_push_up")]
    assert found[0].message == "3 rungs from push_up earlier in the week"


def test_bodyweight_rungs_close_passes_a_rung_apart_siblings_and_what_was_asked() -> None:
    def week(monday: str, friday: str) -> Program:
        plans = (
            replace(BASE[0], "dumbbell_bench_press", monday),
            BASE[1],
            replace(BASE[2], "band_chest_press", friday),
        )
        return build(plans)

    # A hard and an easy day; two harder variations of one rung; the client's favourite.
    assert findings("bodyweight_rungs_close", week("push_up", "knee_push_up")) == []
    assert findings("bodyweight_rungs_close", week("decline_push_up", "diamond_push_up")) == []
    asked = week("push_up", "wall_push_up").model_copy(deep=True)
    asked.profile.favourites.append("wall_push_up")
    assert findings("bodyweight_rungs_close", asked) == []


def test_bodyweight_rep_ceiling_passes_easy_variants_loaded_sets_and_low_reps() -> None:
    plans = (
        replace(BASE[0], "lat_pulldown", "chin_up"),
        BASE[1],
        replace(BASE[2], "band_chest_press", "incline_push_up"),
    )
    program = edit(build(plans), set_reps(10, 20), "incline_push_up")
    program = edit(program, set_reps(3, 5), "chin_up")
    assert findings("bodyweight_rep_ceiling", program) == []

    def weighted(entry: ExerciseEntry) -> None:
        entry.load, entry.load_unit = 5.0, program.profile.units

    program = edit(edit(program, set_reps(8, 15), "chin_up"), weighted, "chin_up")
    assert findings("bodyweight_rep_ceiling", program) == []


# --------------------------------------------------------------------------- populations


def pregnant(plans: Sequence[Plan] = BASE) -> Program:
    """A pregnant client's plan that passes every pregnancy rule."""
    # Inclined, seated and standing versions of the base plan's supine work.
    plans = (
        replace(plans[0], "dumbbell_bench_press", "band_chest_press"),
        plans[1],
        replace(
            replace(plans[2], "barbell_glute_bridge", "bodyweight_hip_thrust"),
            "dead_bug",
            "bird_dog",
        ),
    )
    program = edit(build(plans, limitations=["pregnancy"]), set_rir(3))
    program.weeks[0].sessions[0].exercises[-1].notes = ALL_WARNING_SIGNS
    return program


def test_pregnancy_clean_plan_passes_every_pregnancy_rule() -> None:
    program = pregnant()
    for rule in REVIEWS:
        if rule.startswith("pregnancy"):
            assert findings(rule, program) == [], rule


def test_pregnancy_no_supine_flags_floor_and_flat_bench_work_not_hip_thrusts() -> None:
    found = findings("pregnancy_no_supine", build(limitations=["pregnancy"]))
    assert where(found) == [
        (1, "mon", "dumbbell_bench_press"),
        (1, "fri", "barbell_glute_bridge"),
        (1, "fri", "dead_bug"),
        (2, "mon", "dumbbell_bench_press"),
        (2, "fri", "barbell_glute_bridge"),
        (2, "fri", "dead_bug"),
    ]
    assert findings("pregnancy_no_supine", build()) == []


def test_pregnancy_effort_flags_every_set_under_three_in_reserve() -> None:
    program = pregnant()
    program.weeks[1].sessions[2].exercises[3].rir = 2
    found = findings("pregnancy_effort", program)
    assert where(found) == [(2, "fri", "band_chest_press")]
    assert found[0].message == "RIR 2; in pregnancy every set keeps 3 or more"


def test_pregnancy_no_max_tests_flags_a_rep_max_test() -> None:
    program = pregnant()
    program.weeks[0].sessions[1].exercises[4].notes = "find your 10-rep max: warm up ..."
    assert where(findings("pregnancy_no_max_tests", program)) == [(1, "wed", "romanian_deadlift")]


def test_pregnancy_warning_signs_flags_a_plan_without_them() -> None:
    program = pregnant()
    program.weeks[0].sessions[0].exercises[-1].notes = ""
    found = findings("pregnancy_warning_signs", program)
    assert where(found) == [(None, None, None)]
    assert found[0].message.startswith("the plan never names 10 of 10 warning signs")
    program.weeks[0].sessions[0].exercises[-1].notes = "Stop on dizziness or chest pain."
    (partial,) = findings("pregnancy_warning_signs", program)
    assert partial.message.startswith("the plan never names 8 of 10")
    # The client's own words are not advice from the plan.
    program = pregnant()
    program.weeks[0].sessions[0].exercises[-1].notes = ""
    program.profile.name = ALL_WARNING_SIGNS
    assert len(findings("pregnancy_warning_signs", program)) == 1


def test_knees_lunge_reps_flags_high_rep_stepping_lunges_only() -> None:
    program = edit(build(limitations=["knees"]), set_reps(12, 20), "dumbbell_reverse_lunge")
    program = edit(program, set_reps(12, 20), "dumbbell_step_up")  # one side at a time
    found = findings("knees_lunge_reps", program)
    assert where(found) == [
        (1, "wed", "dumbbell_reverse_lunge"),
        (2, "wed", "dumbbell_reverse_lunge"),
    ]
    assert found[0].message == "up to 20 reps of a stepping lunge; sore knees stop at 12"
    assert findings("knees_lunge_reps", build(limitations=["knees"])) == []


def test_lower_back_flexion_flags_crunches() -> None:
    plans = (replace(BASE[0], "plank", "crunch"), BASE[1], BASE[2])
    found = findings("lower_back_flexion", build(plans, limitations=["lower_back"]))
    assert where(found) == [(1, "mon", "crunch"), (2, "mon", "crunch")]
    assert findings("lower_back_flexion", build(plans)) == []
    assert findings("lower_back_flexion", build(limitations=["lower_back"])) == []


# --------------------------------------------------------------------------- registry


def test_every_review_rule_has_a_test() -> None:
    names = [
        name
        for name, _ in inspect.getmembers(sys.modules[__name__], inspect.isfunction)
        if name.startswith("test_")
    ]
    for rule in REVIEWS:
        assert any(n.startswith(f"test_{rule}") for n in names), f"no test for {rule}"


def test_every_review_rule_states_itself_and_its_source() -> None:
    for rule, review in REVIEWS.items():
        assert review.__name__ == f"review_{rule}"
        doc = review.__doc__ or ""
        assert len(doc.split("\n\n")[0]) > 40, rule
        assert "Source" in doc, rule


# --------------------------------------------------------------------------- CLI


def run(*args: str) -> Any:
    from thrustplan.app.cli.app import app

    return CliRunner().invoke(app, list(args))


def test_cli_review_exits_0_when_clean_and_1_with_located_findings(tmp_path: Path) -> None:
    clean = tmp_path / "clean.json"
    clean.write_text(build().model_dump_json())
    result = run("review", str(clean))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output

    plans = (BASE[0], BASE[1], ("Upper", ("inverted_row", "band_chest_press", "plank")))
    broken = tmp_path / "broken.json"
    broken.write_text(build(plans).model_dump_json())
    result = run("review", str(broken))
    assert result.exit_code == 1
    assert "glute_move_every_session (2):" in result.output
    assert "  week 1 fri: 0 glute moves in 3 exercises" in result.output


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"weeks": [', "not valid JSON at line 1"),
        ('{"version": "1"}', "field generated_at"),
        (None, "no such file"),
    ],
)
def test_cli_review_exits_2_on_a_file_it_cannot_read(
    tmp_path: Path, content: str | None, says: str
) -> None:
    path = tmp_path / "plan.json"
    if content is not None:
        path.write_text(content)
    result = run("review", str(path))
    assert result.exit_code == 2
    assert says in result.output


def test_cli_review_exits_2_on_a_catalogue_it_cannot_read(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(build().model_dump_json())
    result = run("review", str(plan), "--catalogue", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "--catalogue" in result.output
