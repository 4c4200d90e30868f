"""Programme assembly: a solved weekly template, progressed over the weeks, as a Program.

The generator and the re-planner both end here, so a programme is put together one way
whichever of them made its template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId
from thrustplan.planner.progression.starts import StartFrom
from thrustplan.planner.progression.weeks import build_weeks
from thrustplan.planner.template import WeeklyTemplate
from thrustplan.rules.populations import cautions
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import Program, SolveReport
from thrustplan.rules.volume import weekly_sets, weekly_targets


def assemble_program(
    profile: ClientProfile,
    template: WeeklyTemplate,
    catalogue: Catalogue,
    *,
    now: dt.datetime,
    solve: Sequence[SolveReport] | None = None,
    starts: Mapping[ExerciseId, StartFrom] | None = None,
    deload_first: bool = False,
) -> Program:
    """The programme of ``template`` spread over the profile's weeks, generated at ``now``.

    ``solve`` is the history of solver reports the programme carries (by default the
    template's own report); ``starts`` come from a log or another app's history and take
    precedence over rep-maxes and estimates; ``deload_first`` opens with a lighter week
    (:func:`~thrustplan.planner.progression.weeks.build_weeks`).
    The weekly sets are those of the template, a normal week's.
    """
    progression = build_weeks(
        profile, template, catalogue, starts=starts, deload_first=deload_first
    )
    planned = weekly_sets((p.exercise, p.sets) for s in template.sessions for p in s.exercises)
    return Program(
        generated_at=now,
        profile=profile,
        catalogue=catalogue.name,
        catalogue_fingerprint=catalogue.fingerprint,
        split=template.split,
        progression=progression.scheme,
        weekly_sets={muscle: planned[muscle] for muscle in sorted(planned)},
        weekly_targets=weekly_targets(profile.goal, profile.level),
        solve=list(solve) if solve is not None else [template.report],
        weeks=progression.weeks,
        cautions=cautions(profile.limitations, profile.pregnancy_week),
    )
