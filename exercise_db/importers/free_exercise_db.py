"""Convert free-exercise-db (public domain, Unlicense) into a thrustplan catalogue.

free-exercise-db is a JSON list of about 870 records with a name, a category, one piece
of equipment, muscles, force, mechanic, level and instructions. This module maps each
strength-like record onto our vocabularies, infers what the source lacks (pattern,
laterality, stresses, everything a record needs), keeps the source's id and name for
attribution, and reports every record it cannot map with the reason: none is dropped
silently.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from thrustplan.exercise_db.importers.inference import (
    infer_laterality,
    infer_mechanic,
    infer_pattern,
    infer_stresses,
    infer_timed,
    minutes_per_set,
)
from thrustplan.exercise_db.models import EquipmentId, Exercise, Level, LoadKind, Mechanic, MuscleId

SOURCE = "free-exercise-db"
#: Every imported id starts with this, so that a trainer merging the import over the
#: built-in catalogue never replaces one of our curated records (and its guide).
ID_PREFIX = "fedb_"

#: Categories that count as strength training: the records the import is measured on.
STRENGTH_CATEGORIES = frozenset({"strength", "powerlifting"})
#: Also tried, but often need equipment no client has (logs, yokes, tyres).
OTHER_CANDIDATES = frozenset({"olympic weightlifting", "strongman"})

_LEVELS = {"beginner": Level.BEGINNER, "intermediate": Level.INTERMEDIATE, "expert": Level.ADVANCED}

_MUSCLES: Mapping[str, MuscleId] = {
    "abdominals": "abs",
    "abductors": "gluteus_medius",
    "adductors": "adductors",
    "biceps": "biceps",
    "calves": "calves",
    "chest": "chest",
    "forearms": "forearms",
    "glutes": "gluteus_maximus",
    "hamstrings": "hamstrings",
    "lats": "lats",
    "lower back": "lower_back",
    "middle back": "upper_back",
    "quadriceps": "quadriceps",
    "traps": "upper_back",
    "triceps": "triceps",
}

#: The source's equipment word, our equipment and how the load progresses.
_EQUIPMENT: Mapping[str, tuple[tuple[EquipmentId, ...], LoadKind]] = {
    "barbell": (("barbell",), LoadKind.BARBELL),
    # An EZ bar is a short barbell: a straight bar does every one of its exercises.
    "e-z curl bar": (("barbell",), LoadKind.BARBELL),
    "dumbbell": (("dumbbells",), LoadKind.DUMBBELL),
    "kettlebells": (("kettlebells",), LoadKind.KETTLEBELL),
    "cable": (("cable",), LoadKind.CABLE),
    "bands": (("bands",), LoadKind.BAND),
    "body only": (("bodyweight",), LoadKind.BODYWEIGHT),
    "exercise ball": (("stability_ball",), LoadKind.BODYWEIGHT),
    # One ball is one fixed weight: it progresses by reps, like bodyweight work.
    "medicine ball": (("medicine_ball",), LoadKind.BODYWEIGHT),
}


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: Machines named in the record's name, first match wins.
_MACHINES: tuple[tuple[re.Pattern[str], EquipmentId], ...] = (
    (_words(r"smith"), "smith_machine"),
    (_words(r"glute.?ham"), "ghd"),
    (_words(r"leg press|calf press"), "leg_press"),
    (_words(r"leg curl"), "leg_curl_machine"),
    (_words(r"leg extension"), "leg_extension_machine"),
    (_words(r"abductor|adductor"), "hip_abduction_machine"),
    (_words(r"pulldown|pull-down"), "cable"),
)

#: For records whose equipment is "other" or missing: what the name says they need.
_NAMED_EQUIPMENT: tuple[tuple[re.Pattern[str], tuple[EquipmentId, ...], LoadKind], ...] = (
    (_words(r"smith"), ("smith_machine",), LoadKind.MACHINE),
    (_words(r"chain"), ("chains", "bench"), LoadKind.BODYWEIGHT),
    (_words(r"band"), ("bands",), LoadKind.BAND),
    (_words(r"trap bar"), ("trap_bar",), LoadKind.BARBELL),
    (_words(r"ab roller|ab wheel"), ("ab_wheel",), LoadKind.BODYWEIGHT),
    (_words(r"suspended|straps|\brings?\b"), ("suspension_trainer",), LoadKind.BODYWEIGHT),
    (_words(r"weighted pull"), ("pull_up_bar", "dumbbells"), LoadKind.DUMBBELL),
    (_words(r"pull-?ups?|chin|muscle up|gironda"), ("pull_up_bar",), LoadKind.BODYWEIGHT),
    (_words(r"weighted bench dip"), ("bench", "plates"), LoadKind.BODYWEIGHT),
    (_words(r"bench dip"), ("bench",), LoadKind.BODYWEIGHT),
    (_words(r"parallel bar|\bdips?\b"), ("dip_station",), LoadKind.BODYWEIGHT),
    (_words(r"no hyperextension bench"), ("bench",), LoadKind.BODYWEIGHT),
    (_words(r"hyperextension"), ("back_extension_bench",), LoadKind.BODYWEIGHT),
    # A single plate is one fixed weight, so it progresses by reps like bodyweight work.
    (_words(r"plate|svend|otis"), ("plates",), LoadKind.BODYWEIGHT),
    (_words(r"farmer"), ("dumbbells",), LoadKind.DUMBBELL),
    (_words(r"inverted row"), ("barbell", "squat_rack"), LoadKind.BODYWEIGHT),
    (_words(r"box squat"), ("box",), LoadKind.BODYWEIGHT),
    (_words(r"mid row"), ("pull_up_bar",), LoadKind.BODYWEIGHT),
    (_words(r"push-?up|lunge|glute-ham|hamstring slides"), (), LoadKind.BODYWEIGHT),
)

#: Gear no vocabulary word stands for: records that need it are reported, not guessed.
_SPECIALTY: tuple[tuple[re.Pattern[str], str], ...] = (
    (_words(r"sled|drags?\b(?! curl)"), "a sled"),
    (_words(r"tire"), "a tyre"),
    (_words(r"atlas|keg|sandbag"), "stones, kegs or sandbags"),
    (
        _words(r"yoke|rickshaw|\blog\b|circus|conan|car deadlift|power stairs|crucifix|axle"),
        "strongman implements",
    ),
    (_words(r"battling"), "battle ropes"),
    (_words(r"rope climb|london bridge"), "a climbing rope"),
    (_words(r"balance board"), "a balance board"),
    (_words(r"harness"), "a head harness"),
    (_words(r"wrist roller"), "a wrist roller"),
    (_words(r"manual|donkey calf"), "a partner to push or sit on you"),
    (_words(r"weighted squat"), "a belt-squat set-up"),
)

_NEEDS_BENCH = _words(
    r"bench|incline|decline|\blying\b|preacher|prone|chest.?supported|skull|pullover|tate press"
    r"|seated (dumbbell|barbell)|one-arm dumbbell row|bent over one-arm|hip thrust"
)
_NEEDS_BOX = _words(r"\bbox\b|step.?ups?\b|decline push")
_NEEDS_RACK = _words(
    r"good morning|bench press|military|overhead press|shoulder press|rack|behind the neck"
)


class SourceError(ValueError):
    """The file is not a free-exercise-db export; the message says what is wrong."""


class Unmappable(Exception):
    """A record that cannot become an exercise; ``reason`` says why, for the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Skipped:
    """One source record left out of the catalogue, and why."""

    source_id: str
    name: str
    category: str
    reason: str


