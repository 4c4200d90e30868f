"""The only exercises the review names, each set with the reason the catalogue's own
fields cannot pick it out.

Everything else the review decides from catalogue data: patterns and their groups, prime
movers, mechanic, laterality, load kind, equipment, stress flags and the easier/harder
links. A catalogue merged over the built-in one may add members to these sets by reusing
the ids; a new id it brings is judged by its fields alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from thrustplan.exercise_db.models import ExerciseId

_FLOOR_SUPINE = frozenset(
    {
        "dead_bug", "hollow_hold", "crunch", "reverse_crunch", "bicycle_crunch",
        "lying_leg_raise", "glute_bridge", "marching_glute_bridge", "single_leg_glute_bridge",
        "feet_elevated_glute_bridge", "banded_glute_bridge", "band_glute_bridge", "frog_pump",
        "sliding_leg_curl", "single_leg_sliding_leg_curl", "stability_ball_leg_curl",
    }
)  # fmt: skip

NAMED: Mapping[str, frozenset[ExerciseId]] = {
    # The barbell lifts a strength programme is built on (GZCLP's T1 lifts, 5/3/1's four
    # days). Their look-alikes share pattern and load kind (a trap-bar deadlift is a
    # barbell hinge too, a Romanian deadlift as well); only the name tells them apart.
    "squat": frozenset({"back_squat", "front_squat"}),
    "bench press": frozenset({"bench_press"}),
    "deadlift": frozenset({"deadlift", "sumo_deadlift"}),
    "overhead press": frozenset({"overhead_press"}),
    # Strong Curves' hinge slot offers the swing wherever there are kettlebells; the
    # catalogue files it as a kettlebell hinge like the kettlebell deadlift.
    "kettlebell swing": frozenset({"kettlebell_swing"}),
    # Filed as a compound vertical pull (lats and chest), yet it is a shoulder-extension
    # accessory that is not done for heavy low-rep sets.
    "pullover": frozenset({"dumbbell_pullover"}),
    # The floor push-up: it and every variation the catalogue lists as harder are the
    # "hard" push-ups whose reps have a ceiling; the easier ones have no such limit.
    "floor push-up": frozenset({"push_up"}),
    # Done lying flat on the back without a load. The catalogue flags only loaded supine
    # work (stress supine_loaded), while the advice in pregnancy concerns the position.
    "floor supine": _FLOOR_SUPINE,
}
