"""Solving the weekly model: plans the checker accepts, impossible requests explained,
sessions in training order, and the solver settings honoured."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pydantic
import pytest
from ortools.sat.python import cp_model

from tests.factories import (
    SOLVER,
    basic_exercises,
    model_input,
    profile,
    program_from_template,
    two_day_profile,
)
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.model.candidates import ModelInput, make_candidate, make_pair, prepare
from thrustplan.planner.model.cuts import (
    bound_sets_by_time,
    least_points_for_sets,
    lower_hull,
    most_sets_in,
    price_sets_by_time,
)
from thrustplan.planner.model.rule_model import RuleModel, session_seconds
from thrustplan.planner.model.rulebook import HARD_RULES, build
from thrustplan.planner.model.rules_soft import EMPTY_SLOT_WEIGHT, FIT_WEIGHT, LEVEL_WEIGHT
from thrustplan.planner.model.solve import (
    InfeasibleRequest,
    SolverSettings,
    _parameters,
    conflicting_rules,
    order_key,
    reason,
    session_steps,
    solve_input,
    solve_week,
)
from thrustplan.planner.model.symmetry import break_day_symmetry, interchangeable_days
from thrustplan.planner.template import WeeklyTemplate
from thrustplan.rules.checker import check_program
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.timing import exercise_seconds

CATALOGUE = builtin_catalogue()
HOME = ["dumbbells", "bench"]
STATEMENTS = {rule.name: rule.statement for rule in HARD_RULES}


def _checked(client: ClientProfile, template: WeeklyTemplate) -> None:
    violations = check_program(program_from_template(client, template, CATALOGUE), CATALOGUE)
    assert violations == [], [str(v) for v in violations]


# ----------------------------------------------------------------------------- plans


def test_a_small_profile_gets_a_plan_the_checker_accepts() -> None:
    client = profile(equipment=HOME, days_per_week=2, weeks=4)
    template = solve_week(client, CATALOGUE, SOLVER)
    assert [s.day for s in template.sessions] == list(client.training_days)
    assert template.split == "full body"
    assert template.report.status == "optimal" and template.report.gap == 0
    assert template.report.candidates == len(prepare(client, CATALOGUE).candidates)
    # The solver's own measure of its work: the same again for the same request.
    assert template.report.deterministic_seconds > 0
    again = solve_week(client, CATALOGUE, SOLVER).report.deterministic_seconds
    assert again == template.report.deterministic_seconds
    assert all(s.minutes <= client.session_minutes for s in template.sessions)
    _checked(client, template)


def test_short_sessions_with_supersets_get_lettered_pairs_the_checker_accepts() -> None:
    client = profile(
        equipment=HOME,
        goal="general",
        level="advanced",
        days_per_week=2,
        weeks=4,
        session_minutes=30,
        supersets=True,
    )
    template = solve_week(client, CATALOGUE, SOLVER)
    letters = [[p.superset for p in s.exercises if p.superset] for s in template.sessions]
    assert any(letters), "30 minutes cannot hold this week in straight sets"
    for session in letters:
        # Each letter names two exercises done back to back, lettered in session order.
        assert session == sorted(session)
        assert all(session.count(letter) == 2 for letter in session)
        assert "".join(dict.fromkeys(session)) == "ABCDEFG"[: len(set(session))]
    _checked(client, template)


def test_the_same_request_gives_the_same_plan() -> None:
    client = profile(equipment=HOME, days_per_week=3, weeks=4)
    assert solve_week(client, CATALOGUE, SOLVER) == solve_week(client, CATALOGUE, SOLVER)


# ------------------------------------------------------------------- impossible requests


def test_an_impossible_request_names_the_rules_in_conflict_and_a_fix() -> None:
    data = model_input(two_day_profile(session_minutes=15), basic_exercises())
    with pytest.raises(InfeasibleRequest) as caught:
        solve_input(data, SOLVER)
    error = caught.value
    assert error.rules == ["session_fits_time", "full_body_balance"]
    message = str(error)
    assert message.startswith("2 sessions of 15 minutes with this equipment cannot meet")
    for name in error.rules:
        assert f"{name} ({STATEMENTS[name]})" in message
    assert error.fix == "To fix it: allow 20 minutes per session."
    assert message.endswith(error.fix)


def test_when_no_change_of_time_or_days_helps_the_fix_asks_for_equipment() -> None:
    no_thrust = basic_exercises()[1:]
    with pytest.raises(InfeasibleRequest) as caught:
        solve_input(model_input(two_day_profile(), no_thrust), SOLVER)
    assert caught.value.rules == ["hip_thrust_every_week"]
    assert caught.value.fix.startswith("Add equipment")


def test_a_feasible_request_has_no_rules_in_conflict() -> None:
    data = model_input(two_day_profile(), basic_exercises())
    assert conflicting_rules(data, SOLVER) == []


# ----------------------------------------------------------------------- session order


def test_the_hip_thrust_comes_first_then_compounds_then_isolation() -> None:
    client = two_day_profile()
    by_id = {e.id: make_candidate(e, client) for e in basic_exercises()}
    chosen = [by_id[i] for i in ("dead_bug", "push_up", "bridge", "squat")]
    steps = session_steps(chosen, [])
    assert [s[0].id for s in steps] == ["bridge", "squat", "push_up", "dead_bug"]
    assert sorted(chosen, key=order_key) == [s[0] for s in steps]


def test_a_superset_pair_is_one_step_in_its_place() -> None:
    client = two_day_profile()
    by_id = {e.id: make_candidate(e, client) for e in basic_exercises()}
    pair = make_pair(by_id["row"], by_id["push_up"])
    assert pair is not None
    chosen = [by_id[i] for i in ("row", "dead_bug", "push_up", "bridge")]
    steps = session_steps(chosen, [pair])
    assert [[c.id for c in step] for step in steps] == [
        ["bridge"],
        ["push_up", "row"],
        ["dead_bug"],
    ]


def test_the_reason_says_why_an_exercise_is_where_it_is() -> None:
    client = profile(favourites=["goblet_squat"])
    thrust = make_candidate(CATALOGUE["dumbbell_hip_thrust"], client)
    squat = make_candidate(CATALOGUE["goblet_squat"], client)
    plank = make_candidate(CATALOGUE["plank"], client)
    assert reason(thrust, 1).endswith(
        "you have dumbbells and flat bench; first, while you are fresh"
    )
    assert "early, while you are fresh" in reason(thrust, 2)
    assert "compound work for quadriceps" in reason(squat, 2)
    assert reason(squat, 2).endswith("; one of your favourites")
    assert "needs no equipment" in reason(plank, 5)


# ------------------------------------------------------------------------------ settings


def test_the_default_settings_are_fixed_so_plans_repeat() -> None:
    settings = SolverSettings()
    assert (settings.workers, settings.seed) == (1, 0)
    assert settings.deterministic_limit > 0


@pytest.mark.parametrize(
    "field", [{"time_limit_seconds": 0}, {"deterministic_limit": -1}, {"workers": 0}]
)
def test_settings_refuse_limits_that_would_not_let_the_solver_run(field: dict[str, int]) -> None:
    with pytest.raises(pydantic.ValidationError):
        SolverSettings.model_validate(field)


def test_the_solver_is_given_the_settings() -> None:
    settings = SolverSettings(time_limit_seconds=7, deterministic_limit=3, workers=2, seed=11)
    parameters = _parameters(settings).parameters
    assert parameters.max_time_in_seconds == 7
    assert parameters.max_deterministic_time == 3
    assert (parameters.num_workers, parameters.random_seed) == (2, 11)


def test_a_second_solve_gets_only_what_the_first_left_of_the_limits() -> None:
    settings = SolverSettings(time_limit_seconds=7, deterministic_limit=3)
    model = cp_model.CpModel()
    model.add(model.new_int_var(0, 10, "x") >= 3)
    first = _parameters(settings)
    assert first.solve(model) == cp_model.OPTIMAL
    second = _parameters(settings, spent=[first]).parameters
    assert second.max_time_in_seconds == pytest.approx(7 - first.wall_time)
    spent = first.response_proto.deterministic_time
    assert second.max_deterministic_time == pytest.approx(3 - spent)


# ------------------------------------------------------------------ search aids, not rules


def test_interchangeable_days_are_alike_and_alike_in_their_neighbours() -> None:
    # Monday, Wednesday and Friday full-body days: no day is beside another, all swap.
    three = prepare(profile(equipment=HOME, days=["mon", "wed", "fri"]), CATALOGUE)
    assert interchangeable_days(three) == [[0, 1, 2]]
    # Monday, Tuesday, Friday: Monday and Tuesday are beside each other, and Friday is
    # beside neither; swapping Friday with Monday would change who follows whom.
    uneven = prepare(profile(equipment=HOME, days=["mon", "tue", "fri"]), CATALOGUE)
    assert interchangeable_days(uneven) == [[0, 1]]


def _solved_without_and_with(
    data: ModelInput, aid: Callable[[RuleModel], None]
) -> list[tuple[RuleModel, cp_model.CpSolver]]:
    """The week solved to proven optimality twice: as built, and with the search ``aid``."""
    solved = []
    for aided in (False, True):
        m = build(data)
        if aided:
            aid(m)
        solver = _parameters(SOLVER)
        assert solver.solve(m.model) == cp_model.OPTIMAL
        solved.append((m, solver))
    return solved


def _best_scores_with_and_without_ordered_days(data: ModelInput) -> int:
    """How many different optima the model proves with and without symmetry breaking."""
    return len({s.objective_value for _, s in _solved_without_and_with(data, break_day_symmetry)})


def test_symmetry_breaking_keeps_the_best_plan() -> None:
    data = prepare(profile(equipment=HOME, days=["mon", "wed", "fri"]), CATALOGUE)
    assert _best_scores_with_and_without_ordered_days(data) == 1


def test_a_day_named_by_an_include_keeps_its_place_and_the_best_plan() -> None:
    # The trainer puts a B-stance thrust on Monday. Were Monday still ordered among its
    # twins, the week whose Monday is best for the thrust could be ordered away: 14,760
    # points instead of the best week's 14,640.
    client = profile(
        goal="glutes", level="intermediate", equipment=HOME, days=["mon", "wed", "fri"],
        session_minutes=60,
        include=[{"exercise": "dumbbell_b_stance_hip_thrust", "day": "mon"}],
    )  # fmt: skip
    data = prepare(client, CATALOGUE)
    assert interchangeable_days(data) == [[1, 2]]
    assert _best_scores_with_and_without_ordered_days(data) == 1


def _short_week_with_supersets() -> ModelInput:
    """A general week of 30-minute sessions at home with supersets: time binds."""
    client = profile(
        goal="general", level="intermediate", equipment=HOME, session_minutes=30,
        supersets=True,
    )  # fmt: skip
    return prepare(client, CATALOGUE)


def test_the_time_bound_on_a_sessions_sets_keeps_the_best_week() -> None:
    # The bound is under what the skeleton's slots hold, every solved session stays
    # within it, and the week proven best does not change.
    data = _short_week_with_supersets()
    m = build(data)
    bounds = [most_sets_in(m, d) for d in m.vars.days]
    for d, bound in enumerate(bounds):
        slots = data.slot_options(d)
        assert bound < sum(max(c.sets for c in options) for options in slots if options)
    solved = _solved_without_and_with(data, bound_sets_by_time)
    for m, solver in solved:
        for d, chosen in m.vars.extract(solver).items():
            assert sum(c.sets for c in chosen) <= bounds[d]
    assert len({solver.objective_value for _, solver in solved}) == 1


def test_the_price_of_a_sessions_sets_keeps_the_best_week() -> None:
    # A session packed with sets needs quick exercises, which cost fit points. Every
    # solved session pays at least the least its sets could cost, and the cut keeps the
    # week proven best.
    data = _short_week_with_supersets()
    m = build(data)
    least = {d: least_points_for_sets(m, d) for d in m.vars.days}
    # The slots a coach would fill: an empty one costs its points.
    priced = {
        d: [
            s
            for s, slot in enumerate(m.vars.slots(d))
            if data.slot_options(d)[s] and not slot.insisted
        ]
        for d in m.vars.days
    }
    for d, curve in least.items():
        # The empty session pays for each of them; the fullest costs more than the cheapest.
        assert curve[0] == EMPTY_SLOT_WEIGHT * len(priced[d])
        assert curve[max(curve)] > min(curve.values())
    solved = _solved_without_and_with(data, price_sets_by_time)
    for m, solver in solved:
        for d, chosen in m.vars.extract(solver).items():
            sets = sum(solver.value(m.vars.sets_of(d, c)) for c in chosen)
            empty = [s for s in priced[d] if not solver.value(sum(m.vars.slot_fill(d, s)))]
            fit = sum(FIT_WEIGHT * c.cost + LEVEL_WEIGHT * c.level_gap for c in chosen)
            assert fit + EMPTY_SLOT_WEIGHT * len(empty) >= least[d][sets]
    assert len({solver.objective_value for _, solver in solved}) == 1


def test_a_lower_hull_lies_under_every_point() -> None:
    points = {0: 600, 2: 500, 3: 600, 4: 400, 6: 300, 8: 290, 11: 290, 13: 340, 14: 780}
    hull = lower_hull(points)
    assert hull[0] == (0, 600) and hull[-1] == (14, 780)
    for (x1, y1), (x2, y2) in itertools.pairwise(hull):
        for x, y in points.items():
            # Each edge's line, extended, stays on or under every point.
            assert (x2 - x1) * y >= (x2 - x1) * y1 + (y2 - y1) * (x - x1)


def test_superset_literals_are_one_per_neighbouring_slots_however_many_pairs() -> None:
    client = profile(equipment=HOME, session_minutes=30, supersets=True)
    data = prepare(client, CATALOGUE)
    m = build(data)
    for d in m.vars.days:
        # Many more pairs than places for them: the slots keep the model small.
        assert len(m.vars.supersets(d)) <= len(m.vars.slots(d)) - 1 < len(data.pairs[d])
    # And solving with pairs proves its plan the best there is.
    assert solve_input(data, SOLVER).report.status == "optimal"


def test_joined_slots_save_exactly_what_their_pair_saves() -> None:
    client = profile(equipment=HOME, session_minutes=30, supersets=True)
    data = prepare(client, CATALOGUE)
    pairs = data.pairs[0]
    # Two partners of unequal rests: the pair saves the smaller rest, once a set.
    pair = next(p for p in pairs if p.first.rest_seconds != p.second.rest_seconds)
    both = (pair.first, pair.second)
    apart = sum(exercise_seconds(c.sets, c.work_seconds, c.rest_seconds) for c in both)
    assert pair.saving == (pair.first.sets - 1) * min(c.rest_seconds for c in both)
    for joined in (False, True):
        m = RuleModel(data)  # the model's structure alone, without the rules
        for c in m.vars.candidates():
            m.vars.fix(0, c, c in both)
        m.vars.fix_pair(0, pair, joined)
        solver = _parameters(SOLVER)
        assert solver.solve(m.model) == cp_model.OPTIMAL
        assert solver.value(session_seconds(m, 0)) == apart - joined * pair.saving
        assert solver.value(sum(m.vars.supersets(0))) == joined
