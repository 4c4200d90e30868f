"""History from other apps: the CSV exports of Hevy and Strong, read to seed estimated maxes.

Both apps export one row per set (``docs/progression.md``, "History from other apps"):

- Hevy: ``title, start_time, end_time, description, exercise_title, superset_id,
  exercise_notes, set_index, set_type, weight_kg`` (or ``weight_lbs``), ``reps,
  distance_km, duration_seconds, rpe``; ``start_time`` like ``26 Jul 2025, 07:06``;
  warm-up sets (``set_type`` ``warmup``) are skipped.
- Strong: ``Date, Workout Name, Duration, Exercise Name, Set Order, Weight, Reps,
  Distance, Seconds, Notes, Workout Notes, RPE``; some versions separate fields with
  ``;`` and write decimals with a comma. Strong's weight is in the app's unit, taken to
  be the plan's.

Exercise names such as ``Hip Thrust (Barbell)`` are matched to catalogue ids through the
catalogue's names and aliases, the equipment in brackets read as a prefix; names that
match nothing are reported, never guessed. An RPE becomes reps in reserve (10 - RPE).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId
from thrustplan.planner.progression.judge import LoggedSet
from thrustplan.planner.progression.loads import convert
from thrustplan.planner.progression.starts import LiftStart
from thrustplan.rules.profile import Units, Weekday
from thrustplan.rules.strength import max_from_set

App = Literal["Hevy", "Strong"]
#: Weeks of history, back from the last workout, that an estimate is read from.
RECENT_WEEKS = 8
#: Words in brackets after a name, as the catalogue spells the equipment.
_EQUIPMENT_WORDS = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "machine": "machine",
    "cable": "cable",
    "kettlebell": "kettlebell",
    "smith machine": "smith machine",
    "band": "band",
    "bodyweight": "",
    "weighted": "weighted",
}


class HistoryError(ValueError):
    """An export that cannot be read at all; names the columns it lacks."""


@dataclass(frozen=True)
class HistorySet:
    """One working set from another app, in the plan's units."""

    line: int
    date: dt.datetime
    name: str
    exercise_id: ExerciseId
    load: float | None
    reps: int
    rir: int | None


