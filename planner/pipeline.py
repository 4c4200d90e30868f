"""The one library call behind the CLI, the batch runner and any future web app."""

from __future__ import annotations

import datetime as dt

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.planner.model.solve import SolverSettings, solve_week
from thrustplan.planner.progression.assembly import assemble_program
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import Program


def generate_program(
    profile: ClientProfile,
    catalogue: Catalogue,
    settings: SolverSettings | None = None,
    *,
    now: dt.datetime | None = None,
) -> Program:
    """Solve the weekly template, progress it over the weeks, and return the programme.

    Raises ``thrustplan.planner.model.solve.InfeasibleRequest`` when no plan meets the hard rules.
    The same profile, catalogue and settings give the same programme; only
    ``generated_at`` (``now``, by default the current time) differs between runs.
    """
    template = solve_week(profile, catalogue, settings)
    generated_at = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    return assemble_program(profile, template, catalogue, now=generated_at)
