"""The week's rules as predicates: each holds for a sound trial week and catches a broken one."""

from __future__ import annotations

import datetime as dt

import pytest

from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.rules import week_rules
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import Weekday
from thrustplan.rules.sessions import thrust_sessions_needed
from thrustplan.rules.timing import superset_seconds
from thrustplan.rules.week_rules import (
    BALANCE_GROUPS,
    MAX_EXERCISES_PER_SESSION,
    MIN_EXERCISES_PER_SESSION,
    TrialItem,
    TrialSession,
)

CATALOGUE = builtin_catalogue()


def item(exercise_id: str, sets: int = 3, rest: int = 90, superset: str | None = None) -> TrialItem:
    return TrialItem.of(CATALOGUE[exercise_id], sets, rest, superset)


def session(day: Weekday, *items: TrialItem | str, week: int = 1) -> TrialSession:
    return TrialSession(day, tuple(i if isinstance(i, TrialItem) else item(i) for i in items), week)


# --- weekday helpers -------------------------------------------------------------------


@pytest.mark.parametrize("day", list(Weekday))
def test_offset_matches_the_calendar(day: Weekday) -> None:
    monday = dt.date(2027, 1, 4)
    assert (monday + dt.timedelta(days=day.offset)).weekday() == day.offset
    assert Weekday.of(monday + dt.timedelta(days=day.offset)) is day


def test_days_until_counts_forward_round_the_weekend() -> None:
    assert Weekday.MON.days_until(Weekday.TUE) == 1
    assert Weekday.SUN.days_until(Weekday.MON) == 1
    assert Weekday.TUE.days_until(Weekday.MON) == 6
    assert all(d.days_until(d) == 0 for d in Weekday)


def test_day_number_runs_on_across_weeks() -> None:
    assert Weekday.MON.day_number(2) - Weekday.SUN.day_number(1) == 1
    assert Weekday.MON.day_number(1) == 0


@pytest.mark.parametrize("start", [dt.date(2027, 1, 4), dt.date(2027, 1, 6), dt.date(2027, 1, 10)])
@pytest.mark.parametrize("day", list(Weekday))
def test_a_session_falls_on_its_weekday_in_its_week(start: dt.date, day: Weekday) -> None:
    for week in (1, 2, 12):
        date = day.date_in_week(start, week)
        week_start = start + dt.timedelta(weeks=week - 1)
        assert Weekday.of(date) is day
        assert week_start <= date < week_start + dt.timedelta(days=7)


# --- sessions --------------------------------------------------------------------------


def test_session_size_bounds() -> None:
    assert week_rules.session_size_fits(MIN_EXERCISES_PER_SESSION)
    assert week_rules.session_size_fits(MAX_EXERCISES_PER_SESSION)
    assert not week_rules.session_size_fits(MIN_EXERCISES_PER_SESSION - 1)
    assert not week_rules.session_size_fits(MAX_EXERCISES_PER_SESSION + 1)


def test_a_superset_pair_is_one_step() -> None:
    trial = session(
        Weekday.MON,
        "barbell_hip_thrust",
        item("push_up", superset="A"),
        item("inverted_row", superset="A"),
        "plank",
    )
    assert [[i.exercise_id for i in s] for s in week_rules.steps(trial)] == [
        ["barbell_hip_thrust"],
        ["push_up", "inverted_row"],
        ["plank"],
    ]


def test_repeated_exercises() -> None:
    assert (
        week_rules.repeated_exercises(
            session(Weekday.MON, "barbell_hip_thrust", "push_up", "plank")
        )
        == []
    )
    twice = session(Weekday.MON, "push_up", "plank", "push_up")
    assert [(i.exercise_id) for i in week_rules.repeated_exercises(twice)] == ["push_up"]
    assert week_rules.repeated_exercises(twice)[0] is twice.items[2]


