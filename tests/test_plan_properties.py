"""Random valid profiles: every plan passes the independent checker, or is explained."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.model.solve import InfeasibleRequest, SolverSettings
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.checker import check_program
from thrustplan.rules.profile import ClientProfile

CATALOGUE = builtin_catalogue()
SOLVER = SolverSettings(time_limit_seconds=5, deterministic_limit=5)

EQUIPMENT_SETS = {
    "bodyweight only": [],
    "bands only": ["bands", "mini_bands"],
    "dumbbells and bench": ["dumbbells", "bench"],
    "bands, dumbbells and bench": ["bands", "mini_bands", "dumbbells", "bench"],
    "full gym": [
        "barbell", "squat_rack", "bench", "dumbbells", "kettlebells", "cable", "smith_machine",
        "hip_thrust_machine", "leg_press", "leg_curl_machine", "pull_up_bar", "ghd", "bands",
        "mini_bands", "box", "back_extension_bench", "hip_abduction_machine", "machine_stack",
    ],
}  # fmt: skip

profiles = st.builds(
    lambda equipment, days, minutes, goal, level, supersets: ClientProfile(
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
    goal=st.sampled_from(["glutes", "hypertrophy", "strength", "general"]),
    level=st.sampled_from(["beginner", "intermediate", "advanced"]),
    supersets=st.booleans(),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_every_plan_passes_the_checker_or_is_explained(profile: ClientProfile) -> None:
    try:
        program = generate_program(profile, CATALOGUE, SOLVER, now=dt.datetime(2027, 1, 1))
    except InfeasibleRequest as error:
        assert error.rules, "an infeasible request must name the rules in conflict"
        assert "fix" in str(error).lower() or "add equipment" in str(error).lower()
        return
    violations = check_program(program, CATALOGUE)
    assert violations == [], [str(v) for v in violations]


def test_same_profile_gives_the_same_program() -> None:
    profile = ClientProfile(
        name="Twice", goal="glutes", level="intermediate", days_per_week=4,
        session_minutes=60, weeks=6, equipment=EQUIPMENT_SETS["full gym"],
    )  # fmt: skip
    now = dt.datetime(2027, 1, 1)
    first = generate_program(profile, CATALOGUE, SOLVER, now=now).model_dump_json()
    second = generate_program(profile, CATALOGUE, SOLVER, now=now).model_dump_json()
    assert first == second
