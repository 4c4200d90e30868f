"""Loads that exist: plate arithmetic, racks, stacks and unit conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.progression.loads import (
    DEFAULT_BARBELL,
    DEFAULT_DUMBBELLS,
    LoadLadder,
    barbell_loads,
    convert,
    ladder_for,
    plate_breakdown,
    rack_loads,
)
from thrustplan.rules.profile import BarbellKit, Units

plate_weights = st.sampled_from([25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25, 0.5, 45.0, 35.0, 3.0])
kits = st.builds(
    BarbellKit,
    bar=st.sampled_from([10.0, 15.0, 20.0, 45.0]),
    plates=st.dictionaries(plate_weights, st.integers(0, 6), max_size=6),
)


def test_awkward_inventory_makes_only_what_pairs_allow() -> None:
    # Only 2 x 5 kg and 4 x 1.25 kg: a 5 kg pair and two 1.25 kg pairs.
    kit = BarbellKit(bar=20, plates={5: 2, 1.25: 4})
    assert barbell_loads(kit) == (20.0, 22.5, 25.0, 30.0, 32.5, 35.0)
    assert plate_breakdown(35, kit) == plate_breakdown(35.0, kit)
    breakdown = plate_breakdown(35, kit)
    assert breakdown is not None and breakdown.per_side == [5.0, 1.25, 1.25]
    for impossible in (27.5, 36.25, 40, 19):
        assert plate_breakdown(impossible, kit) is None


def test_odd_plate_is_never_used() -> None:
    kit = BarbellKit(bar=20, plates={10: 3})
    assert barbell_loads(kit) == (20.0, 40.0)


def test_home_kit_of_the_issue() -> None:
    kit = BarbellKit(bar=20, plates={10: 2, 5: 2, 2.5: 2})
    loads = barbell_loads(kit)
    assert loads == tuple(20.0 + 5 * i for i in range(8))


def test_default_kits_reach_gym_loads() -> None:
    kg = barbell_loads(DEFAULT_BARBELL[Units.KG])
    assert kg[0] == 20 and kg[-1] >= 200 and 22.5 in kg
    lb = barbell_loads(DEFAULT_BARBELL[Units.LB])
    assert lb[0] == 45 and lb[-1] >= 400 and 50 in lb


@given(kits)
def test_every_barbell_load_has_a_breakdown_that_adds_up(kit: BarbellKit) -> None:
    for load in barbell_loads(kit):
        breakdown = plate_breakdown(load, kit)
        assert breakdown is not None
        assert breakdown.bar + 2 * sum(breakdown.per_side) == pytest.approx(load)
        assert breakdown.per_side == sorted(breakdown.per_side, reverse=True)
        for weight in set(breakdown.per_side):
            assert 2 * breakdown.per_side.count(weight) <= kit.plates[weight]


@given(kits, st.floats(0, 600))
def test_floor_is_an_achievable_load_not_above_the_target(kit: BarbellKit, target: float) -> None:
    ladder = LoadLadder(barbell_loads(kit), Units.KG, "total", kit)
    load = ladder.floor(target)
    assert load in ladder.loads
    assert load <= target + 1e-6 or load == ladder.lightest
    assert ladder.plates(load) is not None
    assert ladder.below(load) <= load
    assert ladder.up(load) >= load


def test_dumbbell_rack_with_gaps_rounds_down_to_what_exists() -> None:
    ladder = LoadLadder(rack_loads([4, 6, 12, 20]), Units.KG, "dumbbell")
    assert ladder.floor(11) == 6
    assert ladder.up(6) == 12
    assert ladder.below(20) == 12
    assert ladder.floor(2) == 4


def test_default_racks() -> None:
    assert DEFAULT_DUMBBELLS[Units.KG][:6] == (2, 4, 6, 8, 10, 12.5)
    assert DEFAULT_DUMBBELLS[Units.KG][-1] == 50
    assert DEFAULT_DUMBBELLS[Units.LB][0] == 5 and DEFAULT_DUMBBELLS[Units.LB][-1] == 100


def test_ladders_follow_the_exercise_and_the_kit() -> None:
    catalogue = builtin_catalogue()
    client = profile(
        units="lb",
        equipment=["barbell", "bench", "dumbbells", "hip_thrust_machine"],
        machine_step=15,
    )
    barbell = ladder_for(catalogue["barbell_hip_thrust"], client)
    assert barbell is not None and barbell.lightest == 45 and barbell.per == "total"
    machine = ladder_for(catalogue["machine_hip_thrust"], client)
    assert machine is not None and machine.loads[:3] == (15, 30, 45)
    dumbbell = ladder_for(catalogue["dumbbell_hip_thrust"], client)
    assert dumbbell is not None and dumbbell.per == "dumbbell" and dumbbell.unit is Units.LB
    assert ladder_for(catalogue["band_hip_thrust"], client) is None


@given(st.floats(0.1, 1000))
def test_kg_lb_round_trip(value: float) -> None:
    there = convert(value, Units.KG, Units.LB)
    assert convert(there, Units.LB, Units.KG) == pytest.approx(value)
    assert there == pytest.approx(value * 2.20462, rel=1e-5)