def test_hip_thrusts_in_a_session() -> None:
    assert len(week_rules.hip_thrusts(session(Weekday.MON, "barbell_hip_thrust", "push_up"))) == 1
    two = session(Weekday.MON, "barbell_hip_thrust", "glute_bridge", "push_up")
    assert [i.exercise_id for i in week_rules.hip_thrusts(two)] == [
        "barbell_hip_thrust",
        "glute_bridge",
    ]


def test_late_hip_thrusts() -> None:
    early = session(Weekday.MON, "goblet_squat", "barbell_hip_thrust", "plank")
    assert week_rules.late_hip_thrusts(early) == []
    late = session(Weekday.MON, "goblet_squat", "push_up", "barbell_hip_thrust")
    assert week_rules.late_hip_thrusts(late) == [(3, late.items[2])]
    # A pair counts as one step, so the thrust after it is still second.
    paired = session(
        Weekday.MON,
        item("push_up", superset="A"),
        item("inverted_row", superset="A"),
        "barbell_hip_thrust",
    )
    assert week_rules.late_hip_thrusts(paired) == []


def test_compounds_after_isolation() -> None:
    ordered = session(Weekday.MON, "barbell_hip_thrust", "push_up", "lying_leg_curl", "plank")
    assert week_rules.compounds_after_isolation(ordered) == []
    broken = session(Weekday.MON, "barbell_hip_thrust", "plank", "push_up")
    assert week_rules.compounds_after_isolation(broken) == [broken.items[2]]
    # A compound may share a superset step with isolation work, not follow it.
    shared = session(
        Weekday.MON,
        "barbell_hip_thrust",
        item("lying_leg_curl", superset="A"),
        item("push_up", superset="A"),
    )
    assert week_rules.compounds_after_isolation(shared) == []


def test_session_seconds_share_a_pairs_rest() -> None:
    straight = session(Weekday.MON, item("push_up", 3, 90), item("inverted_row", 3, 60))
    paired = session(Weekday.MON, item("push_up", 3, 0, "A"), item("inverted_row", 3, 90, "A"))
    assert week_rules.session_seconds(straight) == superset_seconds(
        3, [45], [90]
    ) + superset_seconds(3, [45], [60])
    assert week_rules.session_seconds(paired) == superset_seconds(3, [45, 45], [0, 90])
    assert week_rules.session_seconds(paired) < week_rules.session_seconds(straight)


def test_an_exercise_missing_from_the_catalogue_is_timed_at_a_minute_a_set() -> None:
    unknown = TrialSession(Weekday.MON, (TrialItem("no_such_move", None, 2, 0),))
    assert week_rules.session_seconds(unknown) == superset_seconds(2, [60], [0])
    assert (
        week_rules.repeated_exercises(unknown) == []
        and week_rules.compounds_after_isolation(unknown) == []
    )


def test_fits_time() -> None:
    budget = week_rules.work_budget_seconds(45)
    assert week_rules.fits_time(budget, 45) and week_rules.fits_time(budget + 30, 45)
    assert not week_rules.fits_time(budget + 31, 45)


# --- weeks -----------------------------------------------------------------------------


def test_heavy_sessions_apart() -> None:
    apart = [
        session(Weekday.MON, "barbell_hip_thrust", "push_up", "plank"),
        session(Weekday.TUE, "goblet_squat", "push_up", "plank"),
        session(Weekday.WED, "romanian_deadlift", "push_up", "plank"),
    ]
    assert week_rules.heavy_back_to_back(apart) == []
    together = [apart[0], session(Weekday.TUE, "romanian_deadlift", "push_up", "plank")]
    assert week_rules.heavy_back_to_back(together) == [together[1]]


def test_heavy_sessions_apart_across_the_weekend() -> None:
    week = [
        session(Weekday.MON, "barbell_hip_thrust", "push_up", "plank"),
        session(Weekday.WED, "goblet_squat", "push_up", "plank"),
        session(Weekday.SUN, "romanian_deadlift", "push_up", "plank"),
    ]
    assert week_rules.heavy_back_to_back(week) == []
    clashes = week_rules.heavy_back_to_back(week_rules.repeated_week(week))
    assert [(s.day, s.week) for s in clashes] == [(Weekday.MON, 2)]
    later = [
        session(Weekday.SUN, "romanian_deadlift", week=1),
        session(Weekday.MON, "barbell_hip_thrust", week=2),
    ]
    assert week_rules.heavy_back_to_back(later) == [later[1]]


