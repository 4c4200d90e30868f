"""How the training week is divided, for every number of days and every goal."""

from __future__ import annotations

import pytest

from tests.factories import profile
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.rules.goals import Goal
from thrustplan.rules.sessions import skeleton
from thrustplan.rules.split import FOCUS_PATTERNS, choose_split

GLUTES, UPPER_GLUTES, GLUTES_LOWER = "glutes", "upper and glutes", "glutes and lower"
GLUTE_WEEKS = {
    # A glute client's upper days keep a glute move (Strong Curves opens every workout
    # with a bridge or thrust), so none of them is upper body alone.
    4: [GLUTES_LOWER, UPPER_GLUTES, GLUTES_LOWER, UPPER_GLUTES],
    5: [GLUTES_LOWER, UPPER_GLUTES, GLUTES, UPPER_GLUTES, GLUTES_LOWER],
    6: [GLUTES, UPPER_GLUTES, GLUTES_LOWER, GLUTES, UPPER_GLUTES, GLUTES_LOWER],
}
LOWER_UPPER_WEEKS = {
    4: ["lower", "upper", "lower", "upper"],
    5: ["upper", "lower", "push", "pull", "lower"],
    6: ["lower", "upper", "lower", "upper", "lower", "upper"],
}


@pytest.mark.parametrize("goal", list(Goal))
@pytest.mark.parametrize("days", [2, 3])
def test_two_or_three_days_are_full_body_for_every_goal(days: int, goal: Goal) -> None:
    split = choose_split(profile(days_per_week=days, goal=goal))
    assert split.name == "full body"
    assert [d.focus for d in split.days] == ["full body"] * days


@pytest.mark.parametrize("days", [4, 5, 6])
def test_glute_clients_train_four_to_six_days_on_glute_focused_days(days: int) -> None:
    split = choose_split(profile(days_per_week=days, goal=Goal.GLUTES))
    assert split.name == "glute-focused lower/upper"
    assert [d.focus for d in split.days] == GLUTE_WEEKS[days]


@pytest.mark.parametrize("goal", [Goal.HYPERTROPHY, Goal.STRENGTH, Goal.GENERAL])
@pytest.mark.parametrize("days", [4, 5, 6])
def test_other_goals_train_four_to_six_days_lower_and_upper(days: int, goal: Goal) -> None:
    split = choose_split(profile(days_per_week=days, goal=goal))
    assert split.name == ("upper/lower and push/pull" if days == 5 else "lower/upper")
    assert [d.focus for d in split.days] == LOWER_UPPER_WEEKS[days]


@pytest.mark.parametrize("goal", list(Goal))
@pytest.mark.parametrize("days", [2, 3, 4, 5, 6])
def test_every_movement_is_trained_at_least_twice_a_week(days: int, goal: Goal) -> None:
    split = choose_split(profile(days_per_week=days, goal=goal))
    for pattern in FOCUS_PATTERNS["full body"]:
        trained = [d.day for d in split.days if pattern in d.patterns]
        assert len(trained) >= 2, (pattern, [d.focus for d in split.days])


@pytest.mark.parametrize("days", [4, 5, 6])
def test_days_in_a_row_share_no_prime_movers(days: int) -> None:
    # Whichever weekdays the client trains, a day's compounds rest the next day: push
    # and pull days share only isolation patterns, whose slots take other muscles
    # (lateral raises and triceps with the presses, rear delts and biceps with the pulls).
    foci = [d.focus for d in choose_split(profile(days_per_week=days, goal="hypertrophy")).days]
    for today, tomorrow in zip(foci, foci[1:] + foci[:1], strict=True):
        shared = FOCUS_PATTERNS[today] & FOCUS_PATTERNS[tomorrow]
        assert shared <= {"core", "shoulder_isolation", "arms"}, (today, tomorrow, shared)
        for goal in (Goal.HYPERTROPHY, Goal.STRENGTH, Goal.GENERAL):
            muscles = [
                {m for slot in skeleton(goal, focus) if slot.patterns & shared - {"core"}
                 for m in slot.muscles}
                for focus in (today, tomorrow)
            ]  # fmt: skip
            assert not muscles[0] & muscles[1], (goal, today, tomorrow)


def test_the_split_follows_the_clients_days_in_week_order() -> None:
    client = profile(days_per_week=4, days=["fri", "mon", "thu", "tue"], goal="strength")
    split = choose_split(client)
    assert [(d.day.value, d.focus) for d in split.days] == [
        ("mon", "lower"),
        ("tue", "upper"),
        ("thu", "lower"),
        ("fri", "upper"),
    ]


def test_without_days_the_sessions_are_spread_over_the_week() -> None:
    split = choose_split(profile(days_per_week=3))
    assert [d.day.value for d in split.days] == ["mon", "wed", "fri"]


# ------------------------------------------------------------------------ focus patterns


def test_every_focus_holds_core_work_and_only_known_patterns() -> None:
    known = set(VOCABULARY.terms["patterns"])
    for focus, patterns in FOCUS_PATTERNS.items():
        assert "core" in patterns, focus
        assert patterns <= known, (focus, patterns - known)


def test_full_body_is_lower_and_upper_together() -> None:
    assert FOCUS_PATTERNS["full body"] == FOCUS_PATTERNS["lower"] | FOCUS_PATTERNS["upper"]
    assert FOCUS_PATTERNS["glutes and lower"] == FOCUS_PATTERNS["lower"]


def test_lower_and_upper_days_share_only_core_work() -> None:
    assert FOCUS_PATTERNS["lower"] & FOCUS_PATTERNS["upper"] == {"core"}
    assert {"hip_thrust", "squat", "hinge"} <= FOCUS_PATTERNS["lower"]
    assert {"horizontal_push", "vertical_pull"} <= FOCUS_PATTERNS["upper"]


def test_upper_days_of_glute_clients_keep_a_glute_move() -> None:
    extra = FOCUS_PATTERNS["upper and glutes"] - FOCUS_PATTERNS["upper"]
    # A back extension or a swing may join the bridge; squats and lunges stay on lower days.
    assert extra == {"hip_thrust", "hinge", "hip_abduction", "glute_kickback"}
    assert not FOCUS_PATTERNS["upper and glutes"] & {"squat", "lunge"}


def test_glute_days_hold_hip_extension_but_no_squats_or_upper_body() -> None:
    glutes = FOCUS_PATTERNS["glutes"]
    assert {"hip_thrust", "hinge", "lunge", "knee_flexion", "hip_abduction"} <= glutes
    assert "squat" not in glutes
    assert not glutes & (FOCUS_PATTERNS["upper"] - {"core"})


def test_a_day_holds_the_patterns_of_its_focus() -> None:
    for day in choose_split(profile(days_per_week=5)).days:
        assert day.patterns == FOCUS_PATTERNS[day.focus]
