"""Each catalogue check: passes on the curated catalogue, catches a planted fault."""

from __future__ import annotations

from typing import Any

import pytest

from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.exercise_db.checks import (
    CATALOGUE_CHECKS,
    REQUIRED_GROUPS,
    STANDARD_EQUIPMENT_SETS,
    check_catalogue,
    groups_covered,
    guides_complete,
    hip_thrust_family_consistent,
    links_resolve,
    pattern_group,
    progressions_acyclic,
    progressions_consistent,
    unique_ids,
    vocabulary_defined,
)
from thrustplan.exercise_db.models import Exercise

GUIDE = {
    "steps": ("Set up.", "Move.", "Return."),
    "cues": ("Brace.", "Breathe."),
    "mistakes": ("Rushing.", "Arching."),
}


def make(exercise_id: str, **fields: Any) -> Exercise:
    """A valid exercise with a full guide; ``fields`` override the defaults."""
    record: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("_", " "),
        "equipment": ("bodyweight",),
        "pattern": "core",
        "primary_muscles": ("abs",),
        "mechanic": "isolation",
        "load_kind": "bodyweight",
        **GUIDE,
    }
    record.update(fields)
    return Exercise.model_validate(record)


def ids_of(problems: list[Any]) -> set[str | None]:
    return {problem.exercise for problem in problems}


# --- The curated catalogue -------------------------------------------------------------


@pytest.mark.parametrize("check", CATALOGUE_CHECKS, ids=lambda check: check.__name__)
def test_builtin_catalogue_passes(check: Any) -> None:
    problems = check(builtin_catalogue())
    assert problems == [], "\n".join(str(p) for p in problems)


def test_check_catalogue_runs_every_check() -> None:
    broken = Catalogue(
        [
            make("a", harder=("b",), similar=("ghost",)),
            make("b", pattern="hip_thrust", mechanic="isolation", steps=("Only one.",)),
        ]
    )
    found = {problem.check for problem in check_catalogue(broken)}
    assert found == {"links", "progressions", "hip-thrust", "guide", "coverage"}


# --- unique ids ------------------------------------------------------------------------


def test_unique_ids_reports_a_repeated_id() -> None:
    problems = unique_ids([make("plank_a"), make("plank_b"), make("plank_a")])
    assert [p.exercise for p in problems] == ["plank_a"]


def test_unique_ids_accepts_distinct_ids() -> None:
    assert unique_ids([make("plank_a"), make("plank_b")]) == []


# --- links -----------------------------------------------------------------------------


def test_links_resolve_reports_unknown_and_self_links() -> None:
    catalogue = Catalogue(
        [make("a", similar=("missing",)), make("b", easier=("b",)), make("c", harder=("a",))]
    )
    problems = links_resolve(catalogue)
    assert ids_of(problems) == {"a", "b"}
    assert any("'missing'" in p.message for p in problems)
    assert any("itself" in p.message for p in problems)


def test_links_resolve_accepts_known_links() -> None:
    catalogue = Catalogue([make("a", harder=("b",), similar=("b",)), make("b", easier=("a",))])
    assert links_resolve(catalogue) == []


# --- progressions ----------------------------------------------------------------------


def test_progressions_consistent_reports_a_missing_back_link() -> None:
    catalogue = Catalogue([make("a", harder=("b",)), make("b")])
    problems = progressions_consistent(catalogue)
    assert len(problems) == 1
    assert problems[0].exercise == "a"
    assert "does not list" in problems[0].message


def test_progressions_consistent_reports_contradictions() -> None:
    both_ways = Catalogue([make("a", harder=("b",)), make("b", harder=("a",))])
    assert {p.exercise for p in progressions_consistent(both_ways)} == {"a", "b"}
    same_sibling = Catalogue([make("a", easier=("b",), harder=("b",)), make("b")])
    messages = [p.message for p in progressions_consistent(same_sibling)]
    assert any("both easier and harder" in m for m in messages)


def test_progressions_consistent_accepts_mutual_links() -> None:
    catalogue = Catalogue([make("a", harder=("b",)), make("b", easier=("a",))])
    assert progressions_consistent(catalogue) == []


def test_progressions_acyclic_reports_a_three_step_cycle() -> None:
    looped = Catalogue(
        [make("a", harder=("b",)), make("b", harder=("c",)), make("c", harder=("a",))]
    )
    problems = progressions_acyclic(looped)
    assert len(problems) == 1
    assert "a -> b -> c -> a" in problems[0].message


def test_progressions_acyclic_follows_easier_links_backwards() -> None:
    # b says a is harder than it, while a says b is harder: a two-step loop.
    looped = Catalogue([make("a", harder=("b",)), make("b", easier=("a",), harder=("a",))])
    assert progressions_acyclic(looped) != []


