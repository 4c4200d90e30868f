"""Weekly templates and profiles built by hand, so progression is tested without the solver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.planner.progression.assembly import assemble_program
from thrustplan.planner.template import (
    PlannedExercise,
    PlannedSession,
    WeeklyTemplate,
    pairing_note,
)
from thrustplan.rules.prescription import prescribe
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import Program, SolveReport
from thrustplan.rules.timing import session_minutes, superset_seconds

REPORT = SolveReport(status="optimal", objective=0, best_bound=0, gap=0, candidates=0)


def profile(**fields: Any) -> ClientProfile:
    """A three-day glutes beginner with an hour a session, changed by ``fields``."""
    base: dict[str, Any] = {
        "name": "Test client",
        "goal": "glutes",
        "level": "beginner",
        "days_per_week": 3,
        "session_minutes": 60,
        "weeks": 8,
    }
    return ClientProfile.model_validate(base | fields)


def planned(exercise: Exercise, client: ClientProfile, sets: int = 3) -> PlannedExercise:
    return PlannedExercise(
        exercise=exercise,
        sets=sets,
        prescription=prescribe(exercise, client.goal, client.level),
        reason=f"{exercise.name} for the test",
    )


#: One item of a hand-built session: an exercise id, an (id, sets) pair, or a list of two
#: ids done as a superset of three sets.
Item = str | tuple[str, int] | list[str]


def _superset(
    ids: list[str], letter: str, client: ClientProfile, catalogue: Catalogue
) -> tuple[PlannedExercise, PlannedExercise]:
    first, second = (planned(catalogue[i], client) for i in ids)
    return (
        replace(
            first,
            superset=letter,
            reason=f"{first.reason}; {pairing_note(second.exercise, letter + '2')}",
        ),
        replace(
            second,
            superset=letter,
            reason=f"{second.reason}; {pairing_note(first.exercise, letter + '1')}",
        ),
    )


def _seconds(exercises: Sequence[PlannedExercise]) -> int:
    total, index = 0, 0
    while index < len(exercises):
        step = exercises[index : index + (2 if exercises[index].superset else 1)]
        works = [p.exercise.work_seconds for p in step]
        total += superset_seconds(step[0].sets, works, [p.prescription.rest_seconds for p in step])
        index += len(step)
    return total


def template(
    client: ClientProfile,
    sessions: Sequence[Sequence[Item]],
    catalogue: Catalogue | None = None,
    focus: str = "full body",
) -> WeeklyTemplate:
    """A template with one session per training day of ``client``: each session a list of
    exercise ids, (id, sets) pairs or two-id superset lists, in order."""
    catalogue = catalogue or builtin_catalogue()
    built = []
    for day, items in zip(client.training_days, sessions, strict=True):
        exercises: list[PlannedExercise] = []
        letters = iter("ABCD")
        for item in items:
            if isinstance(item, list):
                exercises.extend(_superset(item, next(letters), client, catalogue))
                continue
            exercise_id, sets = item if isinstance(item, tuple) else (item, 3)
            exercises.append(planned(catalogue[exercise_id], client, sets))
        seconds = _seconds(exercises)
        built.append(
            PlannedSession(
                day=day, focus=focus, exercises=tuple(exercises), minutes=session_minutes(seconds)
            )
        )
    return WeeklyTemplate(split="full body", sessions=tuple(built), report=REPORT)


def program(
    client: ClientProfile,
    sessions: Sequence[Sequence[Item]],
    catalogue: Catalogue | None = None,
) -> Program:
    """A whole programme from hand-built sessions, as the generator would assemble it."""
    catalogue = catalogue or builtin_catalogue()
    weekly = template(client, sessions, catalogue)
    return assemble_program(client, weekly, catalogue, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
