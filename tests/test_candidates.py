"""What the weekly model gets to choose from: the shortlist, standard sets, superset pairs."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from tests.factories import basic_exercises, exercise, model_input, profile, two_day_profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.model.candidates import (
    PER_PATTERN,
    ModelInput,
    client_cost,
    make_candidate,
    make_pair,
    prepare,
    standard_sets,
)
from thrustplan.rules.goals import Goal
from thrustplan.rules.supersets import pairing_problem
from thrustplan.rules.timing import exercise_seconds, superset_seconds
from thrustplan.rules.volume import MAX_WEEKLY_SETS, weekly_targets

CATALOGUE = builtin_catalogue()
HOME = ["dumbbells", "bench"]


# ----------------------------------------------------------------------------- shortlist


def test_the_shortlist_holds_only_what_the_kit_and_the_limitation_allow() -> None:
    client = profile(equipment=HOME, limitations=["lower_back"])
    ids = {c.id for c in prepare(client, CATALOGUE).candidates}
    for exercise_id in ids:
        found = CATALOGUE[exercise_id]
        assert set(found.equipment) <= {"dumbbells", "bench", "bodyweight"}, exercise_id
        assert not {"spinal_loading", "lumbar_flexion"} & set(found.stresses), exercise_id
    assert {"dumbbell_hip_thrust", "dumbbell_row", "goblet_squat", "glute_bridge"} <= ids
    # A barbell the client does not have; a loaded hinge the back rules out.
    assert "barbell_hip_thrust" not in ids
    assert "dumbbell_romanian_deadlift" not in ids


def test_without_the_limitation_the_loaded_hinge_comes_back() -> None:
    ids = {c.id for c in prepare(profile(equipment=HOME), CATALOGUE).candidates}
    assert "dumbbell_romanian_deadlift" in ids


def test_an_excluded_exercise_is_held_out_of_every_day() -> None:
    # It stays a candidate only where it would have been shortlisted, marked so that
    # trainer_excludes keeps it out and an explanation can name the exclusion; it takes
    # no place of its own, and no rule asks for it.
    client = profile(equipment=HOME, exclude=["dumbbell_hip_thrust"])
    data = prepare(client, CATALOGUE)
    excluded = [c for c in data.candidates if c.trainer_excluded]
    assert [c.id for c in excluded] == ["dumbbell_hip_thrust"]
    assert excluded[0].excluded is None
    thrusts = [c for c in data.candidates if c.exercise.pattern == "hip_thrust"]
    assert len(thrusts) - 1 == min(PER_PATTERN, len(thrusts) - 1)
    assert "glute_bridge" in {c.id for c in data.candidates}


@pytest.mark.parametrize(
    "kit", [["kettlebells"], ["cable"], ["suspension_trainer"], ["dumbbells", "bench"]]
)
def test_a_door_frame_row_gives_way_to_the_loaded_row_the_kit_allows(kit: list[str]) -> None:
    ids = {c.id for c in prepare(profile(equipment=kit), CATALOGUE).candidates}
    assert "doorway_row" not in ids
    loaded_rows = {"kettlebell_row", "seated_cable_row", "suspension_row", "dumbbell_row"}
    assert loaded_rows & ids


def test_a_door_frame_row_stays_where_nothing_loads_a_row_or_the_client_asks() -> None:
    floor = {c.id for c in prepare(profile(equipment=["mat"]), CATALOGUE).candidates}
    asked = profile(equipment=["kettlebells"], favourites=["doorway_row"])
    assert "doorway_row" in floor
    assert "doorway_row" in {c.id for c in prepare(asked, CATALOGUE).candidates}


def test_a_slider_leg_curl_gives_way_to_the_leg_curl_machine() -> None:
    # A towel on the floor stands in for the machine at home; beside the machine, whose
    # stack climbs where body weight cannot, it is left out.
    sliders = {"sliding_leg_curl", "single_leg_sliding_leg_curl", "stability_ball_leg_curl"}
    gym = {
        c.id for c in prepare(profile(equipment=[*HOME, "leg_curl_machine"]), CATALOGUE).candidates
    }
    home = {
        c.id for c in prepare(profile(equipment=[*HOME, "stability_ball"]), CATALOGUE).candidates
    }
    assert not sliders & gym
    assert {"lying_leg_curl", "seated_leg_curl"} <= gym
    assert {"sliding_leg_curl", "stability_ball_leg_curl"} <= home


def test_a_kettlebell_lift_costs_one_more_beside_dumbbells_that_climb_in_finer_steps() -> None:
    both = prepare(profile(equipment=["kettlebells", "dumbbells", "bench"]), CATALOGUE)
    bells = prepare(profile(equipment=["kettlebells", "bench"]), CATALOGUE)

    def cost(data: ModelInput, exercise_id: str) -> int:
        return next(c.cost for c in data.candidates if c.id == exercise_id)

    assert cost(both, "kettlebell_row") == cost(bells, "kettlebell_row") + 1
    assert cost(both, "dumbbell_row") < cost(both, "kettlebell_row")


@pytest.mark.parametrize("loader", ["barbell", "smith_machine", "hip_thrust_machine"])
def test_a_thrust_held_with_a_dumbbell_costs_one_more_beside_a_bar_or_the_machine(
    loader: str,
) -> None:
    gym = profile(equipment=[*HOME, "kettlebells", loader])
    home = profile(equipment=[*HOME, "kettlebells"])
    for held in ("dumbbell_hip_thrust", "dumbbell_glute_bridge", "kettlebell_hip_thrust"):
        exercise = CATALOGUE[held]
        assert client_cost(exercise, gym) == client_cost(exercise, home) + 1
    unloaded = CATALOGUE["single_leg_hip_thrust"]
    assert client_cost(unloaded, gym) == client_cost(unloaded, home)


def test_each_movement_pattern_keeps_at_most_its_share() -> None:
    data = prepare(profile(equipment=["barbell", "bench", "dumbbells", "cable"]), CATALOGUE)
    per_pattern = Counter(c.exercise.pattern for c in data.candidates)
    assert max(per_pattern.values()) == PER_PATTERN
    assert [c.id for c in data.candidates] == sorted(c.id for c in data.candidates)


@pytest.mark.parametrize("days", [4, 5])
def test_a_push_day_keeps_a_fly_beside_a_gym_full_of_presses(days: int) -> None:
    # A five-day week's push day has a fly slot; the six best presses of a gym leave the
    # fly off the shortlist unless that slot keeps it one place more. Four days, no slot.
    gym = ["barbell", "squat_rack", "bench", "dumbbells", "cable", "machine_stack"]
    data = prepare(profile(equipment=gym, goal="hypertrophy", days_per_week=days), CATALOGUE)
    presses = [c.exercise for c in data.candidates if c.exercise.pattern == "horizontal_push"]
    assert sum(e.is_compound for e in presses) >= PER_PATTERN
    assert any(not e.is_compound for e in presses) == (days == 5)


def _thrusts(count: int) -> list[str]:
    return [f"thrust_{i}" for i in range(count)]


@pytest.mark.parametrize("favourites", [["thrust_9"], _thrusts(10)])
def test_favourites_are_always_kept(favourites: list[str]) -> None:
    thrusts = [exercise(i, "hip_thrust", ("gluteus_maximus",)) for i in _thrusts(10)]
    data = model_input(profile(favourites=favourites), thrusts)
    kept = {c.id for c in data.candidates}
    assert set(favourites) <= kept
    # Otherwise the best by id, as all else is equal; favourites take their places.
    others = [i for i in _thrusts(10) if i not in favourites]
    assert kept == set(favourites) | set(others[: max(PER_PATTERN - len(favourites), 0)])


def test_exercises_above_the_clients_level_rank_last() -> None:
    hard = [exercise(f"a_hard_{i}", "squat", ("quadriceps",), level="advanced") for i in range(3)]
    easy = [exercise(f"easy_{i}", "squat", ("quadriceps",)) for i in range(PER_PATTERN - 1)]
    data = model_input(profile(level="beginner"), [*hard, *easy])
    kept = {c.id for c in data.candidates}
    assert {e.id for e in easy} < kept and len(kept & {e.id for e in hard}) == 1


# ---------------------------------------------------------------------------- candidates


def test_a_candidate_counts_primary_muscles_twice_and_secondary_once() -> None:
    squat = exercise("squat", "squat", ("quadriceps",), secondary_muscles=("gluteus_maximus",))
    candidate = make_candidate(squat, profile())
    assert candidate.half_sets == {"quadriceps": 2, "gluteus_maximus": 1}


def test_a_candidate_carries_the_clients_view_of_it() -> None:
    client = profile(level="beginner", favourites=["liked"], dislikes=["disliked"])
    liked = make_candidate(exercise("liked", "squat", ("quadriceps",)), client)
    disliked = make_candidate(exercise("disliked", "squat", ("quadriceps",)), client)
    hard = exercise("hard", "squat", ("quadriceps",), level="advanced", equipment=("barbell",))
    far = make_candidate(hard, client)
    assert (liked.preference, disliked.preference, far.preference) == (1, -1, 0)
    assert (liked.level_gap, far.level_gap) == (0, 2)
    assert liked.excluded is None
    assert far.excluded is not None and "Barbell" in far.excluded


def test_the_model_input_holds_the_clients_targets_and_priorities() -> None:
    client = profile(goal="glutes", level="intermediate")
    data = prepare(client, CATALOGUE)
    assert data.targets == weekly_targets(Goal.GLUTES, client.level)
    assert data.max_weekly_sets == MAX_WEEKLY_SETS[client.level]
    assert data.muscle_weights["gluteus_maximus"] == 4
    assert data.muscle_weights["quadriceps"] == 1
    assert len(data.split.days) == client.days_per_week


# -------------------------------------------------------------------------- standard sets


@pytest.mark.parametrize(
    ("exercise_id", "minutes", "sets"),
    [
        ("barbell_hip_thrust", 60, 4),
        ("barbell_hip_thrust", 31, 4),
        ("barbell_hip_thrust", 30, 3),
        # A long session gives a trained client a set more of everything but a glute
        # plan's thrust, which opens most sessions at four sets already.
        ("barbell_hip_thrust", 90, 4),
        ("goblet_squat", 180, 4),
        ("goblet_squat", 75, 4),
        ("goblet_squat", 74, 3),
        ("goblet_squat", 31, 3),
        ("goblet_squat", 30, 2),
        ("goblet_squat", 15, 2),
    ],
)
def test_standard_sets(exercise_id: str, minutes: int, sets: int) -> None:
    assert standard_sets(CATALOGUE[exercise_id], minutes) == sets


@pytest.mark.parametrize("minutes", [30, 60])
def test_every_candidate_gets_its_standard_sets(minutes: int) -> None:
    client = profile(equipment=HOME, session_minutes=minutes, level="intermediate")
    data = prepare(client, CATALOGUE)
    for candidate in data.candidates:
        assert candidate.sets == standard_sets(candidate.exercise, minutes)
    thrusts = {c.sets for c in data.candidates if c.exercise.is_hip_thrust_family}
    others = {c.sets for c in data.candidates if not c.exercise.is_hip_thrust_family}
    expected = ({3}, {2}) if minutes <= 30 else ({4}, {3})
    assert (thrusts, others) == expected
    # A beginner's main lift takes three sets, as Strong Curves writes its thrust.
    beginner = prepare(profile(equipment=HOME, session_minutes=minutes), CATALOGUE)
    thrusts = {c.sets for c in beginner.candidates if c.exercise.is_hip_thrust_family}
    assert thrusts == ({2} if minutes <= 30 else {3})


# ---------------------------------------------------------------------------- superset pairs


def test_pairs_only_when_the_client_asks_for_them() -> None:
    assert prepare(profile(equipment=HOME, session_minutes=30), CATALOGUE).pairs == {}
    asked = prepare(profile(equipment=HOME, session_minutes=30, supersets=True), CATALOGUE)
    assert set(asked.pairs) == {0, 1, 2}


@pytest.mark.parametrize("minutes", [90, 180])
def test_no_pairs_when_the_session_has_time_to_spare(minutes: int) -> None:
    client = profile(equipment=HOME, session_minutes=minutes, supersets=True)
    assert prepare(client, CATALOGUE).pairs == {}


def test_only_the_days_that_could_run_over_get_pairs() -> None:
    # Four general days of an hour for an intermediate: the lower days could run long,
    # the upper days cannot, so they keep their full rests.
    client = profile(
        equipment=HOME,
        goal="general",
        level="intermediate",
        session_minutes=60,
        supersets=True,
        days_per_week=4,
    )
    data = prepare(client, CATALOGUE)
    assert [d.focus for d in data.split.days] == ["lower", "upper", "lower", "upper"]
    assert set(data.pairs) == {0, 2}


def test_every_prepared_pair_is_sound_and_saves_time() -> None:
    data = prepare(profile(equipment=HOME, session_minutes=30, supersets=True), CATALOGUE)
    for day, pairs in data.pairs.items():
        patterns = data.split.days[day].patterns
        for pair in pairs:
            a, b = pair.first, pair.second
            assert a.id < b.id
            assert a.exercise.mechanic is b.exercise.mechanic and a.sets == b.sets
            assert pairing_problem(a.exercise, b.exercise) is None
            assert {a.exercise.pattern, b.exercise.pattern} <= patterns
            assert pair.saving > 0


def test_a_pair_saves_the_rest_the_two_share() -> None:
    client = two_day_profile(equipment=HOME)
    squat = make_candidate(CATALOGUE["goblet_squat"], client)
    row = make_candidate(CATALOGUE["dumbbell_row"], client)
    pair = make_pair(row, squat)
    assert pair is not None and pair.id == "dumbbell_row+goblet_squat"
    apart = sum(exercise_seconds(c.sets, c.work_seconds, c.rest_seconds) for c in (squat, row))
    together = superset_seconds(
        squat.sets, (squat.work_seconds, row.work_seconds), (squat.rest_seconds, row.rest_seconds)
    )
    assert pair.saving == apart - together > 0


def test_a_pair_holds_two_of_a_kind_with_the_same_sets() -> None:
    client = two_day_profile()
    by_id = {e.id: make_candidate(e, client) for e in basic_exercises()}
    # A compound with an isolation exercise would break compounds-before-isolation.
    assert make_pair(by_id["push_up"], by_id["dead_bug"]) is None
    assert make_pair(by_id["push_up"], by_id["row"]) is not None
    # Pairs share each rest, so both must have the same number of sets.
    assert make_pair(replace(by_id["push_up"], sets=4), by_id["row"]) is None