def test_progressions_acyclic_accepts_a_branching_ladder() -> None:
    catalogue = Catalogue(
        [
            make("bridge", harder=("single", "thrust")),
            make("single", easier=("bridge",), harder=("top",)),
            make("thrust", easier=("bridge",), harder=("top",)),
            make("top", easier=("single", "thrust")),
        ]
    )
    assert progressions_acyclic(catalogue) == []
    assert progressions_consistent(catalogue) == []


# --- vocabulary ------------------------------------------------------------------------


def test_vocabulary_defined_reports_undefined_words() -> None:
    # Exercise itself does not check words; parse_exercise does, a direct build does not.
    catalogue = Catalogue(
        [
            make("a", equipment=("trampoline",)),
            make("b", pattern="twerk"),
            make("c", primary_muscles=("abs",), secondary_muscles=("abs",)),
            make("d", stresses=("fear",)),
        ]
    )
    problems = vocabulary_defined(catalogue)
    assert ids_of(problems) == {"a", "b", "c", "d"}
    assert any("'trampoline'" in p.message for p in problems)


def test_vocabulary_defined_accepts_known_words() -> None:
    catalogue = Catalogue(
        [make("a", equipment=("dumbbells", "bench"), stresses=("supine_loaded",))]
    )
    assert vocabulary_defined(catalogue) == []


# --- hip-thrust family -----------------------------------------------------------------


def test_hip_thrust_family_must_be_compound_and_glute_led() -> None:
    catalogue = Catalogue(
        [
            make(
                "a",
                pattern="hip_thrust",
                mechanic="isolation",
                primary_muscles=("gluteus_maximus",),
            ),
            make("b", pattern="hip_thrust", mechanic="compound", primary_muscles=("hamstrings",)),
            make(
                "c", pattern="hip_thrust", mechanic="compound", primary_muscles=("gluteus_maximus",)
            ),
            make("d", pattern="core", mechanic="isolation"),
        ]
    )
    assert ids_of(hip_thrust_family_consistent(catalogue)) == {"a", "b"}


# --- guides ----------------------------------------------------------------------------


def test_guides_complete_counts_steps_cues_and_mistakes() -> None:
    catalogue = Catalogue(
        [
            make("ok"),
            make("few_steps", steps=("One.", "Two.")),
            make("many_cues", cues=tuple(f"Cue {i}." for i in range(5))),
            make("no_mistakes", mistakes=()),
        ]
    )
    assert ids_of(guides_complete(catalogue)) == {"few_steps", "many_cues", "no_mistakes"}


def test_guides_complete_asks_imported_records_only_for_steps() -> None:
    imported = {"source": "free-exercise-db", "cues": (), "mistakes": ()}
    catalogue = Catalogue([make("with_steps", **imported), make("no_steps", **imported, steps=())])
    assert ids_of(guides_complete(catalogue)) == {"no_steps"}
    assert len(guides_complete(catalogue, curated_only=False)) == 5


# --- coverage --------------------------------------------------------------------------


def test_pattern_group_reads_the_vocabulary() -> None:
    assert pattern_group("vertical_push") == "push"
    assert pattern_group("lunge") == "squat_or_lunge"
    assert pattern_group("knee_flexion") == "hinge_or_knee_flexion"


def glute_bridge() -> Exercise:
    """A bodyweight bridge: the hip-thrust group covered with any kit."""
    return make(
        "bridge", pattern="hip_thrust", mechanic="compound", primary_muscles=("gluteus_maximus",)
    )


def test_groups_covered_names_each_missing_group_and_set() -> None:
    catalogue = Catalogue(
        [
            glute_bridge(),
            make("row", pattern="horizontal_pull", equipment=("dumbbells",)),
        ]
    )
    problems = groups_covered(catalogue, {"home": frozenset({"dumbbells"})})
    messages = sorted(p.message for p in problems)
    assert messages == [
        "no core exercise with home",
        "no hinge or knee flexion exercise with home",
        "no push exercise with home",
        "no squat or lunge exercise with home",
    ]


def test_groups_covered_counts_bodyweight_moves_for_every_set() -> None:
    catalogue = Catalogue(
        [
            glute_bridge(),
            make("squat", pattern="squat"),
            make("curl", pattern="knee_flexion"),
            make("push", pattern="horizontal_push"),
            make("pull", pattern="vertical_pull"),
            make("plank", pattern="core"),
        ]
    )
    assert groups_covered(catalogue) == []


@pytest.mark.parametrize("set_name", list(STANDARD_EQUIPMENT_SETS))
def test_builtin_catalogue_offers_a_beginner_option_per_group(set_name: str) -> None:
    """A beginner with any common equipment set can fill every required group."""
    have = STANDARD_EQUIPMENT_SETS[set_name] | {"bodyweight"}
    groups = {
        pattern_group(e.pattern)
        for e in builtin_catalogue().values()
        if set(e.equipment) <= have and e.level == "beginner"
    }
    assert set(REQUIRED_GROUPS) <= groups
