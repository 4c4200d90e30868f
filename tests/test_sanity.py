"""The checks on the numbers themselves: a sound plan passes, and each number a plan could
not hold (no weeks, NaN, infinity, 1e9 kg, 100,000 sets) is a located violation."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import catalogue_program
from thrustplan.app.inputs import InputError, read_program
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.rules.profile import Units
from thrustplan.rules.program import ExerciseEntry, PlateLoad, Program
from thrustplan.rules.sanity import (
    MAX_LOAD,
    check_loads_in_range,
    check_programme_not_empty,
    check_sets_and_reps_in_range,
)
from thrustplan.rules.violation import Violation

CATALOGUE = builtin_catalogue()
SANITY = (check_programme_not_empty, check_loads_in_range, check_sets_and_reps_in_range)


@pytest.fixture(scope="module")
def sound() -> Program:
    return catalogue_program(weeks=2, days=3)


def _found(program: Program) -> list[Violation]:
    return [v for check in SANITY for v in check(program, CATALOGUE)]


def _loaded(program: Program) -> ExerciseEntry:
    """The first barbell exercise of the first week, with its plates."""
    return next(e for s in program.weeks[0].sessions for e in s.exercises if e.plates is not None)


def test_a_sound_plan_passes(sound: Program) -> None:
    assert _found(sound) == []


def test_a_programme_without_weeks_is_empty(sound: Program) -> None:
    empty = sound.model_copy(update={"weeks": []})
    assert [str(v) for v in _found(empty)] == ["[programme_not_empty] the programme has no weeks"]


def test_a_week_without_sessions_is_located(sound: Program) -> None:
    broken = sound.model_copy(deep=True)
    broken.weeks[1].sessions.clear()
    assert [(v.rule, v.week) for v in _found(broken)] == [("programme_not_empty", 2)]


Change = Callable[[ExerciseEntry], None]


def _set(field: str, value: object) -> Change:
    return lambda entry: setattr(entry, field, value)


@pytest.mark.parametrize(
    ("change", "rule", "words"),
    [
        (_set("load", math.nan), "loads_in_range", "NaN"),
        (_set("load", math.inf), "loads_in_range", "Infinity"),
        (_set("load", 1e9), "loads_in_range", "1e+09 kg"),
        (_set("plates", PlateLoad(bar=20, per_side=[math.nan])), "loads_in_range", "plates"),
        (_set("plates", PlateLoad(bar=20, per_side=[600.0])), "loads_in_range", "1220"),
        (_set("plates", PlateLoad(bar=20, per_side=[0.0])), "loads_in_range", "plates"),
        (_set("sets", 100_000), "sets_and_reps_in_range", "100000 sets"),
        (_set("sets", 0), "sets_and_reps_in_range", "0 sets"),
        (_set("reps_max", 5000), "sets_and_reps_in_range", "reps_max 5000"),
        (_set("target_reps", -3), "sets_and_reps_in_range", "target_reps -3"),
        (_set("rest_seconds", 86_400), "sets_and_reps_in_range", "rest 86400 s"),
    ],
)
def test_a_number_no_plan_holds_is_located(
    sound: Program, change: Change, rule: str, words: str
) -> None:
    broken = sound.model_copy(deep=True)
    entry = _loaded(broken)
    change(entry)
    found = _found(broken)
    assert [v.rule for v in found] == [rule]
    assert (found[0].week, found[0].day, found[0].exercise_id) == (
        1,
        broken.weeks[0].sessions[0].day,
        entry.exercise_id,
    )
    assert words in found[0].message


def test_the_ceiling_follows_the_unit(sound: Program) -> None:
    heavy = MAX_LOAD[Units.KG] + 100
    broken = sound.model_copy(deep=True)
    entry = _loaded(broken)
    entry.plates = None
    entry.load, entry.load_unit = heavy, Units.LB
    assert _found(broken) == []
    entry.load_unit = Units.KG
    assert [v.rule for v in _found(broken)] == ["loads_in_range"]


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d, "surprise"),
        (lambda d: d["weeks"][0], "weeks.0.surprise"),
        (lambda d: d["weeks"][0]["sessions"][1], "weeks.0.sessions.1.surprise"),
        (
            lambda d: d["weeks"][0]["sessions"][0]["exercises"][2],
            "weeks.0.sessions.0.exercises.2.surprise",
        ),
        (lambda d: d["solve"][0], "solve.0.surprise"),
    ],
)
def test_a_field_the_schema_does_not_know_is_named_with_its_path(
    sound: Program,
    tmp_path: Path,
    where: Callable[[dict[str, object]], dict[str, object]],
    path: str,
) -> None:
    data = json.loads(sound.model_dump_json())
    where(data)["surprise"] = 1
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(data))
    with pytest.raises(InputError, match=f"field {re.escape(path)}: Extra inputs"):
        read_program(plan)


def test_a_saved_plan_reads_back_whole(sound: Program, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(sound.model_dump_json())
    assert read_program(plan) == sound
