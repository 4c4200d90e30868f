"""Builders of profiles, exercises, weekly templates and programmes for the tests.

Every profile comes from :func:`profile`, a three-day glutes beginner changed by keyword;
the other profile builders are that one with a few fields set. Programmes come two ways:
:func:`progressed_program` runs hand-built sessions through the real progression, and
:func:`catalogue_program` builds a realistic programme from catalogue exercises with no
solver and no progression, for the printing and export tests. :func:`pdf_images` reads
a printed programme back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from ortools.sat.python import cp_model
from pypdf import PdfReader

from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.exercise_db.models import Exercise, LoadKind
from thrustplan.planner.model.candidates import ModelInput, prepare
from thrustplan.planner.model.rulebook import SOFT_RULES, RuleModel
from thrustplan.planner.model.solve import SolverSettings, solve_input
from thrustplan.planner.progression.weeks import build_weeks
from thrustplan.planner.template import (
    PlannedExercise,
    PlannedSession,
    WeeklyTemplate,
    pairing_note,
)
from thrustplan.rules.prescription import prescribe
from thrustplan.rules.profile import Branding, ClientProfile, Units, Weekday
from thrustplan.rules.program import ExerciseEntry, PlateLoad, Program, Session, SolveReport, Week
from thrustplan.rules.timing import session_minutes, superset_seconds
from thrustplan.rules.volume import weekly_sets, weekly_targets

# ------------------------------------------------------------------------------ profiles

#: Everything a well-equipped commercial gym has.
FULL_GYM = [
    "barbell", "squat_rack", "bench", "dumbbells", "kettlebells", "cable", "smith_machine",
    "hip_thrust_machine", "leg_press", "leg_curl_machine", "pull_up_bar", "ghd", "bands",
    "mini_bands", "box", "back_extension_bench", "hip_abduction_machine", "machine_stack",
]  # fmt: skip


def profile(**overrides: Any) -> ClientProfile:
    """A three-day glutes beginner with an hour a session for eight weeks, bodyweight
    only, changed by ``overrides`` (validated as a profile file would be)."""
    base: dict[str, Any] = {
        "name": "Test client",
        "goal": "glutes",
        "level": "beginner",
        "days_per_week": 3,
        "session_minutes": 60,
        "weeks": 8,
    }
    return ClientProfile.model_validate(base | overrides)


def two_day_profile(**overrides: Any) -> ClientProfile:
    """Two general-fitness sessions a week for four weeks, at intermediate level: the
    smallest week the model builds, for testing one rule at a time."""
    base: dict[str, Any] = {
        "goal": "general",
        "level": "intermediate",
        "days_per_week": 2,
        "weeks": 4,
    }
    return profile(**(base | overrides))


#: Training days of the printed programmes, by sessions a week.
PRINTED_DAYS = {
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),
    4: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI),
    5: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.FRI, Weekday.SAT),
}


def printed_profile(
    *,
    days: int = 4,
    weeks: int = 12,
    units: Units = Units.KG,
    name: str = "Alex Morgan",
    start_date: dt.date | None = dt.date(2025, 3, 3),
    trainer_name: str | None = "Sam Rivera Coaching",
    logo: Path | None = None,
) -> ClientProfile:
    """The client of :func:`catalogue_program`: an intermediate glutes client in a gym,
    with dated sessions and a trainer's branding."""
    equipment = ["barbell", "bench", "squat_rack", "dumbbells", "kettlebells", "cable"]
    equipment += ["bands", "mini_bands", "ghd", "pull_up_bar"]
    return profile(
        name=name,
        level="intermediate",
        days_per_week=days,
        days=list(PRINTED_DAYS[days]),
        weeks=weeks,
        units=units,
        equipment=equipment,
        start_date=start_date,
        trainer=Branding(name=trainer_name, logo=logo) if trainer_name or logo else None,
    )


# ---------------------------------------------------------------- exercises and the model

