"""A coach's review of a finished programme: what a strength coach would send back.

``thrustplan.rules.checker`` proves that a programme keeps the rule book; this review asks whether a
coach would sign it. Each rule is one ``review_<rule>(program, catalogue)`` function whose
docstring states the rule as a coach would say it and names its source; :data:`REVIEWS`
lists them all. A finding is located (week, day, exercise) and carries the numbers.

The programme is read as data: the review never solves, never renders, and imports
nothing from the planner at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules.review.balance import (
    review_one_variant_per_movement,
    review_push_pull_balance,
)
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.glutes import (
    review_abduction_every_week,
    review_glute_kit_staples,
    review_glute_move_every_session,
    review_thrust_or_bridge_first,
)
from thrustplan.rules.review.kit import review_real_kit_over_improvised
from thrustplan.rules.review.lifts import (
    review_lifts_that_matter,
    review_one_heavy_lower_lift,
    review_strength_main_lifts,
)
from thrustplan.rules.review.populations import (
    review_knees_lunge_reps,
    review_lower_back_flexion,
    review_pregnancy_effort,
    review_pregnancy_no_max_tests,
    review_pregnancy_no_supine,
    review_pregnancy_warning_signs,
)
from thrustplan.rules.review.reps import (
    review_bodyweight_rep_ceiling,
    review_bodyweight_rungs_close,
    review_first_week_isolation_effort,
    review_rep_range_by_role,
    review_strength_main_reps,
)
from thrustplan.rules.review.time_use import review_time_use

if TYPE_CHECKING:
    from thrustplan.rules.program import Program

Review: TypeAlias = Callable[["Program", Catalogue], list[Finding]]

#: Every review rule by its id, in the order a coach reads a plan: the lifts, balance,
#: the kit, the glute work, time, reps, then the client's limitations.
REVIEWS: dict[str, Review] = {
    "lifts_that_matter": review_lifts_that_matter,
    "strength_main_lifts": review_strength_main_lifts,
    "one_heavy_lower_lift": review_one_heavy_lower_lift,
    "push_pull_balance": review_push_pull_balance,
    "one_variant_per_movement": review_one_variant_per_movement,
    "real_kit_over_improvised": review_real_kit_over_improvised,
    "glute_move_every_session": review_glute_move_every_session,
    "thrust_or_bridge_first": review_thrust_or_bridge_first,
    "abduction_every_week": review_abduction_every_week,
    "glute_kit_staples": review_glute_kit_staples,
    "time_use": review_time_use,
    "rep_range_by_role": review_rep_range_by_role,
    "strength_main_reps": review_strength_main_reps,
    "first_week_isolation_effort": review_first_week_isolation_effort,
    "bodyweight_rep_ceiling": review_bodyweight_rep_ceiling,
    "bodyweight_rungs_close": review_bodyweight_rungs_close,
    "pregnancy_no_supine": review_pregnancy_no_supine,
    "pregnancy_effort": review_pregnancy_effort,
    "pregnancy_no_max_tests": review_pregnancy_no_max_tests,
    "pregnancy_warning_signs": review_pregnancy_warning_signs,
    "knees_lunge_reps": review_knees_lunge_reps,
    "lower_back_flexion": review_lower_back_flexion,
}


def review_program(program: Program, catalogue: Catalogue) -> list[Finding]:
    """Every finding of every review rule, in registry order."""
    return [finding for review in REVIEWS.values() for finding in review(program, catalogue)]


__all__ = ["REVIEWS", "Finding", "Review", "review_program"]
