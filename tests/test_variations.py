"""The variation planner asks the week's rules whether a swap breaks one anew."""

from __future__ import annotations

from tests.factories import profile
from tests.factories import weekly_template as template
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.planner.progression.variations import breaks_rules_anew, trial_session
from thrustplan.planner.template import WeeklyTemplate
from thrustplan.rules.profile import ClientProfile, Weekday
from thrustplan.rules.week_rules import TrialSession

CATALOGUE = builtin_catalogue()


def trial(plan: WeeklyTemplate, client: ClientProfile, swap: dict[str, str]) -> list[TrialSession]:
    """The template's week as a trial week, with the exercises named in ``swap`` replaced."""
    week: list[list[Exercise]] = [
        [CATALOGUE[swap.get(p.exercise.id, p.exercise.id)] for p in s.exercises]
        for s in plan.sessions
    ]
    return [trial_session(s, xs, client) for s, xs in zip(plan.sessions, week, strict=True)]


def test_trial_session_keeps_sets_letters_and_prescribed_rest() -> None:
    client = profile(days_per_week=2, supersets=True)
    plan = template(client, [["barbell_hip_thrust", ["push_up", "inverted_row"]]] * 2)
    first = trial(plan, client, {})[0]
    assert first.day is Weekday.MON
    assert [(i.exercise_id, i.sets, i.superset) for i in first.items] == [
        ("barbell_hip_thrust", 3, None),
        ("push_up", 3, "A"),
        ("inverted_row", 3, "A"),
    ]
    assert [i.rest_seconds for i in first.items] == [
        p.prescription.rest_seconds for p in plan.sessions[0].exercises
    ]


def test_a_like_for_like_swap_breaks_nothing() -> None:
    client = profile(days_per_week=2)
    plan = template(client, [["glute_bridge", "push_up", "plank"]] * 2)
    before = trial(plan, client, {})
    assert not breaks_rules_anew(
        before, trial(plan, client, {"push_up": "inverted_row"}), 0, client
    )


def test_a_swap_that_repeats_an_exercise_breaks_a_rule() -> None:
    client = profile(days_per_week=2)
    plan = template(client, [["glute_bridge", "push_up", "inverted_row"]] * 2)
    after = trial(plan, client, {"inverted_row": "push_up"})
    assert breaks_rules_anew(trial(plan, client, {}), after, 0, client)


def test_a_swap_that_puts_a_compound_after_isolation_breaks_a_rule() -> None:
    client = profile(days_per_week=2)
    plan = template(client, [["glute_bridge", "plank", "side_plank"]] * 2)
    after = trial(plan, client, {"side_plank": "push_up"})
    assert breaks_rules_anew(trial(plan, client, {}), after, 0, client)


def test_a_swap_that_outlasts_the_session_breaks_a_rule() -> None:
    client = profile(days_per_week=2, session_minutes=21)
    plan = template(client, [["glute_bridge", "push_up", "plank"]] * 2)
    before = trial(plan, client, {})
    assert not breaks_rules_anew(before, before, 0, client)
    # A side plank holds for twice as long as a plank.
    assert breaks_rules_anew(before, trial(plan, client, {"plank": "side_plank"}), 0, client)


def test_a_swap_that_makes_heavy_days_meet_breaks_a_rule() -> None:
    client = profile(days=["mon", "tue", "thu"], equipment=["barbell", "bench"])
    plan = template(
        client,
        [
            ["barbell_hip_thrust", "push_up", "plank"],
            ["glute_bridge", "push_up", "plank"],
            ["glute_bridge", "push_up", "plank"],
        ],
    )
    before = trial(plan, client, {})
    # Tuesday's bridge made heavy falls the day after Monday's heavy thrust.
    tuesday_heavy = [before[0], *trial(plan, client, {"glute_bridge": "barbell_hip_thrust"})[1:]]
    assert breaks_rules_anew(before, tuesday_heavy, 1, client)
    # Thursday is two days clear of Monday and Tuesday's light work.
    thursday_heavy = [*before[:2], tuesday_heavy[2]]
    assert not breaks_rules_anew(before, thursday_heavy, 2, client)


def test_a_swap_may_not_push_a_muscle_past_the_ceiling_or_further_past_it() -> None:
    client = profile(days_per_week=6, weeks=4)
    # Beginner ceiling 16 weekly sets: six sessions of 3 bridge sets is already 18 for glutes.
    plan = template(client, [["glute_bridge", "push_up", "plank"]] * 6)
    before = trial(plan, client, {})
    assert not breaks_rules_anew(before, before, 0, client)
    # A squat adds glute work on top of what was already over the ceiling.
    more_glutes = [*trial(plan, client, {"push_up": "goblet_squat"})[:1], *before[1:]]
    assert breaks_rules_anew(before, more_glutes, 0, client)