@dataclass
class ImportResult:
    """The converted exercises and the records left out, with counts for the summary."""

    exercises: list[Exercise] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    categories: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return len(self.exercises) + len(self.skipped)

    @property
    def strength_total(self) -> int:
        return sum(self.categories[c] for c in STRENGTH_CATEGORIES)

    @property
    def strength_mapped(self) -> int:
        unmapped = sum(1 for s in self.skipped if s.category in STRENGTH_CATEGORIES)
        return self.strength_total - unmapped

    @property
    def strength_share(self) -> float:
        """The share of strength and powerlifting records mapped, 0 to 1."""
        return self.strength_mapped / self.strength_total if self.strength_total else 0.0

    def summary(self) -> str:
        """A few lines for a person: what was mapped and why the rest was not."""
        reasons = Counter(_reason_kind(s.reason) for s in self.skipped)
        lines = [
            f"mapped {self.strength_mapped} of {self.strength_total} strength records "
            f"({self.strength_share:.1%}); {len(self.exercises)} exercises imported from "
            f"{self.total} records, {len(self.skipped)} skipped:",
            *(f"  {count:4d}  {reason}" for reason, count in reasons.most_common()),
        ]
        return "\n".join(lines)

    def report(self) -> str:
        """Every record not imported, one a line: id, name, category and the reason."""
        header = (
            f"# {len(self.skipped)} of {self.total} {SOURCE} records were not imported.\n"
            "# source id\tname\tcategory\treason\n"
        )
        rows = (f"{s.source_id}\t{s.name}\t{s.category}\t{s.reason}\n" for s in self.skipped)
        return header + "".join(rows)

    def to_yaml(self) -> str:
        """The catalogue file: a short attribution header and the ``exercises:`` list."""
        header = (
            f"# Converted from {SOURCE} (public domain, released under the Unlicense).\n"
            "# Each record keeps its source id (source_id) and name.\n"
        )
        records = [e.model_dump(mode="json", exclude_defaults=True) for e in self.exercises]
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        body = yaml.dump(
            {"exercises": records}, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
        )
        return header + body


