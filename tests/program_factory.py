"""Realistic programmes for the rendering and export tests, built without the solver.

The sessions use real exercise ids from the built-in catalogue and the prescription
rules, so the printed pages look like the generator's output: barbell loads with plate
breakdowns, dumbbell and kettlebell loads, timed holds, supersets, deload weeks and
phases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.exercise_db.models import Exercise, LoadKind
from thrustplan.rules.goals import Goal
from thrustplan.rules.prescription import prescribe
from thrustplan.rules.profile import Branding, ClientProfile, Units, Weekday
from thrustplan.rules.program import ExerciseEntry, PlateLoad, Program, Session, SolveReport, Week
from thrustplan.rules.volume import weekly_sets, weekly_targets

#: Sessions of a weekly template: focus and exercise ids, in the order they are done.
#: A pair of ids in a tuple is a superset.
DAY_PLANS: tuple[tuple[str, tuple[str | tuple[str, str], ...]], ...] = (
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
DAYS = {
    3: (Weekday.MON, Weekday.WED, Weekday.FRI),
    4: (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.FRI),
    5: (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.FRI, Weekday.SAT),
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
    profile: ClientProfile,
) -> ExerciseEntry:
    rx = prescribe(exercise, profile.goal, profile.level)
    sets = 4 if exercise.is_hip_thrust_family and exercise.load_kind.external else 3
    if deload:
        sets = max(sets - 1, 2)
    span = rx.reps_max - rx.reps_min
    target = rx.reps_min + min(span, (week - 1) % 4 * max(span // 3, 1))
    load = _load(exercise, week, deload, profile.units)
    kind = exercise.load_kind
    load_per = {
        LoadKind.DUMBBELL: "dumbbell",
        LoadKind.KETTLEBELL: "kettlebell",
    }.get(kind, "total" if load is not None else None)
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
        load_unit=profile.units if load is not None else None,
        load_per=load_per,  # type: ignore[arg-type]
        plates=plates_for(load, profile.units)
        if load is not None and kind is LoadKind.BARBELL
        else None,
        band="green" if kind is LoadKind.BAND else None,
        rest_seconds=0 if superset and label.endswith("1") else rx.rest_seconds,
        rir=min(rx.rir + (2 if deload else 0), 5),
        notes=rx.note,
        reason="chosen for the factory",
    )


def _session(
    plan: tuple[str, tuple[str | tuple[str, str], ...]],
    day: Weekday,
    date: dt.date | None,
    week: int,
    deload: bool,
    profile: ClientProfile,
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
                        profile,
                    )
                )
            continue
        for exercise_id in item if isinstance(item, tuple) else (item,):
            order = len(entries) + 1
            entries.append(
                _entry(catalogue[exercise_id], order, str(order), None, week, deload, profile)
            )
    minutes = 10 + sum(round(e.sets * (0.75 + e.rest_seconds / 60)) for e in entries)
    return Session(day=day, date=date, focus=focus, estimated_minutes=minutes, exercises=entries)


def make_profile(
    *,
    days: int = 4,
    weeks: int = 12,
    units: Units = Units.KG,
    name: str = "Alex Morgan",
    start_date: dt.date | None = dt.date(2025, 3, 3),
    trainer_name: str | None = "Sam Rivera Coaching",
    logo: Path | None = None,
) -> ClientProfile:
    equipment = ["barbell", "bench", "squat_rack", "dumbbells", "kettlebells", "cable"]
    equipment += ["bands", "mini_bands", "ghd", "pull_up_bar"]
    return ClientProfile(
        name=name,
        goal=Goal.GLUTES,
        level="intermediate",  # type: ignore[arg-type]
        days_per_week=days,
        days=list(DAYS[days]),
        session_minutes=60,
        weeks=weeks,
        units=units,
        equipment=equipment,
        start_date=start_date,
        trainer=Branding(name=trainer_name, logo=logo) if trainer_name or logo else None,
    )


def make_program(
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
    day_plans: Sequence[tuple[str, tuple[str | tuple[str, str], ...]]] = DAY_PLANS,
) -> Program:
    """A ``weeks``-week programme of ``days`` sessions a week, deloading every fourth week.

    ``note``, when given, replaces the notes of the first exercise of every session
    (to test that odd text prints as written).
    """
    catalogue = catalogue or builtin_catalogue()
    profile = make_profile(
        days=days,
        weeks=weeks,
        units=units,
        name=name,
        start_date=start_date,
        trainer_name=trainer_name,
        logo=logo,
    )
    day_list = DAYS[days]
    program_weeks: list[Week] = []
    for number in range(1, weeks + 1):
        deload = number % 4 == 0
        phase = min((number - 1) // 4, len(PHASES) - 1) + 1
        sessions = []
        for plan, day in zip(day_plans, day_list, strict=False):
            date = None
            if start_date is not None:
                date = start_date + dt.timedelta(days=7 * (number - 1) + list(Weekday).index(day))
            session = _session(plan, day, date, number, deload, profile, catalogue, supersets)
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
    planned = weekly_sets(
        (catalogue[e.exercise_id], e.sets) for s in normal.sessions for e in s.exercises
    )
    return Program(
        generated_at=dt.datetime(2025, 2, 24, 9, 30, tzinfo=dt.UTC),
        profile=profile,
        catalogue=catalogue.name,
        catalogue_fingerprint="0123456789abcdef",
        split="upper/lower" if days == 4 else "full body",
        progression="double progression",
        weekly_sets={muscle: planned[muscle] for muscle in sorted(planned)},
        weekly_targets=weekly_targets(profile.goal, profile.level),
        solve=[
            SolveReport(status="optimal", objective=12.0, best_bound=12.0, gap=0.0, candidates=54)
        ],
        weeks=program_weeks,
    )
