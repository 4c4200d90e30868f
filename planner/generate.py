"""The one library call behind the CLI, the batch runner and any future web app."""

from __future__ import annotations

import datetime as dt

from exercise_db.catalogue import Catalogue
from planner.profile import ClientProfile
from planner.program import Program
from planner.progression import build_weeks
from planner.solve import SolverSettings, solve_week
from rules.populations import cautions
from rules.volume import weekly_sets, weekly_targets


def generate_program(
    profile: ClientProfile,
    catalogue: Catalogue,
    settings: SolverSettings | None = None,
    *,
    now: dt.datetime | None = None,
) -> Program:
    """Solve the weekly template, progress it over the weeks, and return the programme.

    Raises ``planner.solve.InfeasibleRequest`` when no plan meets the hard rules.
    The same profile, catalogue and settings give the same programme; only
    ``generated_at`` (``now``, by default the current time) differs between runs.
    """
    template = solve_week(profile, catalogue, settings)
    progression = build_weeks(profile, template, catalogue)
    planned = weekly_sets((p.exercise, p.sets) for s in template.sessions for p in s.exercises)
    return Program(
        generated_at=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
        profile=profile,
        catalogue=catalogue.name,
        catalogue_fingerprint=catalogue.fingerprint,
        split=template.split,
        progression=progression.scheme,
        weekly_sets={muscle: planned[muscle] for muscle in sorted(planned)},
        weekly_targets=weekly_targets(profile.goal, profile.level),
        solve=[template.report],
        weeks=progression.weeks,
        cautions=cautions(profile.limitations, profile.pregnancy_week),
    )