#: Fixed limits, so that a solve gives the same plan on any machine.
SOLVER = SolverSettings(time_limit_seconds=5, deterministic_limit=5)


def exercise(exercise_id: str, pattern: str, primary: tuple[str, ...], **fields: Any) -> Exercise:
    """A bodyweight compound of ``pattern`` training ``primary``, changed by ``fields``."""
    record: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("_", " ").title(),
        "equipment": ("bodyweight",),
        "pattern": pattern,
        "primary_muscles": primary,
        "mechanic": "compound",
        "load_kind": "bodyweight",
    }
    return Exercise.model_validate(record | fields)


def basic_exercises() -> list[Exercise]:
    """One exercise per movement group, all bodyweight: enough for any full-body week."""
    return [
        exercise("bridge", "hip_thrust", ("gluteus_maximus",)),
        exercise("squat", "squat", ("quadriceps",)),
        exercise("good_morning", "hinge", ("hamstrings",)),
        exercise("push_up", "horizontal_push", ("chest",)),
        exercise("row", "horizontal_pull", ("upper_back",)),
        exercise("dead_bug", "core", ("abs",), mechanic="isolation"),
    ]


def model_input(client: ClientProfile, exercises: list[Exercise]) -> ModelInput:
    """The model's input for ``client`` with ``exercises`` as the whole catalogue."""
    return prepare(client, Catalogue(exercises, name="test"))


def solve_template(client: ClientProfile, exercises: list[Exercise]) -> WeeklyTemplate:
    """The weekly template the model builds for ``client`` from ``exercises`` alone."""
    return solve_input(model_input(client, exercises), SOLVER)


def chosen_ids(template: WeeklyTemplate) -> list[list[str]]:
    """The exercise ids of each session, in order."""
    return [[p.exercise.id for p in s.exercises] for s in template.sessions]