def test_sets_over_ceiling() -> None:
    # A beginner's ceiling is 16 weekly sets: 5 sessions of 3 thrust sets is 15 for glutes.
    week = [session(d, item("barbell_hip_thrust", 3)) for d in list(Weekday)[:5]]
    assert week_rules.sets_over_ceiling(week, Level.BEGINNER, Goal.GLUTES) == {}
    heavier = [*week, session(Weekday.SAT, item("glute_bridge", 2))]
    over = {"gluteus_maximus": 17.0}
    assert week_rules.sets_over_ceiling(heavier, Level.BEGINNER, Goal.GLUTES) == over
    assert week_rules.sets_over_ceiling(heavier, Level.INTERMEDIATE, Goal.GLUTES) == {}


def test_a_glute_programmes_squats_and_hinges_count_half_toward_the_glutes_ceiling() -> None:
    # Strong Curves' week: a thrust, a squat and a hinge in each of three sessions. Counted
    # in full, the squats and hinges put the glutes at 27 sets, past even an
    # intermediate's 22; as RP counts the glutes' limit, by direct glute work, 9 + 9 / 2.
    week = [
        session(d, item("glute_bridge", 3), item("goblet_squat", 3), item("back_extension", 3))
        for d in (Weekday.MON, Weekday.WED, Weekday.FRI)
    ]
    assert week_rules.sets_over_ceiling(week, Level.INTERMEDIATE, Goal.GLUTES) == {}
    assert week_rules.sets_over_ceiling(week, Level.BEGINNER, Goal.GLUTES) == {
        "gluteus_maximus": 18.0
    }
    # A beginner's thrust and squat every session and a hinge in one: 15, within 16. In
    # full it was 21, and the planner dropped the squat from two sessions of three.
    lighter = [
        session(Weekday.MON, item("glute_bridge", 3), item("goblet_squat", 3)),
        session(Weekday.WED, *week[1].items),
        session(Weekday.FRI, item("glute_bridge", 3), item("goblet_squat", 3)),
    ]
    assert week_rules.sets_over_ceiling(lighter, Level.BEGINNER, Goal.GLUTES) == {}
    assert week_rules.sets_over_ceiling(lighter, Level.BEGINNER, Goal.GENERAL) == {
        "gluteus_maximus": 21.0
    }
    # Another goal counts the glutes of a squat in full, as every other muscle's.
    general = week_rules.sets_over_ceiling(week, Level.INTERMEDIATE, Goal.GENERAL)
    assert general == {"gluteus_maximus": 27.0}


def test_missing_balance() -> None:
    full = [
        session(Weekday.MON, "push_up", "inverted_row", "goblet_squat"),
        session(Weekday.THU, "romanian_deadlift", "plank", "barbell_hip_thrust"),
    ]
    assert week_rules.missing_balance(full, Goal.GENERAL) == []
    no_core = [full[0], session(Weekday.THU, "romanian_deadlift", "barbell_hip_thrust")]
    assert week_rules.missing_balance(no_core, Goal.HYPERTROPHY) == ["core"]
    assert week_rules.missing_balance(no_core, Goal.GLUTES) == []
    assert set(BALANCE_GROUPS) == {
        "push",
        "pull",
        "squat or lunge",
        "hinge or knee flexion",
        "core",
    }


def test_hip_thrust_sessions_against_the_goals_minimum() -> None:
    week = [
        session(Weekday.MON, "barbell_hip_thrust", "push_up"),
        session(Weekday.THU, "goblet_squat", "plank"),
    ]
    assert week_rules.hip_thrust_sessions(week) >= thrust_sessions_needed(Goal.GENERAL, len(week))
    assert week_rules.hip_thrust_sessions(week) < thrust_sessions_needed(Goal.GLUTES, len(week))
