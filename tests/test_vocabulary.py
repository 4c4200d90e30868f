"""The closed vocabularies: aliases resolve to one id, unknown words get a did-you-mean."""

from __future__ import annotations

import pytest

from thrustplan.exercise_db.checks import REQUIRED_GROUPS
from thrustplan.exercise_db.vocabulary import (
    KINDS,
    VOCABULARY,
    Kind,
    UnknownWordError,
    normalise,
)


@pytest.mark.parametrize("word", ["db", "DB", "dumbbell", "Dumbbells", "dumbbells", " dbs "])
def test_dumbbell_aliases_resolve_to_one_id(word: str) -> None:
    assert VOCABULARY.resolve("equipment", word) == "dumbbells"


@pytest.mark.parametrize(
    ("kind", "word", "expected"),
    [
        ("equipment", "Mini-Band", "mini_bands"),
        ("equipment", "hip circle", "mini_bands"),
        ("equipment", "TRX", "suspension_trainer"),
        ("equipment", "power_rack", "squat_rack"),
        ("equipment", "glute drive", "hip_thrust_machine"),
        ("muscles", "glutes", "gluteus_maximus"),
        ("muscles", "glute med", "gluteus_medius"),
        ("muscles", "Quads", "quadriceps"),
        ("patterns", "hip thrust", "hip_thrust"),
        ("patterns", "pull-up", "vertical_pull"),
        ("limitations", "back pain", "lower_back"),
    ],
)
def test_aliases_resolve_across_vocabularies(kind: Kind, word: str, expected: str) -> None:
    assert VOCABULARY.resolve(kind, word) == expected


def test_a_display_name_resolves_like_an_alias() -> None:
    assert VOCABULARY.resolve("equipment", "Hip-thrust machine") == "hip_thrust_machine"


def test_unknown_word_is_refused_with_a_did_you_mean() -> None:
    with pytest.raises(UnknownWordError) as caught:
        VOCABULARY.resolve("equipment", "dumbell")
    error = caught.value
    assert error.kind == "equipment"
    assert error.word == "dumbell"
    assert error.suggestions == ["dumbbells"]
    assert str(error) == "unknown equipment 'dumbell'; did you mean 'dumbbells'?"


def test_unknown_muscle_message_uses_the_singular() -> None:
    with pytest.raises(
        UnknownWordError, match=r"^unknown muscle 'hamstrngs'; did you mean 'hamstrings'"
    ):
        VOCABULARY.resolve("muscles", "hamstrngs")


def test_a_word_far_from_everything_gets_no_suggestion() -> None:
    with pytest.raises(UnknownWordError) as caught:
        VOCABULARY.resolve("patterns", "xyzzy")
    assert caught.value.suggestions == []
    assert str(caught.value) == "unknown pattern 'xyzzy'"


def test_resolve_all_keeps_order_and_drops_repeats() -> None:
    words = ["bench", "db", "dumbbells", "mini band", "Bench"]
    assert VOCABULARY.resolve_all("equipment", words) == ["bench", "dumbbells", "mini_bands"]


def test_normalise_folds_case_and_separators() -> None:
    assert normalise("Glute_Ham--Raise ") == normalise("glute ham raise")


@pytest.mark.parametrize("kind", KINDS)
def test_no_alias_points_at_two_ids(kind: str) -> None:
    """An alias shared by two terms would silently resolve to whichever came first."""
    owners: dict[str, set[str]] = {}
    for term in VOCABULARY.terms[kind].values():
        for word in (term.id, term.name, *term.aliases):
            owners.setdefault(normalise(word), set()).add(term.id)
    shared = {word: ids for word, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_every_pattern_has_a_group() -> None:
    groups = {term.attributes.get("group") for term in VOCABULARY.terms["patterns"].values()}
    assert None not in groups
    assert set(REQUIRED_GROUPS) <= groups


def test_limitations_avoid_only_defined_stresses() -> None:
    stresses = VOCABULARY.ids("stresses")
    for term in VOCABULARY.terms["limitations"].values():
        avoids = term.attributes["avoids"]
        assert isinstance(avoids, list)
        assert avoids
        assert set(avoids) <= stresses, term.id
