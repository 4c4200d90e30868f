"""Rep-max arithmetic: the formulas' endpoints and the tables' shape."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.rules.standards import STANDARDS, hip_thrust_max_estimate, standard_max
from thrustplan.rules.strength import (
    MAX_TRUSTED_REPS,
    RIR_CHART,
    barbell_share,
    brzycki,
    epley,
    estimate_max,
    load_for,
    max_from_set,
    percent_of_max,
    rir_from_rpe,
    transfer_ratio,
)


def test_formulas_agree_at_one_and_ten_reps() -> None:
    assert epley(100, 1) == brzycki(100, 1) == 100
    assert epley(100, 10) == pytest.approx(brzycki(100, 10), rel=1e-3)


def test_trust_ends_at_ten_reps() -> None:
    assert estimate_max(50, MAX_TRUSTED_REPS).trusted
    assert not estimate_max(50, MAX_TRUSTED_REPS + 1).trusted
    assert estimate_max(50, 5, "brzycki").one_rep_max == pytest.approx(50 * 36 / 32)


def test_percent_table_endpoints() -> None:
    assert percent_of_max(1, 0) == 1.0
    assert percent_of_max(10, 0) == 0.739
    # One rep in reserve reads the table one rep further along (RTS).
    assert percent_of_max(5, 1) == percent_of_max(6, 0)
    with pytest.raises(ValueError):
        percent_of_max(0)


@given(st.integers(1, 29), st.integers(0, 5))
def test_more_reps_or_reserve_means_lighter(reps: int, rir: int) -> None:
    assert percent_of_max(reps + 1, rir) <= percent_of_max(reps, rir)
    assert percent_of_max(reps, rir + 1) <= percent_of_max(reps, rir)


@given(st.floats(10, 400), st.integers(1, 15), st.integers(0, 4))
def test_load_for_and_max_from_set_are_inverse(one_rm: float, reps: int, rir: int) -> None:
    assert max_from_set(load_for(one_rm, reps, rir), reps, rir) == pytest.approx(one_rm)


def test_rpe_and_rir() -> None:
    assert rir_from_rpe(10) == 0 and rir_from_rpe(7) == 3


def test_bodyweight_estimate_is_conservative() -> None:
    # An intermediate gets the novice standard, an advanced lifter the intermediate one.
    assert hip_thrust_max_estimate(60, Level.INTERMEDIATE) == pytest.approx(56, abs=0.5)
    assert hip_thrust_max_estimate(60, Level.ADVANCED) == pytest.approx(93)
    assert hip_thrust_max_estimate(120, Level.BEGINNER) == pytest.approx(60)


def test_transfers_between_siblings() -> None:
    c = builtin_catalogue()
    thrust, dumbbell = c["barbell_hip_thrust"], c["dumbbell_hip_thrust"]
    assert transfer_ratio(thrust, dumbbell) == 0.8
    assert transfer_ratio(dumbbell, thrust) == pytest.approx(1.25)
    assert transfer_ratio(c["romanian_deadlift"], c["dumbbell_romanian_deadlift"]) == 0.4
    assert transfer_ratio(thrust, c["glute_bridge"]) is None  # unloaded
    single = transfer_ratio(thrust, c["weighted_single_leg_hip_thrust"])
    assert single is not None and single < 0.5


def test_the_effort_chart_is_one_table_read_at_reps_plus_reserve() -> None:
    assert len(RIR_CHART) == 12 and RIR_CHART[0] == 100 and RIR_CHART[-1] == 68.0
    # 4 x 10 at RIR 2 uses a 12-rep-max load, about 68 % of 1RM.
    assert percent_of_max(10, 2) == 0.68
    assert all(a > b for a, b in itertools.pairwise(RIR_CHART))


@pytest.mark.parametrize(
    ("source", "target", "ratio"),
    [
        ("barbell_hip_thrust", "dumbbell_hip_thrust", 0.8),
        ("barbell_hip_thrust", "smith_machine_hip_thrust", 1.0),
        ("barbell_hip_thrust", "barbell_glute_bridge", 1.0),
        ("barbell_hip_thrust", "b_stance_hip_thrust", 0.6),
        ("barbell_hip_thrust", "weighted_single_leg_hip_thrust", 0.32),
        ("romanian_deadlift", "dumbbell_romanian_deadlift", 0.4),
        ("bench_press", "dumbbell_bench_press", 0.4),
        ("back_squat", "goblet_squat", 0.8),
        ("lat_pulldown", "lat_pulldown", 1.0),
        ("dumbbell_bench_press", "bench_press", 2.5),
    ],
)
def test_each_transfer_ratio(source: str, target: str, ratio: float) -> None:
    c = builtin_catalogue()
    assert transfer_ratio(c[source], c[target]) == pytest.approx(ratio)
    assert barbell_share(c[target]) / barbell_share(c[source]) == pytest.approx(ratio, abs=1e-3)


def test_starting_standards_are_conservative_and_rise_with_level() -> None:
    c = builtin_catalogue()
    for pattern, standard in STANDARDS.items():
        assert standard.beginner < standard.novice < standard.intermediate, pattern
    thrust = c["barbell_hip_thrust"]
    by_level = [standard_max(thrust, 70, level) for level in Level]
    assert by_level == sorted(by_level)
    # Never above the level's own rung: one below it, the lowest for a beginner.
    assert standard_max(thrust, 70, Level.INTERMEDIATE) == pytest.approx(70 * 0.93)
