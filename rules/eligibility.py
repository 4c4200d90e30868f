"""Who may do an exercise: equipment, limitations, exclusions; and what counts as heavy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from thrustplan.exercise_db.models import EquipmentId, Exercise, ExerciseId, LoadKind
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


#: Exercises improvised from a door frame, a bench or the floor, for a kit without the
#: equipment that does their job properly, and that equipment: a cable, machine,
#: kettlebell or dumbbell row, a cable or machine pulldown, dips on a station or a cable
#: pushdown (bench dips also load the front of the shoulder at the end of its range), and
#: a leg-curl machine for a leg curl on sliders or a ball, whose load cannot climb.
#: Practitioner: a programme writes the loaded movement the kit allows. Dumbbells load no
#: vertical pull, so the floor pulldown stays beside them.
IMPROVISED: Mapping[ExerciseId, frozenset[EquipmentId]] = {
    "doorway_row": frozenset(
        {"cable", "machine_stack", "suspension_trainer", "kettlebells", "dumbbells"}
    ),
    "prone_floor_pulldown": frozenset({"cable", "machine_stack"}),
    "bench_dip": frozenset({"cable", "machine_stack", "dip_station"}),
    "sliding_leg_curl": frozenset({"leg_curl_machine"}),
    "single_leg_sliding_leg_curl": frozenset({"leg_curl_machine"}),
    "stability_ball_leg_curl": frozenset({"leg_curl_machine"}),
}


def superseded_by_kit(exercise: Exercise, profile: ClientProfile) -> str | None:
    """The equipment the client has that does an improvised ``exercise``'s job properly,
    named, or None. The planner leaves such an exercise out unless the client or the
    trainer asks for it; a plan holding one is not wrong, so the checker does not ask.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> from thrustplan.rules.profile import ClientProfile
    >>> row = builtin_catalogue()["doorway_row"]
    >>> def client(*kit: str) -> ClientProfile:
    ...     return ClientProfile(name="A", goal="general", level="beginner", days_per_week=3,
    ...                          session_minutes=45, equipment=list(kit))
    >>> superseded_by_kit(row, client("cable", "dumbbells"))
    'Cable station'
    >>> superseded_by_kit(row, client("dumbbells", "bench"))
    'Dumbbells'
    >>> print(superseded_by_kit(row, client("mat", "mini_bands")))
    None
    """
    proper = sorted(IMPROVISED.get(exercise.id, frozenset()) & profile.available_equipment)
    return VOCABULARY.name("equipment", proper[0]) if proper else None


def coarser_than_kit(exercise: Exercise, profile: ClientProfile) -> bool:
    """Whether ``exercise`` is loaded with kettlebells where the client has dumbbells too.

    A set of bells climbs in steps of 2-4 kg, a rack of dumbbells in 1-2.5 kg, so the
    dumbbell version of a movement can progress where the bell would stall (a 6 kg
    kettlebell row held for weeks beside a rack of dumbbells). The swing has no dumbbell
    version and stays a staple of a glute plan (``rules.sessions.STAPLES``).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> from thrustplan.rules.profile import ClientProfile
    >>> row = builtin_catalogue()["kettlebell_row"]
    >>> def client(*kit: str) -> ClientProfile:
    ...     return ClientProfile(name="A", goal="general", level="beginner", days_per_week=3,
    ...                          session_minutes=45, equipment=list(kit))
    >>> coarser_than_kit(row, client("kettlebells", "dumbbells"))
    True
    >>> coarser_than_kit(row, client("kettlebells"))
    False
    """
    return exercise.load_kind is LoadKind.KETTLEBELL and "dumbbells" in profile.available_equipment


#: What loads a hip thrust properly in a gym: a bar across the hips, or the machine.
THRUST_LOADERS: frozenset[EquipmentId] = frozenset(
    {"barbell", "smith_machine", "hip_thrust_machine"}
)


def held_thrust_beside_bar(exercise: Exercise, profile: ClientProfile) -> bool:
    """Whether ``exercise`` is a hip thrust or bridge loaded with a dumbbell or kettlebell
    where the client has a barbell, a Smith machine or a hip-thrust machine.

    One dumbbell held across the hips rolls, and it tops out where the bar and the
    machine go on climbing: an advanced client with both did B-stance thrusts holding a
    50 kg dumbbell. At home the dumbbell thrust is the staple and costs nothing more
    (``tests/test_candidates.py`` has both kits).
    """
    held = exercise.load_kind in (LoadKind.DUMBBELL, LoadKind.KETTLEBELL)
    return (
        held
        and exercise.is_hip_thrust_family
        and bool(THRUST_LOADERS & profile.available_equipment)
    )


def is_heavy(exercise: Exercise) -> bool:
    """Heavy hip-extension work that needs 48 h before it is repeated (ACSM 2009).

    Bilateral hip-thrust-family or hinge exercises with an external load.
    """
    return (
        exercise.pattern in ("hip_thrust", "hinge")
        and is_main_lift(exercise)
        and not exercise.is_unilateral
    )
