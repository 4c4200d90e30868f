"""Loading, validating, merging and querying exercise catalogues."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from thrustplan.exercise_db.models import Exercise, ExerciseId
from thrustplan.exercise_db.vocabulary import ALWAYS_AVAILABLE, VOCABULARY, Kind, UnknownWordError

#: Fields whose words must come from a vocabulary, and which vocabulary.
_VOCABULARY_FIELDS: dict[str, Kind] = {
    "equipment": "equipment",
    "pattern": "patterns",
    "primary_muscles": "muscles",
    "secondary_muscles": "muscles",
    "stresses": "stresses",
}


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the file and the record."""


class Catalogue(Mapping[ExerciseId, Exercise]):
    """An immutable set of exercises keyed by id, in a stable order."""

    def __init__(self, exercises: Iterable[Exercise], name: str = "thrustplan") -> None:
        by_id: dict[ExerciseId, Exercise] = {}
        for exercise in exercises:
            if exercise.id in by_id:
                raise CatalogueError(f"exercise id {exercise.id!r} appears twice in {name}")
            by_id[exercise.id] = exercise
        self._by_id = by_id
        self.name = name

    def __getitem__(self, exercise_id: ExerciseId) -> Exercise:
        return self._by_id[exercise_id]

    def __iter__(self) -> Iterator[ExerciseId]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def exercises(self) -> list[Exercise]:
        return list(self._by_id.values())

    def doable_with(self, equipment: Iterable[str]) -> list[Exercise]:
        """Exercises whose every piece of equipment is in ``equipment``."""
        have = ALWAYS_AVAILABLE | set(equipment)
        return [e for e in self._by_id.values() if set(e.equipment) <= have]

    def select(
        self,
        *,
        equipment: Iterable[str] | None = None,
        pattern: str | None = None,
        muscle: str | None = None,
    ) -> list[Exercise]:
        """Filter by equipment the client has, by pattern, and by a muscle trained."""
        chosen = self.doable_with(equipment) if equipment is not None else self.exercises()
        if pattern is not None:
            chosen = [e for e in chosen if e.pattern == pattern]
        if muscle is not None:
            chosen = [e for e in chosen if muscle in (*e.primary_muscles, *e.secondary_muscles)]
        return chosen

    def merged_with(self, other: Catalogue) -> Catalogue:
        """This catalogue with ``other``'s records added, replacing any with the same id."""
        merged = dict(self._by_id)
        merged.update(other._by_id)
        return Catalogue(merged.values(), name=f"{self.name}+{other.name}")

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the content, recorded in programs and batch resume keys."""
        body = json.dumps([e.model_dump(mode="json") for e in self._by_id.values()])
        return hashlib.sha256(body.encode()).hexdigest()[:16]


def parse_exercise(record: Mapping[str, Any], where: str) -> Exercise:
    """Validate one raw record, resolving vocabulary aliases to ids."""
    data = dict(record)
    try:
        for field_name, kind in _VOCABULARY_FIELDS.items():
            if field_name not in data:
                continue
            value = data[field_name]
            if isinstance(value, str) and field_name != "pattern":
                value = [value]
            data[field_name] = (
                VOCABULARY.resolve(kind, value)
                if isinstance(value, str)
                else VOCABULARY.resolve_all(kind, value)
            )
        return Exercise.model_validate(data)
    except UnknownWordError as error:
        raise CatalogueError(f"{where}: {error}") from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors()
        )
        raise CatalogueError(f"{where}: {problems}") from error


def read_catalogue_text(text: str, name: str) -> Catalogue:
    """Parse a catalogue from YAML or JSON text (JSON is valid YAML)."""
    try:
        # The C loader, when PyYAML has it, reads a large catalogue several times faster.
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise CatalogueError(f"{name}: not valid YAML or JSON ({error})") from error
    return catalogue_from_data(raw, name)


def catalogue_from_data(raw: Any, name: str) -> Catalogue:
    """A catalogue from parsed YAML or JSON: a list of exercises, or one under ``exercises:``.

    The application reads a user's file within bounds first and hands the result here.
    """
    if isinstance(raw, Mapping):
        raw = raw.get("exercises")
    if not isinstance(raw, list):
        raise CatalogueError(f"{name}: expected a list of exercises under 'exercises:'")
    exercises = []
    for index, record in enumerate(raw, start=1):
        if not isinstance(record, Mapping):
            raise CatalogueError(f"{name}: exercise #{index} is not a mapping")
        label = f"{name}: exercise #{index} ({record.get('id', 'no id')})"
        exercises.append(parse_exercise(record, label))
    return Catalogue(exercises, name=name)


def load_catalogue_file(path: Path) -> Catalogue:
    """Read a trainer's or an imported catalogue file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogueError(f"cannot read catalogue {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CatalogueError(f"catalogue {path} is not UTF-8 text (a binary file?)") from error
    return read_catalogue_text(text, name=path.name)


def builtin_catalogue() -> Catalogue:
    """The curated catalogue shipped in ``exercise_db/data/exercises-*.yaml``."""
    return _BUILTIN


def _load_builtin() -> Catalogue:
    folder = resources.files("thrustplan.exercise_db").joinpath("data")
    exercises: list[Exercise] = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.startswith("exercises-") and entry.name.endswith(".yaml"):
            exercises.extend(
                read_catalogue_text(entry.read_text(encoding="utf-8"), entry.name).exercises()
            )
    return Catalogue(exercises, name="thrustplan")


def load_catalogue(path: Path | None = None, *, replace: bool = False) -> Catalogue:
    """The catalogue a plan draws from: ours, ours with ``path`` merged over, or ``path`` alone.

    A trainer's file is merged over the built-in catalogue (their records win on an id
    clash); with ``replace`` it stands alone, as an imported catalogue does.
    """
    if path is None:
        return builtin_catalogue()
    other = load_catalogue_file(path)
    return other if replace else builtin_catalogue().merged_with(other)


_BUILTIN = _load_builtin()
