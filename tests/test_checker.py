"""The independent checker: a clean plan passes, and each hard rule broken by hand is caught."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.checker import CHECKS, check_program
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import Weekday, load_profile
from thrustplan.rules.program import ExerciseEntry, Program

EXAMPLES = Path(__file__).parents[1] / "examples" / "profiles"
CATALOGUE = builtin_catalogue()
NOW = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def program() -> Program:
    return generate_program(load_profile(EXAMPLES / "full-gym.yaml"), CATALOGUE, now=NOW)


def _entry(program: Program, exercise_id: str, order: int) -> ExerciseEntry:
    template = program.weeks[0].sessions[0].exercises[0]
    exercise = CATALOGUE[exercise_id]
    return template.model_copy(
        update={
            "exercise_id": exercise_id,
            "name": exercise.name,
            "order": order,
            "load": None,
            "load_unit": None,
            "plates": None,
        }
    )


#: A change made in place to a copy of the programme; what it returns is ignored.
Change = Callable[[Program], object]


def _break(program: Program, change: Change) -> Program:
    broken = program.model_copy(deep=True)
    change(broken)
    return broken


def _first(p: Program) -> list[ExerciseEntry]:
    return p.weeks[0].sessions[0].exercises


def _append(exercise_id: str) -> Callable[[Program], None]:
    return lambda p: _first(p).append(_entry(p, exercise_id, len(_first(p)) + 1))


def _append_pair(first: str, second: str) -> Callable[[Program], None]:
    """Add ``first`` and ``second`` to the end of the first session as superset A."""

    def change(p: Program) -> None:
        for exercise_id in (first, second):
            entry = _entry(p, exercise_id, len(_first(p)) + 1)
            _first(p).append(entry.model_copy(update={"superset": "A"}))

    return change


def _both(*changes: Change) -> Change:
    """The changes made one after another."""

    def change(p: Program) -> None:
        for each in changes:
            each(p)

    return change


def _heavy_days_back_to_back(p: Program) -> None:
    p.weeks[0].sessions[1].day = Weekday.TUE
    p.weeks[0].sessions[0].exercises[0] = _entry(p, "barbell_hip_thrust", 1)
    p.weeks[0].sessions[1].exercises[0] = _entry(p, "romanian_deadlift", 1)


def _thirty_sets(p: Program) -> None:
    _first(p)[0].sets = 30


def _general_without_upper_days(p: Program) -> None:
    p.profile.goal = Goal.GENERAL
    for session in p.weeks[0].sessions:
        if "upper" in session.focus:
            session.exercises.clear()


def _reversed_order(p: Program) -> None:
    entries = _first(p)
    for i, entry in enumerate(entries):
        entry.order = len(entries) - i


BREAKERS: dict[str, Change] = {
    "known_exercises": lambda p: _first(p).__setitem__(
        0, _first(p)[0].model_copy(update={"exercise_id": "no_such_move"})
    ),
    "equipment_and_limitations": lambda p: setattr(p.profile, "equipment", ["bench"]),
    "split_focus": lambda p: setattr(p.weeks[0].sessions[1], "focus", "glutes"),
    "one_hip_thrust_per_session": lambda p: _first(p).insert(1, _entry(p, "glute_bridge", 2)),
    "hip_thrust_every_week": lambda p: [
        s.exercises.pop(0) for s in p.weeks[0].sessions if s.focus == "glutes and lower"
    ],
    "session_size": lambda p: del_tail(_first(p), 2),
    "session_fits_time": lambda p: setattr(p.profile, "session_minutes", 20),
    "heavy_sessions_apart": _heavy_days_back_to_back,
    "weekly_sets_ceiling": _thirty_sets,
    "full_body_balance": _general_without_upper_days,
    "no_exercise_twice_in_session": lambda p: _first(p).append(
        _first(p)[1].model_copy(update={"order": len(_first(p)) + 1})
    ),
    "hip_thrust_early": _reversed_order,
    "compound_before_isolation": lambda p: _first(p).insert(0, _entry(p, "side_plank", 0)),
    # The full-gym profile does not ask for supersets, so even a sound pair breaks it.
    "supersets_non_competing": _append_pair("goblet_squat", "dumbbell_row"),
    "prescriptions": lambda p: setattr(_first(p)[0], "target_reps", 99),
}


def del_tail(entries: list[ExerciseEntry], keep: int) -> None:
    del entries[keep:]


def test_a_generated_plan_passes(program: Program) -> None:
    assert check_program(program, CATALOGUE) == []


def test_every_check_has_a_breaking_case() -> None:
    assert set(BREAKERS) == set(CHECKS)


@pytest.mark.parametrize("rule", sorted(CHECKS))
def test_each_broken_rule_is_reported(program: Program, rule: str) -> None:
    broken = _break(program, BREAKERS[rule])
    found = {v.rule for v in CHECKS[rule](broken, CATALOGUE)}
    assert found == {rule}
    violation = next(iter(CHECKS[rule](broken, CATALOGUE)))
    assert violation.message
    if rule not in ("hip_thrust_every_week", "weekly_sets_ceiling", "full_body_balance"):
        assert violation.week == 1 and violation.day is not None


def _asks_for_supersets(p: Program) -> None:
    p.profile.supersets = True


def _split_pair(p: Program) -> None:
    _append_pair("goblet_squat", "dumbbell_row")(p)
    _first(p)[-2].order, _first(p)[-3].order = _first(p)[-3].order, _first(p)[-2].order


def _uneven_pair(p: Program) -> None:
    _append_pair("goblet_squat", "dumbbell_row")(p)
    _first(p)[-2].sets, _first(p)[-1].sets = 3, 2


def _lone_member(p: Program) -> None:
    _append_pair("goblet_squat", "dumbbell_row")(p)
    _first(p)[-1].superset = None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_append_pair("push_up", "dumbbell_shoulder_press"), "both train triceps"),
        (_append_pair("barbell_hip_thrust", "dumbbell_row"), "it goes alone"),
        (_append_pair("romanian_deadlift", "push_up"), "it goes alone"),
        (_append_pair("goblet_squat", "back_squat"), "both are squat movements"),
        (_split_pair, "not back to back"),
        (_uneven_pair, "pairs 3 sets with 2"),
        (_lone_member, "has 1 exercises"),
    ],
)
def test_supersets_non_competing_names_what_is_wrong(
    program: Program, change: Change, message: str
) -> None:
    broken = _break(program, _both(_asks_for_supersets, change))
    found = list(CHECKS["supersets_non_competing"](broken, CATALOGUE))
    assert [v.rule for v in found] == ["supersets_non_competing"]
    assert message in found[0].message


def test_supersets_non_competing_allows_a_sound_pair_when_asked(program: Program) -> None:
    paired = _break(
        program, _both(_asks_for_supersets, _append_pair("goblet_squat", "dumbbell_row"))
    )
    assert list(CHECKS["supersets_non_competing"](paired, CATALOGUE)) == []
