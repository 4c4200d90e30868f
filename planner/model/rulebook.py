"""The rule book of the weekly model: every rule, hard and soft, listed in one place.

A hard rule adds constraints (``rules_hard``); a soft rule returns a penalty the
objective minimises (``rules_soft``); both read the model through ``rule_model``. Four
hard rules need no constraint because the model's shape, the prepared data or the
ordering step meets them exactly; they are listed so that the whole rule book reads in
one screen, and the independent checker (``thrustplan.rules.checker``) recomputes every
hard rule from the finished plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thrustplan.planner.model.candidates import ModelInput
from thrustplan.planner.model.rule_model import RuleModel as RuleModel
from thrustplan.planner.model.rules_hard import (
    add_abduction_every_week,
    add_equipment_and_limitations,
    add_full_body_balance,
    add_glute_move_every_session,
    add_heavy_sessions_apart,
    add_hinge_every_week,
    add_hip_thrust_every_week,
    add_lifts_that_matter,
    add_no_duplicate_variants,
    add_one_hip_thrust_per_session,
    add_pull_push_balance,
    add_session_fits_time,
    add_session_size,
    add_session_skeleton,
    add_split_focus,
    add_strength_lifts_weekly,
    add_trainer_excludes,
    add_trainer_includes,
    add_weekly_sets_ceiling,
)
from thrustplan.planner.model.rules_soft import (
    Penalty,
    penalise_exercise_fit,
    penalise_level_mismatch,
    penalise_lift_on_consecutive_days,
    penalise_lift_thrice_a_week,
    penalise_missing_staples,
    penalise_preferences,
    penalise_repeated_hip_thrust,
    penalise_repeated_pattern,
    penalise_rungs_apart,
    penalise_stacked_heavy_lower,
    penalise_supersets,
    penalise_uneven_sessions,
    penalise_unfilled_slots,
    penalise_unused_time,
    penalise_volume_error,
)
from thrustplan.rules.profile import SUPERSETS_UP_TO_MINUTES


@dataclass(frozen=True)
class HardRule:
    name: str
    add: Callable[[RuleModel], None] | None
    #: How a rule with no constraint is met, when ``add`` is None.
    met_by: str = ""

    @property
    def statement(self) -> str:
        doc = self.add.__doc__ if self.add else self.met_by
        return " ".join((doc or "").split())


@dataclass(frozen=True)
class SoftRule:
    name: str
    penalty: Callable[[RuleModel], Penalty]

    @property
    def statement(self) -> str:
        return " ".join((self.penalty.__doc__ or "").split())


HARD_RULES: tuple[HardRule, ...] = (
    HardRule("equipment_and_limitations", add_equipment_and_limitations),
    HardRule("split_focus", add_split_focus),
    HardRule("one_hip_thrust_per_session", add_one_hip_thrust_per_session),
    HardRule("hip_thrust_every_week", add_hip_thrust_every_week),
    HardRule("session_size", add_session_size),
    HardRule("session_fits_time", add_session_fits_time),
    HardRule("heavy_sessions_apart", add_heavy_sessions_apart),
    HardRule("weekly_sets_ceiling", add_weekly_sets_ceiling),
    HardRule("full_body_balance", add_full_body_balance),
    HardRule("session_skeleton", add_session_skeleton),
    HardRule("no_duplicate_variants", add_no_duplicate_variants),
    HardRule("glute_move_every_session", add_glute_move_every_session),
    HardRule("abduction_every_week", add_abduction_every_week),
    HardRule("hinge_every_week", add_hinge_every_week),
    HardRule("pull_push_balance", add_pull_push_balance),
    HardRule("lifts_that_matter", add_lifts_that_matter),
    HardRule("strength_lifts_weekly", add_strength_lifts_weekly),
    HardRule("trainer_includes", add_trainer_includes),
    HardRule("trainer_excludes", add_trainer_excludes),
    HardRule(
        "no_exercise_twice_in_session",
        None,
        "No exercise appears twice in a session: one variable per day and exercise.",
    ),
    HardRule(
        "hip_thrust_early",
        None,
        "A hip-thrust-family exercise comes first or second, while the client is fresh: the "
        "ordering step puts it first, and at most one hip thrust is in a session. A strength "
        "plan opens with the day's main barbell lifts and the thrust follows them straight "
        "away.",
    ),
    HardRule(
        "compound_before_isolation",
        None,
        "Compound exercises come before isolation ones: the ordering step sorts them, "
        "a superset pair counting as one step.",
    ),
    HardRule(
        "supersets_non_competing",
        None,
        "Supersets only for clients who ask for them or, unless they refuse them, whose "
        f"sessions are {SUPERSETS_UP_TO_MINUTES} minutes or shorter, and only of two "
        "exercises that do not "
        "compete: no prime mover or movement pattern in common, never the session's hip "
        "thrust, heavy hinge or main lifts, the same number of sets, each exercise in one "
        "pair at most. "
        "Only such pairs are prepared for the model.",
    ),
)

SOFT_RULES: tuple[SoftRule, ...] = (
    SoftRule("volume_near_target", penalise_volume_error),
    SoftRule("hip_thrust_variety", penalise_repeated_hip_thrust),
    SoftRule("pattern_variety", penalise_repeated_pattern),
    SoftRule("lift_variety_day_to_day", penalise_lift_on_consecutive_days),
    SoftRule("lift_variety_in_the_week", penalise_lift_thrice_a_week),
    SoftRule("body_weight_rungs_close", penalise_rungs_apart),
    SoftRule("exercise_fit", penalise_exercise_fit),
    SoftRule("level_fit", penalise_level_mismatch),
    SoftRule("preferences", penalise_preferences),
    SoftRule("supersets_only_when_useful", penalise_supersets),
    SoftRule("even_sessions", penalise_uneven_sessions),
    SoftRule("skeleton_slots_filled", penalise_unfilled_slots),
    SoftRule("use_the_time", penalise_unused_time),
    SoftRule("kit_staples", penalise_missing_staples),
    SoftRule("one_heavy_lower_lift_a_session", penalise_stacked_heavy_lower),
)


def build(data: ModelInput, *, guarded: bool = False) -> RuleModel:
    """The whole weekly model: structure, every hard rule, and the soft rules' objective."""
    m = RuleModel(data, guarded=guarded)
    for rule in HARD_RULES:
        if rule.add is not None:
            m.begin(rule.name)
            rule.add(m)
    m.end()
    m.objective = sum(weight * expr for weight, expr in (r.penalty(m) for r in SOFT_RULES))
    m.model.minimize(m.objective)
    return m
