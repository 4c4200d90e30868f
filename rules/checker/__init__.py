"""The independent checker: every hard rule recomputed from a finished programme alone.

It reads only a :class:`~thrustplan.rules.program.Program` and the catalogue; it never calls the
solver, so a bug in the model cannot hide a broken plan. ``thrustplan check``, the tests
and the batch runner all use it.
"""

from __future__ import annotations

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules import sanity
from thrustplan.rules.checker.populations import (
    check_pregnancy_effort,
    check_pregnancy_no_max_tests,
    check_pregnancy_positions,
    check_pregnancy_warning_signs,
    check_prescriptions,
    check_rep_ceilings,
)
from thrustplan.rules.checker.reading import Check, Violation, trial_session
from thrustplan.rules.checker.sessions import (
    check_abduction_every_week,
    check_glute_move_every_session,
    check_hinge_every_week,
    check_lifts_that_matter,
    check_no_duplicate_variants,
    check_pull_push_balance,
    check_session_skeleton,
    check_strength_lifts_weekly,
    check_trainer_excludes,
    check_trainer_includes,
)
from thrustplan.rules.checker.week import (
    check_compound_before_isolation,
    check_equipment_and_limitations,
    check_full_body_balance,
    check_heavy_sessions_apart,
    check_hip_thrust_early,
    check_hip_thrust_every_week,
    check_known_exercises,
    check_no_exercise_twice_in_session,
    check_one_hip_thrust_per_session,
    check_session_fits_time,
    check_session_size,
    check_split_focus,
    check_supersets_non_competing,
    check_weekly_sets_ceiling,
)
from thrustplan.rules.program import Program

#: Every hard rule's check, by the rule's name in ``thrustplan.planner.model.rulebook.HARD_RULES``.
CHECKS: dict[str, Check] = {
    "known_exercises": check_known_exercises,
    "equipment_and_limitations": check_equipment_and_limitations,
    "split_focus": check_split_focus,
    "one_hip_thrust_per_session": check_one_hip_thrust_per_session,
    "hip_thrust_every_week": check_hip_thrust_every_week,
    "session_size": check_session_size,
    "session_fits_time": check_session_fits_time,
    "heavy_sessions_apart": check_heavy_sessions_apart,
    "weekly_sets_ceiling": check_weekly_sets_ceiling,
    "full_body_balance": check_full_body_balance,
    "session_skeleton": check_session_skeleton,
    "no_duplicate_variants": check_no_duplicate_variants,
    "glute_move_every_session": check_glute_move_every_session,
    "abduction_every_week": check_abduction_every_week,
    "hinge_every_week": check_hinge_every_week,
    "pull_push_balance": check_pull_push_balance,
    "lifts_that_matter": check_lifts_that_matter,
    "strength_lifts_weekly": check_strength_lifts_weekly,
    "trainer_includes": check_trainer_includes,
    "trainer_excludes": check_trainer_excludes,
    "no_exercise_twice_in_session": check_no_exercise_twice_in_session,
    "hip_thrust_early": check_hip_thrust_early,
    "compound_before_isolation": check_compound_before_isolation,
    "supersets_non_competing": check_supersets_non_competing,
    "prescriptions": check_prescriptions,
    # Held by the prescription and the progression, not by the weekly model.
    "pregnancy_positions": check_pregnancy_positions,
    "pregnancy_effort": check_pregnancy_effort,
    "pregnancy_no_max_tests": check_pregnancy_no_max_tests,
    "pregnancy_warning_signs": check_pregnancy_warning_signs,
    "rep_ceilings": check_rep_ceilings,
    # Numbers no plan could hold, whatever wrote the file.
    "programme_not_empty": sanity.check_programme_not_empty,
    "loads_in_range": sanity.check_loads_in_range,
    "sets_and_reps_in_range": sanity.check_sets_and_reps_in_range,
}


def check_program(program: Program, catalogue: Catalogue) -> list[Violation]:
    """Every violation of every hard rule, in rule order."""
    return [v for check in CHECKS.values() for v in check(program, catalogue)]


__all__ = ["CHECKS", "Check", "Violation", "check_program", "trial_session"]
