"""The independent checker: a clean plan passes, and each hard rule broken by hand is caught."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import PROGRAMME_BREAKERS_BY_POPULATION, PROGRAMME_BREAKERS_OF_SANITY
from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.checker import CHECKS, check_program
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import Include, Weekday
from thrustplan.rules.program import ExerciseEntry, Program, Week
from thrustplan.rules.sessions import GLUTE_MUSCLES

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


def _thrusts(entries: list[ExerciseEntry]) -> list[ExerciseEntry]:
    return [e for e in entries[:1] if CATALOGUE[e.exercise_id].is_hip_thrust_family]


def _drop_week(week: Week, unwanted: Callable[[Exercise], bool]) -> None:
    for session in week.sessions:
        session.exercises[:] = [
            e for e in session.exercises if not unwanted(CATALOGUE[e.exercise_id])
        ]


def _drop(p: Program, unwanted: Callable[[Exercise], bool], sessions: int | None = None) -> None:
    """Remove ``unwanted`` exercises from week 1 (only its first ``sessions``, if given)."""
    week = p.weeks[0]
    if sessions is None:
        _drop_week(week, unwanted)
        return
    for session in week.sessions[:sessions]:
        session.exercises[:] = [
            e for e in session.exercises if not unwanted(CATALOGUE[e.exercise_id])
        ]


def _without_opening_thrust(p: Program) -> None:
    for _ in _thrusts(_first(p)):
        _first(p).pop(0)


def _two_lunges(p: Program) -> None:
    _append("reverse_lunge")(p)
    _append("walking_lunge")(p)


def _first_session_without_glutes(p: Program) -> None:
    _drop(p, lambda x: bool(set(x.primary_muscles) & GLUTE_MUSCLES), sessions=1)


def _without_abduction(p: Program) -> None:
    _drop(p, lambda x: x.pattern == "hip_abduction")


def _without_hinge(p: Program) -> None:
    _drop(p, lambda x: x.pattern == "hinge")


def _one_set_pulls(p: Program) -> None:
    for session in p.weeks[0].sessions:
        for entry in session.exercises:
            if CATALOGUE[entry.exercise_id].pattern in ("horizontal_pull", "vertical_pull"):
                entry.sets = 1


def _without_back_squat(p: Program) -> None:
    for week in p.weeks:
        _drop_week(week, lambda x: x.id == "back_squat")


def _as_a_strength_plan(p: Program) -> None:
    """The glute plan as a strength plan: its lower and upper days hold no bench press."""
    p.profile.goal = Goal.STRENGTH
    for session in p.weeks[0].sessions:
        session.focus = session.focus.split()[0]


def _exclude_the_opener(p: Program) -> None:
    p.profile.exclude = [_first(p)[0].exercise_id]


def _unplanned(p: Program) -> str:
    """An exercise of the catalogue that the plan holds in no form (nor a variation)."""
    held = {e.exercise_id for w in p.weeks for s in w.sessions for e in s.exercises}
    return next(
        x.id
        for x in CATALOGUE.values()
        if x.id not in held and not x.easier and not x.harder and x.id not in p.profile.exclude
    )


def _include_on_monday(p: Program) -> None:
    p.profile.include = [Include(exercise=_unplanned(p), day=Weekday.MON)]


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
    "session_skeleton": _without_opening_thrust,
    "no_duplicate_variants": _two_lunges,
    "glute_move_every_session": _first_session_without_glutes,
    "abduction_every_week": _without_abduction,
    "hinge_every_week": _without_hinge,
    "pull_push_balance": _one_set_pulls,
    "lifts_that_matter": _without_back_squat,
    "strength_lifts_weekly": _as_a_strength_plan,
    "trainer_includes": _include_on_monday,
    "trainer_excludes": _exclude_the_opener,
}


# Rules held by the prescription (pregnancy, rep ceilings) break the same way on any plan.
BREAKERS.update(PROGRAMME_BREAKERS_BY_POPULATION)
# Rules on the numbers themselves break the same way on any plan too.
BREAKERS.update(PROGRAMME_BREAKERS_OF_SANITY)


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
    weekly = (
        "hip_thrust_every_week", "weekly_sets_ceiling", "full_body_balance",
        "abduction_every_week", "hinge_every_week", "pull_push_balance", "lifts_that_matter",
        "strength_lifts_weekly",
        "pregnancy_warning_signs", "programme_not_empty",
    )  # fmt: skip
    if rule not in weekly:
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


def test_trainer_includes_holds_for_the_exercise_or_a_variation_on_its_day(
    program: Program,
) -> None:
    opener = _first(program)[0].exercise_id
    day = program.weeks[0].sessions[0].day
    included = _break(
        program, lambda p: setattr(p.profile, "include", [Include(exercise=opener, day=day)])
    )
    assert list(CHECKS["trainer_includes"](included, CATALOGUE)) == []
    # Any day will do when none is named; a variation counts, as progression moves along them.
    planned = [e.exercise_id for s in program.weeks[0].sessions for e in s.exercises]
    linked = next(x for x in CATALOGUE.values() if set(planned) & {*x.easier, *x.harder} - {x.id})
    varied = _break(program, lambda p: setattr(p.profile, "include", [Include(exercise=linked.id)]))
    assert list(CHECKS["trainer_includes"](varied, CATALOGUE)) == []


def _strength_session(*steps: str | tuple[str, str]) -> Change:
    """The first session as a strength plan's, made of ``steps``: a pair is a superset."""

    def change(p: Program) -> None:
        p.profile.goal = Goal.STRENGTH
        p.profile.supersets = True
        entries: list[ExerciseEntry] = []
        letters = iter("ABC")
        for step in steps:
            letter = next(letters) if isinstance(step, tuple) else None
            for exercise_id in step if isinstance(step, tuple) else (step,):
                entry = _entry(p, exercise_id, len(entries) + 1)
                entries.append(entry.model_copy(update={"superset": letter}))
        _first(p)[:] = entries

    return change


