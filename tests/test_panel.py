"""The review panel: realistic clients that every plan must serve.

Each profile in ``tests/panel`` parses, is planned, passes the independent checker and
the coach's review.
The panel itself is tested for breadth, so that it keeps covering every goal and level,
each kind of kit and limitation, both units, supersets, 2 to 6 days and 20 to 90
minutes. ``benchmarks/quality.py`` prints the review's findings over the same panel.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Level, LoadKind
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.planner.pipeline import generate_program
from thrustplan.planner.progression.loads import DEFAULT_BARBELL
from thrustplan.planner.progression.warmup import FIRST_RAMP_REPS
from thrustplan.rules.checker import check_program
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import ClientProfile, Units, Weekday
from thrustplan.rules.program import Program, RampSet, Session
from thrustplan.rules.review import review_program

PANEL = Path(__file__).parent / "panel"
CORE = {"abs", "obliques", "lower_back"}
FILES = sorted(PANEL.glob("*.yaml"))
CATALOGUE = builtin_catalogue()


@cache
def profile(path: Path) -> ClientProfile:
    return load_profile(path)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_panel_profile_is_planned_and_passes_check_and_review(path: Path) -> None:
    client = profile(path)
    program = generate_program(client, CATALOGUE)
    assert len(program.weeks) == client.weeks
    assert check_program(program, CATALOGUE) == []
    assert [str(f) for f in review_program(program, CATALOGUE)] == []
    assert short_warm_ups(program) == []
    assert repeated_ramp_loads(program) == []
    assert ramps_ending_on_a_single_after_the_light_set(program) == []
    if client.goal is not Goal.GLUTES:
        assert pressed_or_pulled_two_days_running(program) == []


def ramps(program: Program) -> list[tuple[tuple[int, str, str], list[RampSet]]]:
    """Each lift's ramp-up sets, with its (week, day, exercise)."""
    return [
        ((week.number, session.day.value, entry.exercise_id), entry.ramp)
        for week in program.weeks
        for session in week.sessions
        for entry in session.exercises
        if entry.ramp
    ]


def ramps_ending_on_a_single_after_the_light_set(program: Program) -> list[tuple[int, str, str]]:
    """(week, day, exercise) of each two-set ramp that jumps from its light set to a
    single (``ramp_sets`` and ``fit_ramps`` end such a ramp on a few reps)."""
    return [where for where, ramp in ramps(program) if len(ramp) == 2 and ramp[1].reps == 1]


def repeated_ramp_loads(program: Program) -> list[tuple[int, str, str]]:
    """(week, day, exercise) of each ramp that does a load twice, other than the empty
    bar (``ramp_sets``: two sets of the bar, one of a dumbbell's lightest load)."""
    found = []
    for where, ramp in ramps(program):
        loads = [r.load for r in ramp]
        barbell = CATALOGUE[where[2]].load_kind is LoadKind.BARBELL
        if len(set(loads)) < len(loads) and not (barbell and len(loads) == 2):
            found.append(where)
    return found


def short_warm_ups(program: Program) -> list[tuple[int, str, str]]:
    """(week, day, exercise) of each lift whose ramp-up the client's minutes cut to a
    single set, and of each lower-body barbell lift, the heaviest of its session's barbell
    lifts so far and above the empty bar, left with none. The weekly model keeps time
    for a ramp-up set of each such lift (``WeekVariables.ramp_seconds``), so that the
    cuts of ``fit_ramps`` stop at two sets."""
    kit = program.profile.barbell or DEFAULT_BARBELL[program.profile.units]
    found = []
    for week in program.weeks:
        for session in week.sessions:
            heaviest = 0.0
            for entry in sorted(session.exercises, key=lambda e: e.order):
                where = (week.number, session.day.value, entry.exercise_id)
                # A whole ramp of one set is a dumbbell's or stack's lightest load for
                # ten (``ramp_sets``); one set of anything else is a cut ramp.
                if len(entry.ramp) == 1 and entry.ramp[0].reps != FIRST_RAMP_REPS:
                    found.append(where)
                exercise = CATALOGUE[entry.exercise_id]
                if exercise.load_kind is not LoadKind.BARBELL or not entry.load:
                    continue
                lower = exercise.pattern in ("hip_thrust", "squat", "hinge", "lunge")
                if lower and entry.load > max(heaviest, kit.bar) and not entry.ramp:
                    found.append(where)
                heaviest = max(heaviest, entry.load)
    return found