def rule_penalty(
    rule_name: str,
    client: ClientProfile,
    exercises: list[Exercise],
    plan: list[list[str]],
    pairs: list[list[tuple[str, str]]] | None = None,
) -> int:
    """The unweighted penalty one soft rule gives a plan fixed by hand (ids per day), with
    the superset pairs of each day in ``pairs`` (none when not given)."""
    m = RuleModel(model_input(client, exercises))
    _, expression = {r.name: r for r in SOFT_RULES}[rule_name].penalty(m)
    for day in m.vars.days:
        for candidate in m.vars.candidates():
            m.vars.fix(day, candidate, candidate.id in plan[day])
        chosen = {frozenset(ids) for ids in (pairs[day] if pairs else [])}
        prepared = {frozenset((p.first.id, p.second.id)): p for p in m.vars.pairs(day)}
        assert chosen <= set(prepared), f"day {day}: {chosen - set(prepared)} not prepared"
        for ids, pair in prepared.items():
            m.vars.fix_pair(day, pair, ids in chosen)
    m.model.minimize(expression)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(m.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


# ------------------------------------------------- weekly templates and progressed programmes

REPORT = SolveReport(status="optimal", objective=0, best_bound=0, gap=0, candidates=0)

#: One item of a hand-built session: an exercise id, an (id, sets) pair, or a list of two
#: ids done as a superset of three sets.
Item = str | tuple[str, int] | list[str]


def planned(exercise: Exercise, client: ClientProfile, sets: int = 3) -> PlannedExercise:
    """``exercise`` as the model would plan it for ``client``, for ``sets`` sets."""
    return PlannedExercise(
        exercise=exercise,
        sets=sets,
        prescription=prescribe(exercise, client.goal, client.level),
        reason=f"{exercise.name} for the test",
    )


def _superset(
    ids: list[str], letter: str, client: ClientProfile, catalogue: Catalogue
) -> tuple[PlannedExercise, PlannedExercise]:
    first, second = (planned(catalogue[i], client) for i in ids)
    return (
        replace(
            first,
            superset=letter,
            reason=f"{first.reason}; {pairing_note(second.exercise, letter + '2')}",
        ),
        replace(
            second,
            superset=letter,
            reason=f"{second.reason}; {pairing_note(first.exercise, letter + '1')}",
        ),
    )


def _seconds(exercises: Sequence[PlannedExercise]) -> int:
    total, index = 0, 0
    while index < len(exercises):
        step = exercises[index : index + (2 if exercises[index].superset else 1)]
        works = [p.exercise.work_seconds for p in step]
        total += superset_seconds(step[0].sets, works, [p.prescription.rest_seconds for p in step])
        index += len(step)
    return total


def weekly_template(
    client: ClientProfile,
    sessions: Sequence[Sequence[Item]],
    catalogue: Catalogue | None = None,
    focus: str = "full body",
) -> WeeklyTemplate:
    """A template with one session per training day of ``client``: each session a list of
    exercise ids, (id, sets) pairs or two-id superset lists, in order."""
    catalogue = catalogue or builtin_catalogue()
    built = []
    for day, items in zip(client.training_days, sessions, strict=True):
        exercises: list[PlannedExercise] = []
        letters = iter("ABCD")
        for item in items:
            if isinstance(item, list):
                exercises.extend(_superset(item, next(letters), client, catalogue))
                continue
            exercise_id, sets = item if isinstance(item, tuple) else (item, 3)
            exercises.append(planned(catalogue[exercise_id], client, sets))
        seconds = _seconds(exercises)
        built.append(
            PlannedSession(
                day=day, focus=focus, exercises=tuple(exercises), minutes=session_minutes(seconds)
            )
        )
    return WeeklyTemplate(split="full body", sessions=tuple(built), report=REPORT)


def program_from_template(
    client: ClientProfile, weekly: WeeklyTemplate, catalogue: Catalogue | None = None
) -> Program:
    """The whole programme ``weekly`` progresses into, assembled as the generator does."""
    catalogue = catalogue or builtin_catalogue()
    result = build_weeks(client, weekly, catalogue)
    sets = weekly_sets((p.exercise, p.sets) for s in weekly.sessions for p in s.exercises)
    return Program(
        generated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        profile=client,
        catalogue=catalogue.name,
        catalogue_fingerprint=catalogue.fingerprint,
        split=weekly.split,
        progression=result.scheme,
        weekly_sets=sets,
        weekly_targets=weekly_targets(client.goal, client.level),
        solve=[weekly.report],
        weeks=result.weeks,
    )


def progressed_program(
    client: ClientProfile,
    sessions: Sequence[Sequence[Item]],
    catalogue: Catalogue | None = None,
) -> Program:
    """A whole programme from hand-built sessions (see :func:`weekly_template`)."""
    catalogue = catalogue or builtin_catalogue()
    return program_from_template(client, weekly_template(client, sessions, catalogue), catalogue)


# ----------------------------------------------------- catalogue programmes, for printing

#: Sessions of a printed week: focus and exercise ids, in the order they are done.
#: A pair of ids in a tuple is a superset.
DayPlan = tuple[str, tuple[str | tuple[str, str], ...]]
DAY_PLANS: tuple[DayPlan, ...] = (
    (
        "Lower: glutes",
        (
            "barbell_hip_thrust",
            "romanian_deadlift",
            "dumbbell_bulgarian_split_squat",
            ("sliding_leg_curl", "frog_pump"),
            "plank",
        ),
    ),
    (
        "Upper",
        (
            "bench_press",
            ("dumbbell_row", "dumbbell_shoulder_press"),
            "lat_pulldown",
            "push_up",
            "dead_bug",
        ),
    ),
    (
        "Lower: quads and glutes",
        (
            "back_squat",
            "b_stance_hip_thrust",
            "goblet_squat",
            ("reverse_lunge", "single_leg_glute_bridge"),
            "side_plank",
        ),
    ),
    (
        "Full body: glutes",
        (
            "barbell_hip_thrust",
            "overhead_press",
            "dumbbell_romanian_deadlift",
            ("inverted_row", "kettlebell_hip_thrust"),
            "prone_ytw_raise",
        ),
    ),
    (
        "Glutes and back",
        (
            "barbell_glute_bridge",
            "pull_up",
            "dumbbell_hip_thrust",
            ("band_row", "marching_glute_bridge"),
            "glute_ham_raise",
        ),
    ),
)

#: Starting loads in kg for the externally loaded exercises (lb programmes convert).
START_KG: dict[str, float] = {
    "barbell_hip_thrust": 80,
    "romanian_deadlift": 60,
    "bench_press": 40,
    "back_squat": 60,
    "b_stance_hip_thrust": 50,
    "overhead_press": 30,
    "barbell_glute_bridge": 70,
    "dumbbell_bulgarian_split_squat": 12,
    "dumbbell_row": 20,
    "dumbbell_shoulder_press": 12,
    "goblet_squat": 20,
    "dumbbell_romanian_deadlift": 22,
    "dumbbell_hip_thrust": 30,
    "kettlebell_hip_thrust": 24,
    "lat_pulldown": 40,
}

PLATES = {
    Units.KG: (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
    Units.LB: (45.0, 35.0, 25.0, 10.0, 5.0, 2.5),
}
BAR = {Units.KG: 20.0, Units.LB: 45.0}
STEP = {LoadKind.BARBELL: 2.5, LoadKind.DUMBBELL: 2.0, LoadKind.KETTLEBELL: 4.0}
LoadPer = Literal["total", "dumbbell", "kettlebell"]
LOAD_PER: dict[LoadKind, LoadPer] = {
    LoadKind.DUMBBELL: "dumbbell",
    LoadKind.KETTLEBELL: "kettlebell",
}
PHASES = ("Accumulation", "Intensification", "Realisation")


def plates_for(load: float, units: Units) -> PlateLoad:
    """The bar and the plates per side, heaviest first, that make ``load``."""
    bar = BAR[units]
    left = max(load - bar, 0.0) / 2
    per_side: list[float] = []
    for plate in PLATES[units]:
        while left >= plate - 1e-9:
            per_side.append(plate)
            left -= plate
    return PlateLoad(bar=bar, per_side=per_side)


def _load(exercise: Exercise, week: int, deload: bool, units: Units) -> float | None:
    start = START_KG.get(exercise.id)
    if start is None or not exercise.load_kind.external:
        return None
    factor = 2.2 if units is Units.LB else 1.0
    step = STEP.get(exercise.load_kind, 2.5) * (2 if units is Units.LB else 1)
    load = start * factor * (1 + 0.025 * (week - 1))
    if deload:
        load *= 0.6
    load = round(load / step) * step
    if exercise.load_kind is LoadKind.BARBELL:
        load = max(load, BAR[units])
    return load


def _entry(
    exercise: Exercise,
    order: int,
    label: str,
    superset: str | None,
    week: int,
    deload: bool,
    client: ClientProfile,
) -> ExerciseEntry:
    rx = prescribe(exercise, client.goal, client.level)
    sets = 4 if exercise.is_hip_thrust_family and exercise.load_kind.external else 3
    if deload:
        sets = max(sets - 1, 2)
    span = rx.reps_max - rx.reps_min
    target = rx.reps_min + min(span, (week - 1) % 4 * max(span // 3, 1))
    load = _load(exercise, week, deload, client.units)
    kind = exercise.load_kind
    unloaded: LoadPer | None = "total" if load is not None else None
    return ExerciseEntry(
        order=order,
        label=label,
        superset=superset,
        exercise_id=exercise.id,
        name=exercise.name,
        sets=sets,
        reps_min=rx.reps_min,
        reps_max=rx.reps_max,
        target_reps=target,
        timed=rx.timed,
        load=load,
        load_unit=client.units if load is not None else None,
        load_per=LOAD_PER.get(kind, unloaded),
        plates=plates_for(load, client.units)
        if load is not None and kind is LoadKind.BARBELL
        else None,
        band="green" if kind is LoadKind.BAND else None,
        rest_seconds=0 if superset and label.endswith("1") else rx.rest_seconds,
        rir=min(rx.rir + (2 if deload else 0), 5),
        notes=rx.note,
        reason="chosen for the factory",
    )


def _session(
    plan: DayPlan,
    day: Weekday,
    date: dt.date | None,
    week: int,
    deload: bool,
    client: ClientProfile,
    catalogue: Catalogue,
    supersets: bool,
) -> Session:
    focus, items = plan
    entries: list[ExerciseEntry] = []
    letters = iter("ABCDEFGH")
    for item in items:
        if isinstance(item, tuple) and supersets:
            letter = next(letters)
            for index, exercise_id in enumerate(item, start=1):
                entries.append(
                    _entry(
                        catalogue[exercise_id],
                        len(entries) + 1,
                        f"{letter}{index}",
                        letter,
                        week,
                        deload,
                        client,
                    )
                )
            continue
        for exercise_id in item if isinstance(item, tuple) else (item,):
            order = len(entries) + 1
            entries.append(
                _entry(catalogue[exercise_id], order, str(order), None, week, deload, client)
            )
    minutes = 10 + sum(round(e.sets * (0.75 + e.rest_seconds / 60)) for e in entries)
    return Session(day=day, date=date, focus=focus, estimated_minutes=minutes, exercises=entries)


def catalogue_program(
    *,
    weeks: int = 12,
    days: int = 4,
    units: Units = Units.KG,
    name: str = "Alex Morgan",
    start_date: dt.date | None = dt.date(2025, 3, 3),
    trainer_name: str | None = "Sam Rivera Coaching",
    logo: Path | None = None,
    supersets: bool = True,
    note: str | None = None,
    catalogue: Catalogue | None = None,
    day_plans: Sequence[DayPlan] = DAY_PLANS,
) -> Program:
    """A realistic ``weeks``-week programme of ``days`` sessions a week for
    :func:`printed_profile`, built without the solver: real catalogue exercises and
    prescriptions, barbell loads with plate breakdowns, dumbbell and kettlebell loads,
    timed holds, supersets, a deload every fourth week, and phases.

    ``note``, when given, replaces the notes of the first exercise of every session
    (to test that odd text prints as written).
    """
    catalogue = catalogue or builtin_catalogue()
    client = printed_profile(
        days=days,
        weeks=weeks,
        units=units,
        name=name,
        start_date=start_date,
        trainer_name=trainer_name,
        logo=logo,
    )
    day_list = PRINTED_DAYS[days]
    program_weeks: list[Week] = []
    for number in range(1, weeks + 1):
        deload = number % 4 == 0
        phase = min((number - 1) // 4, len(PHASES) - 1) + 1
        sessions = []
        for plan, day in zip(day_plans, day_list, strict=False):
            date = None
            if start_date is not None:
                date = start_date + dt.timedelta(days=7 * (number - 1) + day.offset)
            session = _session(plan, day, date, number, deload, client, catalogue, supersets)
            if note is not None:
                session.exercises[0].notes = note
            sessions.append(session)
        program_weeks.append(
            Week(
                number=number,
                deload=deload,
                phase=phase,
                phase_name=PHASES[phase - 1],
                sessions=sessions,
            )
        )
    normal = next((w for w in program_weeks if not w.deload), program_weeks[0])
    sets = weekly_sets(
        (catalogue[e.exercise_id], e.sets) for s in normal.sessions for e in s.exercises
    )
    return Program(
        generated_at=dt.datetime(2025, 2, 24, 9, 30, tzinfo=dt.UTC),
        profile=client,
        catalogue=catalogue.name,
        catalogue_fingerprint="0123456789abcdef",
        split="upper/lower" if days == 4 else "full body",
        progression="double progression",
        weekly_sets={muscle: sets[muscle] for muscle in sorted(sets)},
        weekly_targets=weekly_targets(client.goal, client.level),
        solve=[
            SolveReport(status="optimal", objective=12.0, best_bound=12.0, gap=0.0, candidates=54)
        ],
        weeks=program_weeks,
    )


# -------------------------------------------------------------------------- reading PDFs


def pdf_images(pdf: bytes) -> set[tuple[int, int]]:
    """(width, height) of every image in the PDF, however deeply it is drawn."""
    found: set[tuple[int, int]] = set()
    seen: set[int] = set()

    def visit(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for kind in ("/XObject", "/Pattern"):
            for item in (resources.get(kind) or {}).values():
                obj = item.get_object()
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                if obj.get("/Subtype") == "/Image":
                    found.add((int(obj["/Width"]), int(obj["/Height"])))
                visit(obj.get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        visit(page.get("/Resources"))
    return found


# --------------------------------------------------------------------------------------
# Programmes broken on purpose, for the checker's rules held by the prescription
# --------------------------------------------------------------------------------------


def _make_pregnant(p: Program) -> None:
    p.profile.limitations = ["pregnancy"]


def _first_entry(p: Program) -> ExerciseEntry:
    return p.weeks[0].sessions[0].exercises[0]


def _swap_first(p: Program, exercise_id: str, **update: Any) -> None:
    catalogue = builtin_catalogue()
    fields = {"exercise_id": exercise_id, "name": catalogue[exercise_id].name, **update}
    p.weeks[0].sessions[0].exercises[0] = _first_entry(p).model_copy(update=fields)


_UNLOADED: dict[str, Any] = {"load": None, "load_unit": None, "plates": None, "load_per": None}


def lying_flat_in_pregnancy(p: Program) -> None:
    _make_pregnant(p)
    _swap_first(p, "glute_bridge", **_UNLOADED)


def hard_sets_in_pregnancy(p: Program) -> None:
    _make_pregnant(p)
    _first_entry(p).rir = 1


#: How a rep-max test was worded, before the planner stopped asking for one: the checker
#: must still catch it in a hand-made programme.
MAX_TEST_NOTE = "find your 10-rep max: warm up, then add the smallest step each set"


def max_test_in_pregnancy(p: Program) -> None:
    _make_pregnant(p)
    _first_entry(p).notes = MAX_TEST_NOTE


def no_warning_page_in_pregnancy(p: Program) -> None:
    _make_pregnant(p)
    p.cautions.clear()


def chin_ups_past_their_ceiling(p: Program) -> None:
    _swap_first(p, "chin_up", **_UNLOADED, timed=False, reps_min=10, reps_max=20, target_reps=20)


#: A change that breaks each rule held by the prescription, on any generated plan.
PROGRAMME_BREAKERS_BY_POPULATION: dict[str, Callable[[Program], None]] = {
    "pregnancy_positions": lying_flat_in_pregnancy,
    "pregnancy_effort": hard_sets_in_pregnancy,
    "pregnancy_no_max_tests": max_test_in_pregnancy,
    "pregnancy_warning_signs": no_warning_page_in_pregnancy,
    "rep_ceilings": chin_ups_past_their_ceiling,
}


def a_week_without_sessions(p: Program) -> None:
    p.weeks[0].sessions.clear()


def a_load_that_is_not_a_number(p: Program) -> None:
    _first_entry(p).load = float("nan")
    _first_entry(p).load_unit = p.profile.units


def a_hundred_thousand_sets(p: Program) -> None:
    _first_entry(p).sets = 100_000


#: A change that breaks each rule on the numbers themselves (``rules/sanity.py``), on any
#: generated plan: what a hand-edited or tampered programme file may hold.
PROGRAMME_BREAKERS_OF_SANITY: dict[str, Callable[[Program], None]] = {
    "programme_not_empty": a_week_without_sessions,
    "loads_in_range": a_load_that_is_not_a_number,
    "sets_and_reps_in_range": a_hundred_thousand_sets,
}
