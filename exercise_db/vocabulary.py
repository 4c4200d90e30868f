"""Closed vocabularies (equipment, muscles, patterns, limitations) with their aliases.

The words live in ``data/vocabulary.yaml``; this module resolves what a person typed
(``db``, ``Dumbbells``, ``glute-max``) to one id, or refuses it with a did-you-mean.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

import yaml

Kind = Literal["equipment", "muscles", "patterns", "limitations", "stresses"]
KINDS: tuple[Kind, ...] = ("equipment", "muscles", "patterns", "limitations", "stresses")

#: Equipment every client has, whether or not the profile lists it.
ALWAYS_AVAILABLE = frozenset({"bodyweight"})


def normalise(word: str) -> str:
    """Fold case and separators so that ``Mini-Band`` and ``mini_band`` compare equal.

    >>> normalise(" Mini-Band ")
    'mini band'
    """
    return re.sub(r"[\s_\-]+", " ", word.strip().lower())


class UnknownWordError(ValueError):
    """A word that is in no vocabulary; the message offers the closest known ones."""

    def __init__(self, kind: str, word: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.word = word
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {_singular(kind)} {word!r}{hint}")


def _singular(kind: str) -> str:
    return {"equipment": "equipment", "muscles": "muscle", "patterns": "pattern"}.get(
        kind, kind.rstrip("s")
    )


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary: its id, display name and extra attributes."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    attributes: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """All closed vocabularies, each a mapping from id to :class:`Term`."""

    terms: Mapping[str, Mapping[str, Term]]
    _indexes: Mapping[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def ids(self, kind: Kind) -> frozenset[str]:
        return frozenset(self.terms[kind])

    def term(self, kind: Kind, term_id: str) -> Term:
        return self.terms[kind][term_id]

    def name(self, kind: Kind, term_id: str) -> str:
        term = self.terms[kind].get(term_id)
        return term.name if term else term_id.replace("_", " ")

    def resolve(self, kind: Kind, word: str) -> str:
        """Return the id ``word`` names, by id or alias, or raise :class:`UnknownWordError`.

        >>> VOCABULARY.resolve("equipment", "DB")
        'dumbbells'
        >>> try:
        ...     VOCABULARY.resolve("equipment", "dumbell")
        ... except UnknownWordError as error:
        ...     print(error)
        unknown equipment 'dumbell'; did you mean 'dumbbells'?
        """
        index = self._index(kind)
        key = normalise(word)
        if key in index:
            return index[key]
        close = difflib.get_close_matches(key, list(index), n=6, cutoff=0.6)
        suggestions = list(dict.fromkeys(index[match] for match in close))[:2]
        raise UnknownWordError(kind, word, suggestions)

    def resolve_all(self, kind: Kind, words: Iterable[str]) -> list[str]:
        """Resolve each word, keeping the first-seen order and dropping repeats."""
        seen: dict[str, None] = {}
        for word in words:
            seen[self.resolve(kind, word)] = None
        return list(seen)

    def _index(self, kind: Kind) -> dict[str, str]:
        return self._indexes[kind]

    def __post_init__(self) -> None:
        indexes: dict[str, dict[str, str]] = {}
        for kind, terms in self.terms.items():
            index = indexes[kind] = {}
            for term in terms.values():
                for word in (term.id, term.name, *term.aliases):
                    index.setdefault(normalise(word), term.id)
        object.__setattr__(self, "_indexes", indexes)


def _load() -> Vocabulary:
    raw = yaml.safe_load(
        resources.files("thrustplan.exercise_db").joinpath("data/vocabulary.yaml").read_text()
    )
    terms: dict[str, dict[str, Term]] = {}
    for kind in KINDS:
        terms[kind] = {}
        for term_id, body in raw[kind].items():
            body = dict(body or {})
            terms[kind][term_id] = Term(
                id=term_id,
                name=str(body.pop("name", term_id)),
                aliases=tuple(body.pop("aliases", ())),
                attributes=body,
            )
    return Vocabulary(terms)


# The vocabulary is read-only data: one shared instance serves the whole process.
VOCABULARY = _load()
