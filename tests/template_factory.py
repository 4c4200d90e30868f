"""Weekly templates and profiles built by hand, so progression is tested without the solver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from exercise_db.catalogue import Catalogue, builtin_catalogue
from exercise_db.models import Exercise
from planner.profile import ClientProfile
from planner.program import Program, SolveReport
from planner.progression import build_weeks
from planner.template import PlannedExercise, PlannedSession, WeeklyTemplate
from rules.prescription import prescribe
from rules.timing import exercise_seconds, session_minutes
from rules.volume import weekly_sets, weekly_targets

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


def template(
    client: ClientProfile,
    sessions: Sequence[Sequence[str | tuple[str, int]]],
    catalogue: Catalogue | None = None,
    focus: str = "full body",
) -> WeeklyTemplate:
    """A template with one session per training day of ``client``: each session a list of
    exercise ids, or (id, sets) pairs, in order."""
    catalogue = catalogue or builtin_catalogue()
    built = []
    for day, ids in zip(client.training_days, sessions, strict=True):
        exercises = []
        for item in ids:
            exercise_id, sets = item if isinstance(item, tuple) else (item, 3)
            exercises.append(planned(catalogue[exercise_id], client, sets))
        seconds = sum(
            exercise_seconds(p.sets, p.exercise.work_seconds, p.prescription.rest_seconds)
            for p in exercises
        )
        built.append(
            PlannedSession(
                day=day, focus=focus, exercises=tuple(exercises), minutes=session_minutes(seconds)
            )
        )
    return WeeklyTemplate(split="full body", sessions=tuple(built), report=REPORT)


def program(
    client: ClientProfile,
    sessions: Sequence[Sequence[str | tuple[str, int]]],
    catalogue: Catalogue | None = None,
) -> Program:
    """A whole programme from hand-built sessions, as the generator would assemble it."""
    catalogue = catalogue or builtin_catalogue()
    weekly = template(client, sessions, catalogue)
    result = build_weeks(client, weekly, catalogue)
    planned = weekly_sets((p.exercise, p.sets) for s in weekly.sessions for p in s.exercises)
    return Program(
        generated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        profile=client,
        catalogue=catalogue.name,
        catalogue_fingerprint=catalogue.fingerprint,
        split=weekly.split,
        progression=result.scheme,
        weekly_sets=planned,
        weekly_targets=weekly_targets(client.goal, client.level),
        solve=[weekly.report],
        weeks=result.weeks,
    )