@dataclass
class History:
    """An export's working sets that matched the catalogue, and the names that did not."""

    app: App
    sets: list[HistorySet] = field(default_factory=list)
    unmapped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line: what was read, and which names did not map (with their set counts)."""
        ids = len({s.exercise_id for s in self.sets})
        line = f"{self.app} history: {len(self.sets)} sets of {ids} exercises read"
        if self.unmapped:
            names = ", ".join(f"{n} ({c})" for n, c in sorted(self.unmapped.items()))
            line += f"; not in the catalogue, skipped: {names}"
        return line


def detect(text: str) -> App | None:
    """Which app wrote ``text``, from its header; None for anything else.

    >>> detect("title,start_time,end_time,exercise_title,set_index,set_type,weight_kg,reps")
    'Hevy'
    >>> detect('"Date";"Workout Name";"Exercise Name";"Set Order";"Weight";"Reps"')
    'Strong'
    >>> detect("week,day,exercise_id,set,load,reps,rir") is None
    True
    """
    header = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    if "exercise_title" in header and "set_type" in header:
        return "Hevy"
    if "exercise name" in header and "set order" in header:
        return "Strong"
    return None


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def name_index(catalogue: Catalogue) -> dict[str, ExerciseId]:
    """Every name, alias and id of the catalogue, normalised, to its exercise id."""
    index: dict[str, ExerciseId] = {}
    for exercise in catalogue.exercises():
        for name in (exercise.id, exercise.name, *exercise.aliases):
            index.setdefault(_normal(name), exercise.id)
    return index


def match_name(name: str, index: Mapping[str, ExerciseId]) -> ExerciseId | None:
    """The catalogue id of an app's exercise name, or None.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> index = name_index(builtin_catalogue())
    >>> match_name("Hip Thrust (Barbell)", index), match_name("Lying Leg Curl (Machine)", index)
    ('barbell_hip_thrust', 'lying_leg_curl')
    >>> match_name("Bench Press (Dumbbell)", index), match_name("Plank", index)
    ('dumbbell_bench_press', 'plank')
    >>> match_name("Zercher Carry (Sandbag)", index) is None
    True
    """
    found = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", name)
    base, kind = (found.group(1), found.group(2)) if found else (name, "")
    base, kind = _normal(base), _normal(kind)
    prefix = _EQUIPMENT_WORDS.get(kind, kind)
    for candidate in (f"{prefix} {base}".strip(), f"{base} {prefix}".strip(), base):
        if candidate in index:
            return index[candidate]
    return None


def _number(text: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    # "inf" and "nan" parse, but are no weight, reps or RPE anyone logged.
    return value if math.isfinite(value) else None


def _rir(rpe: str) -> int | None:
    value = _number(rpe)
    return None if value is None or not 1 <= value <= 10 else max(0, round(10 - value))


@dataclass(frozen=True)
class _Columns:
    date: str
    name: str
    weight: str
    reps: str
    rpe: str
    kind: str | None
    unit: Units | None


def _columns(app: App, header: Sequence[str]) -> _Columns:
    if app == "Hevy":
        weight = "weight_kg" if "weight_kg" in header else "weight_lbs"
        unit = Units.KG if weight == "weight_kg" else Units.LB
        return _Columns("start_time", "exercise_title", weight, "reps", "rpe", "set_type", unit)
    return _Columns("Date", "Exercise Name", "Weight", "Reps", "RPE", None, None)


def _date(text: str) -> dt.datetime | None:
    for pattern in ("%d %b %Y, %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    return None


def read_history(text: str, catalogue: Catalogue, units: Units) -> History:
    """The working sets of a Hevy or Strong export, matched to ``catalogue``, in ``units``.

    Raises :class:`HistoryError` for a file that is neither app's export.
    """
    app = detect(text)
    if app is None:
        raise HistoryError(
            "not a Hevy or Strong export: Hevy's header names exercise_title and set_type, "
            "Strong's Exercise Name and Set Order"
        )
    body = text.lstrip("\ufeff")
    delimiter = (
        ";" if body.split("\n", 1)[0].count(";") > body.split("\n", 1)[0].count(",") else ","
    )
    reader = csv.DictReader(io.StringIO(body), delimiter=delimiter)
    columns = _columns(app, reader.fieldnames or [])
    index = name_index(catalogue)
    history = History(app)
    for row in reader:
        found = _set(row, reader.line_num, columns, index, units)
        if isinstance(found, HistorySet):
            history.sets.append(found)
        elif found:
            history.unmapped[found] += 1
    return history


def _set(
    row: Mapping[str, str | None],
    line: int,
    columns: _Columns,
    index: Mapping[str, ExerciseId],
    units: Units,
) -> HistorySet | str | None:
    """A working set, the name that did not map, or None for a row to pass over."""

    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    if columns.kind and cell(columns.kind).lower() == "warmup":
        return None
    name, reps, when = cell(columns.name), _number(cell(columns.reps)), _date(cell(columns.date))
    if not name or reps is None or reps < 1 or when is None:
        return None
    exercise_id = match_name(name, index)
    if exercise_id is None:
        return name
    weight = _number(cell(columns.weight))
    load = None if not weight else convert(weight, columns.unit or units, units)
    return HistorySet(line, when, name, exercise_id, load, int(reps), _rir(cell(columns.rpe)))


def seeds(history: History, units: Units) -> dict[ExerciseId, LiftStart]:
    """Each loaded exercise's best estimated max over the last weeks of the history, with
    a note naming the set it came from (an unlogged RPE counts as no reps in reserve)."""
    loaded = [s for s in history.sets if s.load]
    if not loaded:
        return {}
    since = max(s.date for s in loaded) - dt.timedelta(weeks=RECENT_WEEKS)
    best: dict[ExerciseId, tuple[float, HistorySet]] = {}
    for s in loaded:
        assert s.load is not None
        estimate = max_from_set(s.load, s.reps, s.rir or 0)
        if s.date >= since and estimate > best.get(s.exercise_id, (0.0, s))[0]:
            best[s.exercise_id] = (estimate, s)
    return {
        i: LiftStart(
            estimate,
            f"from your {history.app} history: {s.load:g} {units.value} x {s.reps} "
            f"on {s.date:%d %b %Y}",
        )
        for i, (estimate, s) in best.items()
    }


@dataclass(frozen=True)
class HistoryRow(LoggedSet):
    """A history set placed in a plan's session, as the re-planner reads a log row.

    It is the judge's logged set with the history line it came from, for messages.
    """

    line: int


def place(
    history: History, sessions: Sequence[tuple[int, Weekday]], start: dt.date | None
) -> list[HistoryRow]:
    """The history's sets placed in the plan's ``sessions`` (week, day, in order): by date
    when the plan has a ``start`` date, else the n-th workout as the n-th session."""
    days = sorted({s.date.date() for s in history.sets})
    order = {day: i for i, day in enumerate(days)}
    placed: list[HistoryRow] = []
    for s in history.sets:
        if start is not None:
            week, day = (s.date.date() - start).days // 7 + 1, list(Weekday)[s.date.weekday()]
        elif order[s.date.date()] < len(sessions):
            week, day = sessions[order[s.date.date()]]
        else:
            continue
        placed.append(HistoryRow(week, day, s.exercise_id, s.load, s.reps, s.rir, line=s.line))
    return placed
