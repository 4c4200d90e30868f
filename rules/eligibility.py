"""Who may do an exercise: equipment, limitations, exclusions; and what counts as heavy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thrustplan.exercise_db.models import Exercise
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.rules.populations import limitation_clash, past_first_trimester
from thrustplan.rules.prescription import is_main_lift

if TYPE_CHECKING:
    from thrustplan.rules.profile import ClientProfile


def exclusion_reason(exercise: Exercise, profile: ClientProfile) -> str | None:
    """Why ``exercise`` is not for this client, or None when it is allowed.

    The hard rule "only the equipment the client has; limitations and excluded exercises
    honoured" as one function, shared by the model and the checker. A limitation's
    stresses come from the vocabulary (:func:`thrustplan.rules.populations.limitation_clash`); in
    pregnancy, lying flat on the back or the belly is ruled out once the plan reaches
    the second trimester.
    """
    if exercise.id in profile.exclude:
        return unfit_reason(exercise, profile) or "excluded in the profile"
    return unfit_reason(exercise, profile)


def unfit_reason(exercise: Exercise, profile: ClientProfile) -> str | None:
    """Why the client's kit or limitations rule ``exercise`` out, or None when they do
    not: :func:`exclusion_reason` without the trainer's own exclusions, which are a rule
    of their own (``trainer_excludes``)."""
    missing = sorted(set(exercise.equipment) - profile.available_equipment)
    if missing:
        names = ", ".join(VOCABULARY.name("equipment", m) for m in missing)
        return f"needs {names}, which the client does not have"
    clash = limitation_clash(
        exercise,
        profile.limitations,
        after_first_trimester=past_first_trimester(profile.pregnancy_week, profile.weeks),
    )
    if clash:
        limitation, stresses = clash
        return f"stresses {', '.join(stresses)}, which the limitation {limitation!r} rules out"
    return None


def is_heavy(exercise: Exercise) -> bool:
    """Heavy hip-extension work that needs 48 h before it is repeated (ACSM 2009).

    Bilateral hip-thrust-family or hinge exercises with an external load.
    """
    return (
        exercise.pattern in ("hip_thrust", "hinge")
        and is_main_lift(exercise)
        and not exercise.is_unilateral
    )
