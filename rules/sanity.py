"""Hard rules on the numbers themselves: a programme file holds weeks, sessions, and loads,
sets and reps a person could do.

The other checks read a programme as a coach would and take its numbers on trust; a file
edited by hand, or written by another tool, may hold no weeks at all, a load of NaN or
1e9, or a hundred thousand sets. These checks trust nothing: each number must be finite
and inside the range any plan of ours could hold, or it is a violation located to the
week, the session and the exercise.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules.profile import Units
from thrustplan.rules.program import ExerciseEntry, PlateLoad, Program
from thrustplan.rules.violation import Violation

#: The heaviest load any set may carry, by unit: above the heaviest raw deadlift on record
#: (about 500 kg), so that only a typing slip or a tampered file reaches it.
MAX_LOAD = {Units.KG: 1000.0, Units.LB: 2200.0}
#: Most sets of one exercise in one session; our plans prescribe at most five.
MAX_SETS = 20
#: Most reps (or seconds of holding, for timed work) in one set.
MAX_REPS = 100
#: Longest rest between sets, in seconds.
MAX_REST_SECONDS = 600


def load_problem(load: float, unit: Units | None) -> str | None:
    """What is wrong with ``load`` as a load to lift, or None when nothing is.

    Whether a load is positive, and has a unit, is the ``prescriptions`` rule's concern.

    >>> load_problem(60.0, Units.KG) is None
    True
    >>> load_problem(float("nan"), Units.KG)
    'load NaN is not a number a client can lift'
    >>> load_problem(float("-inf"), Units.KG)
    'load -Infinity is not a number a client can lift'
    >>> load_problem(1500, Units.KG)
    'load 1500 kg is more than the 1000 kg any client lifts'
    >>> load_problem(1500, Units.LB) is None
    True
    """
    if not math.isfinite(load):
        # Spelled as the programme's JSON spells it, so the reader can find it in the file.
        spelled = "NaN" if math.isnan(load) else f"{'-' if load < 0 else ''}Infinity"
        return f"load {spelled} is not a number a client can lift"
    unit = unit or Units.KG
    if load > MAX_LOAD[unit]:
        return f"load {load:g} {unit} is more than the {MAX_LOAD[unit]:g} {unit} any client lifts"
    return None


def _plates_problem(plates: PlateLoad, unit: Units | None) -> str | None:
    """What is wrong with a barbell set-up: a plate or bar that is not a finite positive
    weight, or a bar loaded past the heaviest load."""
    weights = [plates.bar, *plates.per_side]
    if not all(math.isfinite(w) and w >= 0 for w in weights) or not all(plates.per_side):
        return f"plates {plates.per_side} on a {plates.bar} bar: not weights a bar can hold"
    total = plates.bar + 2 * sum(plates.per_side)
    if load_problem(total, unit) is not None:
        return f"the bar and its plates weigh {total:g} in all, past any client's load"
    return None


def _entries(program: Program) -> Iterator[tuple[int, str, ExerciseEntry]]:
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                yield week.number, session.day, entry


def check_programme_not_empty(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """A programme holds at least one week, and every week at least one session."""
    if not program.weeks:
        yield Violation("programme_not_empty", "the programme has no weeks")
    for week in program.weeks:
        if not week.sessions:
            yield Violation("programme_not_empty", "the week has no sessions", week.number)


def check_loads_in_range(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every load, and every barbell set-up, is a finite weight no heavier than 1000 kg
    (2200 lb)."""
    for week, day, entry in _entries(program):
        problems = [
            entry.load is not None and load_problem(entry.load, entry.load_unit),
            entry.plates is not None and _plates_problem(entry.plates, entry.load_unit),
        ]
        for problem in problems:
            if problem:
                yield Violation("loads_in_range", problem, week, day, entry.exercise_id)


def _dose_problems(entry: ExerciseEntry) -> Iterator[str]:
    if not 1 <= entry.sets <= MAX_SETS:
        yield f"{entry.sets} sets; an exercise gets 1 to {MAX_SETS}"
    for field in ("reps_min", "reps_max", "target_reps"):
        reps = getattr(entry, field)
        if not 1 <= reps <= MAX_REPS:
            yield f"{field} {reps}; a set holds 1 to {MAX_REPS} reps"
    if not 0 <= entry.rest_seconds <= MAX_REST_SECONDS:
        yield f"rest {entry.rest_seconds} s; rest runs 0 to {MAX_REST_SECONDS} s"


def check_sets_and_reps_in_range(program: Program, catalogue: Catalogue) -> Iterator[Violation]:
    """Every exercise gets 1 to 20 sets of 1 to 100 reps (or seconds), with at most ten
    minutes' rest between sets."""
    for week, day, entry in _entries(program):
        for problem in _dose_problems(entry):
            yield Violation("sets_and_reps_in_range", problem, week, day, entry.exercise_id)
