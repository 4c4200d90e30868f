"""Tiny catalogues and profiles for testing one rule of the weekly model at a time."""

from __future__ import annotations

from typing import Any

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.planner.model.candidates import ModelInput, prepare
from thrustplan.planner.model.solve import SolverSettings, solve_input
from thrustplan.planner.template import WeeklyTemplate
from thrustplan.rules.profile import ClientProfile

SETTINGS = SolverSettings(time_limit_seconds=5, deterministic_limit=5)


def exercise(exercise_id: str, pattern: str, primary: tuple[str, ...], **fields: Any) -> Exercise:
    record: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("_", " ").title(),
        "equipment": ("bodyweight",),
        "pattern": pattern,
        "primary_muscles": primary,
        "mechanic": "compound",
        "load_kind": "bodyweight",
    }
    record.update(fields)
    return Exercise.model_validate(record)


def basic_exercises() -> list[Exercise]:
    """One exercise per movement group, all bodyweight: enough for any full-body week."""
    return [
        exercise("bridge", "hip_thrust", ("gluteus_maximus",)),
        exercise("squat", "squat", ("quadriceps",)),
        exercise("good_morning", "hinge", ("hamstrings",)),
        exercise("push_up", "horizontal_push", ("chest",)),
        exercise("row", "horizontal_pull", ("upper_back",)),
        exercise("dead_bug", "core", ("abs",), mechanic="isolation"),
    ]


def profile(**fields: Any) -> ClientProfile:
    data: dict[str, Any] = {
        "name": "Test",
        "goal": "general",
        "level": "intermediate",
        "days_per_week": 2,
        "session_minutes": 60,
        "weeks": 4,
    }
    data.update(fields)
    return ClientProfile.model_validate(data)


def model_input(client: ClientProfile, exercises: list[Exercise]) -> ModelInput:
    return prepare(client, Catalogue(exercises, name="test"))


def solve(client: ClientProfile, exercises: list[Exercise]) -> WeeklyTemplate:
    return solve_input(model_input(client, exercises), SETTINGS)


def chosen_ids(template: WeeklyTemplate) -> list[list[str]]:
    return [[p.exercise.id for p in s.exercises] for s in template.sessions]


def penalty(
    rule_name: str,
    client: ClientProfile,
    exercises: list[Exercise],
    plan: list[list[str]],
    pairs: list[list[tuple[str, str]]] | None = None,
) -> int:
    """The unweighted penalty one soft rule gives a plan fixed by hand (ids per day), with
    the superset pairs of each day in ``pairs`` (none when not given)."""
    from ortools.sat.python import cp_model

    from thrustplan.planner.model.rulebook import SOFT_RULES, RuleModel

    m = RuleModel(model_input(client, exercises))
    _, expression = {r.name: r for r in SOFT_RULES}[rule_name].penalty(m)
    for day in m.vars.days:
        for candidate in m.vars.candidates():
            m.vars.fix(day, candidate, candidate.id in plan[day])
        chosen = {frozenset(ids) for ids in (pairs[day] if pairs else [])}
        prepared = {frozenset((p.first.id, p.second.id)): p for p in m.vars.pairs(day)}
        assert chosen <= set(prepared), f"day {day}: {chosen - set(prepared)} not prepared"
        for ids, pair in prepared.items():
            m.vars.fix_pair(day, pair, ids in chosen)
    m.model.minimize(expression)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(m.model) == cp_model.OPTIMAL
    return round(solver.objective_value)