def _reason_kind(reason: str) -> str:
    """The reason without its record-specific detail, for counting in the summary."""
    return reason.split(":", 1)[0]


def snake_id(source_id: str) -> str:
    """Our snake_case id for a source id, with :data:`ID_PREFIX` in front.

    >>> snake_id("3_4_Sit-Up")
    'fedb_3_4_sit_up'
    >>> snake_id("Barbell_Hip_Thrust")
    'fedb_barbell_hip_thrust'
    """
    return ID_PREFIX + re.sub(r"[^a-z0-9]+", "_", source_id.lower()).strip("_")


def _muscles(words: Iterable[str], name: str, force: str | None) -> list[MuscleId]:
    """Our muscle ids for the source's words; its single "shoulders" is split by the move."""
    found: list[MuscleId] = []
    for word in words:
        if word == "neck":
            continue
        if word == "shoulders":
            if re.search(r"lateral|side raise|upright", name, re.IGNORECASE):
                muscle = "side_delts"
            elif re.search(r"rear|reverse fl|face pull", name, re.IGNORECASE) or force == "pull":
                muscle = "rear_delts"
            else:
                muscle = "front_delts"
        else:
            muscle = _MUSCLES.get(word, "")
            if not muscle:
                raise Unmappable(f"unknown muscle: {word!r}")
        if muscle not in found:
            found.append(muscle)
    return found


def _machine(name: str) -> tuple[list[EquipmentId], LoadKind]:
    """The machine a "machine" exercise's name mentions; a weight stack when it names none."""
    for words, machine in _MACHINES:
        if words.search(name):
            return [machine], LoadKind.CABLE if machine == "cable" else LoadKind.MACHINE
    return ["machine_stack"], LoadKind.MACHINE


def _named_equipment(name: str) -> tuple[tuple[EquipmentId, ...], LoadKind] | None:
    """The equipment and load the name mentions first, or None when it names none."""
    for words, named, kind in _NAMED_EQUIPMENT:
        if words.search(name):
            return named, kind
    return None


def _equipment(raw: str | None, name: str) -> tuple[list[EquipmentId], LoadKind]:
    """What the exercise needs, from the source's word and, where it is vague, the name."""
    if raw == "foam roll":
        raise Unmappable("foam roller: self-massage, not strength training")
    for words, gear in _SPECIALTY:
        if words.search(name):
            raise Unmappable(f"specialty equipment: needs {gear}, which no vocabulary word names")
    if raw == "machine":
        return _machine(name)
    named = _named_equipment(name)
    if raw is not None and raw in _EQUIPMENT:
        equipment, kind = _EQUIPMENT[raw]
        # Bodyweight moves still need whatever bar or station their name mentions.
        extra = named[0] if raw == "body only" and named is not None else ()
        return [*equipment, *extra], kind
    if named is not None:
        return list(named[0]) or ["bodyweight"], named[1]
    raise Unmappable(f"unclear equipment: {raw or 'none given'!r}, and the name does not say")


def _add_supports(equipment: list[EquipmentId], name: str, pattern: str) -> list[EquipmentId]:
    """Benches, boxes and racks that free-weight exercises need besides the weight."""
    free = set(equipment) & {"barbell", "dumbbells", "kettlebells", "bodyweight", "plates"}
    if not free:
        return equipment
    needed = list(equipment)
    if "chain" in name.lower() and "chains" not in needed:
        needed.append("chains")
    if _NEEDS_BENCH.search(name) and "bench" not in needed:
        needed.append("bench")
    if _NEEDS_BOX.search(name) and "box" not in needed and "bench" not in needed:
        needed.append("box")
    if "barbell" in needed and (pattern in ("squat", "lunge") or _NEEDS_RACK.search(name)):
        needed.append("squat_rack")
    if len(needed) > 1 and "bodyweight" in needed:
        needed.remove("bodyweight")
    return list(dict.fromkeys(needed))


def _steps(instructions: Sequence[Any]) -> tuple[str, ...]:
    steps = tuple(" ".join(str(s).split()) for s in instructions if str(s).strip())
    if not steps:
        raise Unmappable("no instructions: there are no steps to print")
    return steps


