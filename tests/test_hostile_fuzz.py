"""Fuzzing the parsers and the command line with generated hostile input.

Each parser may accept what it is given or refuse it with its own error, which the
command line turns into exit status 2; any other exception would be a traceback for a
user. The command line is run on generated files through a subprocess with a time
limit: its status is one of the documented ones, it prints no traceback, and it changes
no input file.
"""

from __future__ import annotations

import csv
import json
import string
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_cli import EXAMPLES, PLAN_LIMIT, VALID_FIELDS, digest, thrustplan
from thrustplan.app.inputs import (
    PROFILE_LIMITS,
    InputError,
    check_program_bounds,
    parse_json,
    parse_yaml,
    read_program,
)
from thrustplan.app.roster import RosterError, read_roster
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.vocabulary import UnknownWordError
from thrustplan.planner.progression.replan import LogError, parse_log
from thrustplan.rules.profile import ClientProfile, ProfileError, parse_profile
from thrustplan.rules.program import Program

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: The command line is slower: a run that plans prints a PDF.
FUZZ_CLI = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
#: Errors that mean "refused, with a message naming the field": exit 2.
REFUSALS = (InputError, ProfileError, UnknownWordError, RosterError)
#: Every top-level field of a profile, the fuzz's keys.
FIELDS = list(ClientProfile.model_fields)
VALID = VALID_FIELDS

hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["\x1b[31m", "=1+1", "\n", "\x00", "\u202e", "A" * 500, "2027-02-30", "9999-12-27"]
    ),
)
hostile_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e400, 10**6, 0.0001, 2.5, 20]),
)
leaves = st.one_of(st.none(), st.booleans(), hostile_numbers, hostile_text)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
profiles = st.builds(
    lambda base, extra: {**base, **extra},
    st.just(VALID),
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=4),
)
plates = st.dictionaries(hostile_numbers, hostile_numbers, max_size=6)


def refused_or_parsed(call: Any, *args: Any) -> Any:
    """``call(*args)``, or ``None`` when it refuses with one of :data:`REFUSALS`."""
    try:
        return call(*args)
    except REFUSALS:
        return None


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


# --- the parsers ----------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=300))
def test_any_text_is_parsed_or_refused_as_yaml(text: str) -> None:
    refused_or_parsed(parse_yaml, text, "t")


@FUZZ
@given(st.text(alphabet=string.printable, max_size=300))
def test_any_text_is_parsed_or_refused_as_json(text: str) -> None:
    refused_or_parsed(parse_json, text, "t", PROFILE_LIMITS)


@FUZZ
@given(profiles)
def test_any_profile_is_accepted_or_refused_by_field(data: dict[str, Any]) -> None:
    parsed = refused_or_parsed(parse_yaml, dump(data), "t")
    if parsed is not None:
        refused_or_parsed(parse_profile, parsed)


@FUZZ
@given(plates, hostile_numbers)
def test_any_plate_kit_is_accepted_or_refused(kit: dict[Any, Any], bar: Any) -> None:
    data = {**VALID, "equipment": ["barbell"], "barbell": {"bar": bar, "plates": kit}}
    profile = refused_or_parsed(parse_profile, data)
    if profile is not None:
        from thrustplan.planner.progression.loads import barbell_loads

        assert len(barbell_loads(profile.barbell)) <= 20_001


@FUZZ
@given(st.lists(st.lists(hostile_text, max_size=9), max_size=6), st.sampled_from(["csv", "jsonl"]))
def test_any_roster_is_read_or_refused_and_its_rows_judged(
    cells: list[list[str]], kind: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"r.{kind}"
        if kind == "csv":
            with path.open("w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows([list(VALID), *cells])
        else:
            path.write_text("\n".join("".join(row) for row in cells), encoding="utf-8")
        rows = refused_or_parsed(read_roster, path) or []
        for row in rows:
            assert isinstance(row.label, str)
            if row.problem is None:
                refused_or_parsed(parse_profile, row.fields)


@FUZZ
@given(st.lists(st.lists(hostile_text, min_size=7, max_size=8), max_size=8))
def test_any_log_is_read_or_refused(rows: list[list[str]]) -> None:
    program = Program.model_validate_json((EXAMPLES / "logs" / "sample-plan.json").read_bytes())
    text = "week,day,exercise_id,set,load,reps,rir\n" + "\n".join(",".join(r) for r in rows)
    try:
        log = parse_log(text, program, builtin_catalogue())
    except (LogError, csv.Error):  # the service refuses both with exit 2
        return
    # Each used or skipped row is a line of its own (a cell may hold a line break).
    assert len(log.rows) + len(log.problems) <= text.count("\n") + text.count("\r")
    assert all(0 <= row.load <= 1000 for row in log.rows if row.load is not None)


def mutate(data: Any, path: list[Any], value: Any) -> Any:
    """``data`` with the value at ``path`` (as far as it leads) replaced by ``value``."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    key = path[0] % len(data) if isinstance(data, list) else sorted(data)[path[0] % len(data)]
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[key] = mutate(data[key], path[1:], value)
    return copy


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=50), max_size=7), values)
def test_any_tampered_programme_is_read_or_refused(path: list[int], value: Any) -> None:
    original = json.loads((EXAMPLES / "logs" / "sample-plan.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.json"
        plan.write_text(json.dumps(mutate(original, path, value)), encoding="utf-8")
        program = refused_or_parsed(read_program, plan)
        if program is not None:
            refused_or_parsed(check_program_bounds, program, plan)


# --- the command line, on generated files ------------------------------------------------


@FUZZ_CLI
@given(profiles)
def test_plan_on_any_generated_profile_exits_as_documented(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        profile = where / "profile.yaml"
        profile.write_text(dump(data), encoding="utf-8")
        before = digest([profile])
        run = thrustplan("plan", "profile.yaml", "-o", "out.pdf", cwd=where, limit=PLAN_LIMIT)
        assert run.status in (0, 2, 3), run.text
        assert digest([profile]) == before


@FUZZ_CLI
@given(st.lists(st.integers(min_value=0, max_value=50), max_size=7), values)
def test_replan_on_any_tampered_programme_exits_as_documented(path: list[int], value: Any) -> None:
    original = json.loads((EXAMPLES / "logs" / "sample-plan.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        plan, log = where / "plan.json", where / "log.csv"
        plan.write_text(json.dumps(mutate(original, path, value)), encoding="utf-8")
        log.write_bytes((EXAMPLES / "logs" / "sample-log.csv").read_bytes())
        before = digest([plan, log])
        run = thrustplan(
            "replan", "plan.json", "log.csv", "-o", "next.pdf", cwd=where, limit=PLAN_LIMIT
        )
        assert run.status in (0, 2, 3), run.text
        assert digest([plan, log]) == before
