"""Random valid profiles: every plan passes the independent checker and prints its real
length, or is explained."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import FULL_GYM, SOLVER, profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.model.solve import InfeasibleRequest
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.checker import check_program
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.review.reading import session_minutes

CATALOGUE = builtin_catalogue()

EQUIPMENT_SETS = {
    "bodyweight only": [],
    "bands only": ["bands", "mini_bands"],
    "dumbbells and bench": ["dumbbells", "bench"],
    "bands, dumbbells and bench": ["bands", "mini_bands", "dumbbells", "bench"],
    "full gym": FULL_GYM,
}

GOALS = ["glutes", "hypertrophy", "strength", "general"]


def profiles(goal: str) -> st.SearchStrategy[ClientProfile]:
    """Random valid profiles of one goal: fifty examples a goal, two hundred in all, in four
    tests that a parallel run can spread over its workers."""
    return st.builds(
        lambda equipment, days, minutes, level, supersets: profile(
            name="Property",
            goal=goal,
            level=level,
            days_per_week=days,
            session_minutes=minutes,
            weeks=2,
            equipment=EQUIPMENT_SETS[equipment],
            supersets=supersets,
        ),
        equipment=st.sampled_from(sorted(EQUIPMENT_SETS)),
        days=st.integers(2, 6),
        minutes=st.integers(20, 120),
        level=st.sampled_from(["beginner", "intermediate", "advanced"]),
        supersets=st.booleans(),
    )


@pytest.mark.parametrize("goal", GOALS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_plan_passes_the_checker_or_is_explained(goal: str, data: st.DataObject) -> None:
    client = data.draw(profiles(goal))
    try:
        program = generate_program(client, CATALOGUE, SOLVER, now=dt.datetime(2027, 1, 1))
    except InfeasibleRequest as error:
        assert error.rules, "an infeasible request must name the rules in conflict"
        assert "fix" in str(error).lower() or "add equipment" in str(error).lower()
        return
    violations = check_program(program, CATALOGUE)
    assert violations == [], [str(v) for v in violations]
    # The printed minutes count every working and ramp-up set, and stay in the client's.
    for week in program.weeks:
        for session in week.sessions:
            taken = session_minutes(session, CATALOGUE)
            assert taken <= session.estimated_minutes <= client.session_minutes, (
                week.number,
                session.day,
                taken,
                session.estimated_minutes,
            )


def test_same_profile_gives_the_same_program() -> None:
    client = profile(level="intermediate", days_per_week=4, weeks=6, equipment=FULL_GYM)
    now = dt.datetime(2027, 1, 1)
    first = generate_program(client, CATALOGUE, SOLVER, now=now).model_dump_json()
    second = generate_program(client, CATALOGUE, SOLVER, now=now).model_dump_json()
    assert first == second
