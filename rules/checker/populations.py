"""Checks held by the prescription rather than the weekly model: rep ranges and rep
ceilings, and the pregnancy rules.
"""

from __future__ import annotations

from collections.abc import Iterator

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules.bodyweight import rep_ceiling
from thrustplan.rules.checker.reading import (
    Violation,
    entry_exercise,
    per_entry,
    program_sessions,
)
from thrustplan.rules.populations import (
    CLEARANCE,
    PREGNANCY,
    PREGNANCY_MIN_RIR,
    PREGNANCY_WARNING_SIGNS,
    avoided_stresses,
    is_max_test,
    limitation_rep_ceiling,
    past_first_trimester,
)
from thrustplan.rules.program import ExerciseEntry, Program


def check_prescriptions(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Orders run 1..n; target reps sit inside the range; a load has a unit."""
    for week, session in program_sessions(program):
        orders = sorted(e.order for e in session.exercises)
        if orders != list(range(1, len(orders) + 1)):
            yield Violation(
                "prescriptions", f"orders {orders} are not 1..n", week.number, session.day
            )
        for entry in session.exercises:
            problems = []
            if not entry.reps_min <= entry.target_reps <= entry.reps_max:
                problems.append(
                    f"target {entry.target_reps} reps outside {entry.reps_min}-{entry.reps_max}"
                )
            if (entry.load is None) != (entry.load_unit is None):
                problems.append("a load needs a unit and a unit needs a load")
            if entry.load is not None and entry.load <= 0:
                problems.append(f"load {entry.load} is not positive")
            for problem in problems:
                yield Violation(
                    "prescriptions", problem, week.number, session.day, entry.exercise_id
                )


def _pregnant(program: Program) -> bool:
    return PREGNANCY in program.profile.limitations


def check_pregnancy_positions(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, once the plan reaches the second trimester, nothing lying flat on the
    back or on the belly (ACOG Committee Opinion 804), nor held in a full plank over the
    floor (practitioner: the abdominal wall, not either guideline)."""
    profile = program.profile
    if not _pregnant(program) or not past_first_trimester(profile.pregnancy_week, profile.weeks):
        return
    later = avoided_stresses(PREGNANCY) - avoided_stresses(PREGNANCY, after_first_trimester=False)

    def lying(entry: ExerciseEntry) -> str | None:
        exercise = entry_exercise(entry, catalogue)
        flat = sorted(set(exercise.stresses) & later) if exercise else []
        return f"{', '.join(flat)} after the first trimester" if flat else None

    yield from per_entry(program, "pregnancy_positions", lying)


def _little_reserve(entry: ExerciseEntry) -> str | None:
    if entry.rir >= PREGNANCY_MIN_RIR:
        return None
    return f"RIR {entry.rir}; pregnancy needs {PREGNANCY_MIN_RIR} or more"


def check_pregnancy_effort(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, every set leaves at least 3 reps in reserve (ACOG 804; Mottola 2018)."""
    if _pregnant(program):
        yield from per_entry(program, "pregnancy_effort", _little_reserve)


def check_pregnancy_no_max_tests(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, no rep-max test anywhere (ACOG 804)."""
    if _pregnant(program):
        yield from per_entry(
            program,
            "pregnancy_no_max_tests",
            lambda entry: "asks for a rep-max test" if is_max_test(entry.notes) else None,
        )


def check_pregnancy_warning_signs(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """In pregnancy, the plan carries the page of warning signs and the call for a
    clinician's clearance (ACOG 804)."""
    if not _pregnant(program):
        return
    pages = [c for c in program.cautions if c.limitation == PREGNANCY]
    text = " ".join(f"{c.intro} {' '.join(c.items)}" for c in pages)
    missing = [sign for sign in PREGNANCY_WARNING_SIGNS if sign not in text]
    if CLEARANCE not in text:
        missing.insert(0, "clinician's clearance")
    if missing:
        yield Violation("pregnancy_warning_signs", f"the safety page lacks: {', '.join(missing)}")


def check_rep_ceilings(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """No unloaded upper-body set above its ceiling (pull-ups 12, hard push-ups 15, easy
    ones 20) and, for sore knees, no lunge set above 12 reps."""
    limitations = program.profile.limitations

    def over(entry: ExerciseEntry) -> str | None:
        exercise = entry_exercise(entry, catalogue)
        if exercise is None or entry.timed:
            return None
        ceilings = [rep_ceiling(exercise), limitation_rep_ceiling(exercise, limitations)]
        ceiling = min((c for c in ceilings if c is not None), default=None)
        if ceiling is None or max(entry.target_reps, entry.reps_max) <= ceiling:
            return None
        return f"{entry.target_reps} reps (range to {entry.reps_max}); at most {ceiling}"

    return per_entry(program, "rep_ceilings", over)