#: The source's fields that hold one word or line, and those that hold a list of them.
_TEXT_FIELDS = ("id", "name", "category", "force", "mechanic", "level", "equipment")
_LIST_FIELDS = ("primaryMuscles", "secondaryMuscles", "instructions")


def _check_types(record: Mapping[str, Any]) -> None:
    """Refuse a record whose fields are not the source's kinds (a list where text belongs)."""
    for name in _TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise Unmappable(f"invalid record: {name} is not text")
    for name in _LIST_FIELDS:
        value = record.get(name)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(item, str) for item in value)
        ):
            raise Unmappable(f"invalid record: {name} is not a list of text")


def convert(record: Mapping[str, Any]) -> Exercise:
    """One free-exercise-db record as an exercise, or :class:`Unmappable` with the reason."""
    _check_types(record)
    name = str(record.get("name") or "").strip()
    source_id = str(record.get("id") or "").strip()
    if not name or not source_id:
        raise Unmappable("no name or id")
    category = record.get("category")
    if category not in STRENGTH_CATEGORIES | OTHER_CANDIDATES:
        raise Unmappable(f"not strength training: category {category!r}")
    force = record.get("force")
    primary = _muscles(record.get("primaryMuscles") or (), name, force)
    if not primary:
        raise Unmappable("neck only: no plan targets the neck")
    secondary = [m for m in _muscles(record.get("secondaryMuscles") or (), name, force)]
    secondary = [m for m in secondary if m not in primary]
    given = record.get("mechanic")
    mechanic = Mechanic(given) if given in ("compound", "isolation") else None
    pattern = infer_pattern(name, primary, mechanic, force)
    if pattern is None:
        raise Unmappable(f"no pattern: cannot tell the movement of {name!r}")
    equipment, load_kind = _equipment(record.get("equipment"), name)
    equipment = _add_supports(equipment, name, pattern)
    if pattern == "hip_thrust" and primary[0] != "gluteus_maximus":
        primary = ["gluteus_maximus", *(m for m in primary if m != "gluteus_maximus")]
    laterality = infer_laterality(name)
    try:
        return Exercise(
            id=snake_id(source_id),
            name=name,
            equipment=tuple(equipment),
            pattern=pattern,
            primary_muscles=tuple(primary),
            secondary_muscles=tuple(secondary),
            mechanic=infer_mechanic(pattern, mechanic),
            laterality=laterality,
            load_kind=load_kind,
            level=_LEVELS.get(str(record.get("level")), Level.INTERMEDIATE),
            minutes_per_set=minutes_per_set(laterality),
            timed=infer_timed(name, force),
            stresses=infer_stresses(name, pattern, load_kind),
            steps=_steps(record.get("instructions") or ()),
            source=SOURCE,
            source_id=source_id,
        )
    except ValidationError as error:
        raise Unmappable(f"invalid record: {error.errors()[0]['msg']}") from error


def import_records(records: Iterable[Mapping[str, Any]]) -> ImportResult:
    """Convert every record, keeping a reason for each one left out."""
    result = ImportResult()
    taken: set[str] = set()
    for record in records:
        category = str(record.get("category"))
        result.categories[category] += 1
        try:
            exercise = convert(record)
        except Unmappable as error:
            result.skipped.append(
                Skipped(str(record.get("id")), str(record.get("name")), category, error.reason)
            )
            continue
        if exercise.id in taken:
            # Two source ids that differ only in punctuation: keep both, apart.
            suffix = 2
            while f"{exercise.id}_{suffix}" in taken:
                suffix += 1
            exercise = exercise.model_copy(update={"id": f"{exercise.id}_{suffix}"})
        taken.add(exercise.id)
        result.exercises.append(exercise)
    return result


def source_records(raw: Any, source: Path) -> list[Mapping[str, Any]]:
    """free-exercise-db's parsed ``exercises.json``: a list of records, or :class:`SourceError`."""
    if not isinstance(raw, list) or not all(isinstance(r, Mapping) for r in raw):
        raise SourceError(f"{source}: expected free-exercise-db's list of exercise records")
    return raw


def import_file(path: Path) -> ImportResult:
    """Read free-exercise-db's ``exercises.json`` and convert it.

    For trusted files (tests, benchmarks); the command line reads a user's file within
    bounds first and calls :func:`source_records` and :func:`import_records` itself.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"cannot read {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise SourceError(f"{path} is not JSON: {error.msg} at line {error.lineno}") from error
    return import_records(source_records(raw, path))