@pytest.mark.parametrize(
    ("steps", "late"),
    [
        # A main press supersetted with a pull keeps its place among the main lifts.
        (("deadlift", ("overhead_press", "lat_pulldown"), "dumbbell_hip_thrust"), False),
        (("deadlift", "back_squat", "barbell_hip_thrust"), False),
        # Two accessories are not a main lift, paired or not.
        (("deadlift", ("dumbbell_row", "push_up"), "dumbbell_hip_thrust"), True),
        (("deadlift", "lat_pulldown", "dumbbell_hip_thrust"), True),
    ],
)
def test_a_strength_plans_thrust_follows_the_steps_that_hold_main_lifts(
    program: Program, steps: tuple[str | tuple[str, str], ...], late: bool
) -> None:
    session = _break(program, _strength_session(*steps))
    found = list(CHECKS["hip_thrust_early"](session, CATALOGUE))
    assert [(v.week, v.exercise_id) for v in found if v.week == 1] == (
        [(1, steps[-1])] if late else []
    )


def test_supersets_non_competing_keeps_a_plans_main_lifts_alone(program: Program) -> None:
    # The squat and the row compete for nothing, but in a strength plan the squat is a
    # main lift and keeps its full rest; in the glute plan it is a second lift.
    def paired(goal: Goal) -> list[str]:
        def change(p: Program) -> None:
            p.profile.goal = goal
            p.profile.supersets = True
            _append_pair("back_squat", "dumbbell_row")(p)

        found = CHECKS["supersets_non_competing"](_break(program, change), CATALOGUE)
        return [v.message for v in found]

    assert paired(Goal.GLUTES) == []
    assert paired(Goal.STRENGTH) == [
        "superset A competes: barbell back squat is a main lift: it goes alone, with its full rest"
    ]
