"""Review rule on the kit: the loaded movement where the client has the equipment for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules.eligibility import superseded_by_kit
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.reading import asked_for, entry_findings

if TYPE_CHECKING:
    from thrustplan.rules.program import ExerciseEntry, Program


def review_real_kit_over_improvised(program: Program, catalogue: Catalogue) -> list[Finding]:
    """No improvised exercise where the client's kit does its job: no door-frame row
    beside a cable station, a stack machine, a suspension trainer, kettlebells or
    dumbbells, no floor pulldown beside a cable station or a stack machine, no bench dips beside a
    dip station, a cable station or a stack machine, unless the client named it a
    favourite or the trainer included it (``rules.eligibility.IMPROVISED``).

    Source: practitioner. An improvised movement is for a kit without the real one; a
    programme written for a client who owns the equipment loads the movement, so that
    it can progress by load rather than only by reps.
    """
    profile = program.profile
    asked = asked_for(program)

    def problem(entry: ExerciseEntry) -> str | None:
        exercise = catalogue.get(entry.exercise_id)
        if exercise is None or entry.exercise_id in asked:
            return None
        proper = superseded_by_kit(exercise, profile)
        if proper is None:
            return None
        return f"{exercise.name} improvised beside equipment that loads it ({proper.lower()})"

    return entry_findings(program, "real_kit_over_improvised", problem)