def pressed_or_pulled_two_days_running(program: Program) -> list[tuple[str, str, str]]:
    """(day, next day, muscle) for each muscle that compounds train as a prime mover in
    the first week's sessions of two days in a row, core aside. A glute plan trains the
    glutes most days by design (Strong Curves), so the panel asks this of other goals:
    their splits rest a day's prime movers the next day (``rules.split``)."""
    order = list(Weekday)

    def prime_movers(session: Session) -> set[str]:
        exercises = (CATALOGUE[entry.exercise_id] for entry in session.exercises)
        return {m for e in exercises if e.is_compound for m in e.primary_muscles} - CORE

    sessions = {s.day: s for s in program.weeks[0].sessions}
    found = []
    for day, session in sessions.items():
        after = sessions.get(order[(order.index(day) + 1) % len(order)])
        if after is not None:
            for muscle in sorted(prime_movers(session) & prime_movers(after)):
                found.append((day.value, after.day.value, muscle))
    return found


def test_panel_holds_at_least_24_realistic_profiles() -> None:
    assert len(FILES) >= 24
    names = [profile(f).name for f in FILES]
    assert len(set(names)) == len(names), "each panel client is a different person"


def test_panel_covers_every_goal_at_every_level() -> None:
    pairs = {(profile(f).goal, profile(f).level) for f in FILES}
    assert pairs == {(goal, level) for goal in Goal for level in Level}


def test_panel_covers_each_limitation_units_supersets_days_and_minutes() -> None:
    clients = [profile(f) for f in FILES]
    limitations = {word for c in clients for word in c.limitations}
    assert limitations == VOCABULARY.ids("limitations")
    assert {c.units for c in clients} == set(Units)
    assert any(c.supersets for c in clients)
    assert {c.days_per_week for c in clients} == {2, 3, 4, 5, 6}
    minutes = [c.session_minutes for c in clients]
    assert min(minutes) == 20
    assert max(minutes) == 90


def test_panel_covers_the_kits_coaches_meet() -> None:
    kits = {frozenset(profile(f).equipment) for f in FILES}
    assert frozenset() in kits or frozenset({"bodyweight"}) in kits, "bodyweight only"
    assert frozenset({"kettlebells"}) in kits, "kettlebells only"
    assert any({"barbell", "squat_rack"} <= kit and "machine_stack" not in kit for kit in kits)
    assert any({"barbell", "cable", "leg_press", "leg_curl_machine"} <= kit for kit in kits)
    assert any("dumbbells" in kit and "barbell" not in kit for kit in kits), "home"


def test_a_gym_thrusts_on_the_machine_or_the_bar_not_holding_a_dumbbell() -> None:
    # The Strong Curves gym beginner: after her first block of body-weight bridges her
    # thrusts are loaded on the hip-thrust machine or the bar, never with a dumbbell held
    # across the hips (which rolls, and tops out where the bar climbs on).
    client = profile(PANEL / "glutes-beginner-strong-curves-gym.yaml")
    program = generate_program(client, CATALOGUE)
    thrusts = {
        CATALOGUE[entry.exercise_id]
        for week in program.weeks
        for session in week.sessions
        for entry in session.exercises
        if CATALOGUE[entry.exercise_id].is_hip_thrust_family
    }
    kinds = {e.load_kind for e in thrusts}
    assert LoadKind.DUMBBELL not in kinds and LoadKind.KETTLEBELL not in kinds
    assert "machine_hip_thrust" in {e.id for e in thrusts}


def test_panel_holds_the_clients_the_issue_names() -> None:
    clients = [profile(f) for f in FILES]
    big_four = {"back_squat", "bench_press", "deadlift", "overhead_press"}
    assert any(
        c.goal is Goal.STRENGTH
        and c.level is Level.ADVANCED
        and big_four <= set(c.rep_maxes)
        and (c.days_per_week, c.session_minutes) == (5, 75)
        for c in clients
    )
    assert any(
        set(c.equipment) == {"kettlebells"} and (c.days_per_week, c.session_minutes) == (2, 20)
        for c in clients
    )
    assert any(
        c.goal is Goal.HYPERTROPHY and c.days_per_week == 6 and c.units is Units.LB for c in clients
    )
    assert any(
        c.goal is Goal.GLUTES and c.level is Level.BEGINNER and "hip_thrust_machine" in c.equipment
        for c in clients
    )
