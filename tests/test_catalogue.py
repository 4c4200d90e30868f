"""The curated catalogue: its size, the ids others rely on, and the quality of its records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thrustplan.exercise_db.catalogue import CatalogueError, builtin_catalogue, load_catalogue_file
from thrustplan.exercise_db.models import Exercise, Laterality, Level, LoadKind
from thrustplan.exercise_db.vocabulary import VOCABULARY

CATALOGUE = builtin_catalogue()
ALL = CATALOGUE.exercises()
HIP_THRUSTS = [e for e in ALL if e.is_hip_thrust_family]

#: Ids that plans, templates and tests elsewhere refer to by name.
REQUIRED_IDS = [
    "barbell_hip_thrust",
    "banded_barbell_hip_thrust",
    "band_hip_thrust",
    "single_leg_hip_thrust",
    "bodyweight_hip_thrust",
    "dumbbell_hip_thrust",
    "kettlebell_hip_thrust",
    "smith_machine_hip_thrust",
    "machine_hip_thrust",
    "b_stance_hip_thrust",
    "feet_elevated_hip_thrust",
    "glute_bridge",
    "barbell_glute_bridge",
    "single_leg_glute_bridge",
    "banded_glute_bridge",
    "frog_pump",
    "glute_ham_raise",
    "sliding_leg_curl",
    "back_squat",
    "goblet_squat",
    "bodyweight_squat",
    "romanian_deadlift",
    "dumbbell_romanian_deadlift",
    "push_up",
    "dumbbell_bench_press",
    "bench_press",
    "inverted_row",
    "dumbbell_row",
    "lat_pulldown",
    "pull_up",
    "plank",
    "dead_bug",
    "bulgarian_split_squat",
    "reverse_lunge",
]

#: Which equipment a load kind implies: a barbell lift needs a barbell, and so on.
LOAD_EQUIPMENT = {
    LoadKind.BARBELL: {"barbell", "trap_bar"},
    LoadKind.DUMBBELL: {"dumbbells"},
    LoadKind.KETTLEBELL: {"kettlebells"},
    LoadKind.CABLE: {"cable"},
}


def by_id(exercise_id: str) -> Exercise:
    return CATALOGUE[exercise_id]


def test_the_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE) >= 150


@pytest.mark.parametrize("exercise_id", REQUIRED_IDS)
def test_required_ids_exist(exercise_id: str) -> None:
    assert exercise_id in CATALOGUE


def test_each_data_file_holds_its_part() -> None:
    files = {
        path.name
        for path in (Path(__file__).parents[1] / "exercise_db" / "data").glob("exercises-*.yaml")
    }
    assert files == {
        "exercises-hip-thrust.yaml",
        "exercises-lower.yaml",
        "exercises-upper.yaml",
        "exercises-core.yaml",
    }


def test_names_and_aliases_are_unique_enough_to_search() -> None:
    names = [e.name.lower() for e in ALL]
    assert len(names) == len(set(names))


# --- The hip-thrust family -------------------------------------------------------------


def test_hip_thrust_family_members_are_glute_led_compounds() -> None:
    assert len(HIP_THRUSTS) >= 20
    for exercise in HIP_THRUSTS:
        assert exercise.is_compound, exercise.id
        assert exercise.primary_muscles[0] == "gluteus_maximus", exercise.id


@pytest.mark.parametrize(
    ("equipment", "expected"),
    [
        ({"bodyweight"}, {"glute_bridge", "single_leg_glute_bridge", "frog_pump"}),
        ({"bands", "mini_bands"}, {"banded_glute_bridge", "band_glute_bridge"}),
        ({"bench"}, {"bodyweight_hip_thrust", "single_leg_hip_thrust"}),
        ({"bands", "bench"}, {"band_hip_thrust"}),
        ({"dumbbells", "bench"}, {"dumbbell_hip_thrust", "weighted_single_leg_hip_thrust"}),
        ({"kettlebells", "bench"}, {"kettlebell_hip_thrust"}),
        ({"barbell", "bench"}, {"barbell_hip_thrust", "b_stance_hip_thrust"}),
        ({"barbell", "bench", "mini_bands"}, {"banded_barbell_hip_thrust"}),
        ({"barbell"}, {"barbell_glute_bridge"}),
        ({"smith_machine", "bench"}, {"smith_machine_hip_thrust"}),
        ({"hip_thrust_machine"}, {"machine_hip_thrust"}),
        ({"bench", "box"}, {"feet_elevated_hip_thrust"}),
    ],
)
def test_every_equipment_set_has_its_hip_thrust(equipment: set[str], expected: set[str]) -> None:
    doable = {e.id for e in CATALOGUE.select(equipment=equipment, pattern="hip_thrust")}
    assert expected <= doable


@pytest.mark.parametrize(
    "equipment",
    [{"bodyweight"}, {"bands", "mini_bands"}, {"dumbbells"}, {"bench"}, {"kettlebells", "bench"}],
)
def test_every_equipment_set_can_progress_its_hip_thrust(equipment: set[str]) -> None:
    """Loaded, or a harder sibling doable with the same kit: there is always a next step."""
    doable = {e.id: e for e in CATALOGUE.select(equipment=equipment, pattern="hip_thrust")}
    progressable = [
        e for e in doable.values() if e.load_kind.external or set(e.harder) & set(doable)
    ]
    assert progressable


def test_bodyweight_glute_chain_progresses_from_bridge_to_single_leg_thrust() -> None:
    assert "single_leg_glute_bridge" in by_id("glute_bridge").harder
    assert "bodyweight_hip_thrust" in by_id("glute_bridge").harder
    assert "single_leg_hip_thrust" in by_id("single_leg_glute_bridge").harder
    assert "single_leg_hip_thrust" in by_id("bodyweight_hip_thrust").harder
    assert by_id("single_leg_hip_thrust").harder == ("weighted_single_leg_hip_thrust",)


def test_barbell_hip_thrust_record() -> None:
    thrust = by_id("barbell_hip_thrust")
    assert set(thrust.equipment) == {"barbell", "bench"}
    assert thrust.load_kind is LoadKind.BARBELL
    assert thrust.level is Level.BEGINNER
    assert thrust.similar == ("glute_bridge", "glute_ham_raise")
    assert thrust.primary_muscles == ("gluteus_maximus",)
    assert {"hamstrings", "gluteus_medius"} <= set(thrust.secondary_muscles)
    assert "supine_loaded" in thrust.stresses


@pytest.mark.parametrize(
    ("part", "facts"),
    [
        ("steps", ["upper back", "edge", "arms", "feet", "forward and up", "shoulders back"]),
        ("steps", ["neck", "breath", "hips and heels", "higher than your shoulders"]),
        ("steps", ["one straight line", "moment", "breathe out", "under control", "fresh breath"]),
        ("cues", ["foot widths", "heels and midfoot", "belly", "pause"]),
        ("mistakes", ["8 to 10", "range", "toes", "neutral spine", "lower back"]),
        ("summary", ["gluteus maximus", "glute", "medius", "hamstrings", "quads"]),
        ("summary", ["obliques", "transverse abdominis", "erectors"]),
    ],
)
def test_barbell_hip_thrust_carries_the_articles_facts(part: str, facts: list[str]) -> None:
    value = getattr(by_id("barbell_hip_thrust"), part)
    text = (" ".join(value) if isinstance(value, tuple) else value).lower()
    for fact in facts:
        assert fact in text, f"{part} lacks {fact!r}"


def test_the_articles_variations_say_what_they_are_for() -> None:
    single = by_id("single_leg_hip_thrust")
    assert single.equipment == ("bench",)
    assert "dumbbell" in single.summary
    assert "tighter" in by_id("band_hip_thrust").summary
    banded = by_id("banded_barbell_hip_thrust")
    assert "mini_bands" in banded.equipment
    assert {"gluteus_medius", "tfl"} <= {*banded.primary_muscles, *banded.secondary_muscles}
    assert "floor" in by_id("glute_bridge").summary
    ghr = by_id("glute_ham_raise")
    assert ghr.equipment == ("ghd",)
    assert ghr.primary_muscles == ("hamstrings",)
    assert "gluteus_maximus" in ghr.secondary_muscles


# --- Realism of every record -----------------------------------------------------------


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_record_is_realistic(exercise: Exercise) -> None:
    needed = LOAD_EQUIPMENT.get(exercise.load_kind)
    if needed:
        assert needed & set(exercise.equipment), "load kind needs its equipment"
    if exercise.load_kind is LoadKind.BAND:
        assert {"bands", "mini_bands"} & set(exercise.equipment)
    if exercise.laterality is Laterality.UNILATERAL:
        assert exercise.minutes_per_set >= 1.0, "a unilateral set counts both sides"
    assert 0.5 <= exercise.minutes_per_set <= 2.0
    if "bodyweight" in exercise.equipment:
        assert exercise.equipment == ("bodyweight",), "bodyweight means no other equipment"
    for text in (*exercise.steps, *exercise.cues, *exercise.mistakes):
        assert text[0].isupper() and text.rstrip()[-1] in ".!?", text
    assert re.fullmatch(r"[a-z0-9_]+", exercise.id)


def test_core_work_is_isolation_so_it_never_counts_as_a_main_lift() -> None:
    """Carries and rollouts use several joints, but plans treat core work as accessory."""
    from thrustplan.rules.prescription import is_main_lift

    for exercise in ALL:
        if exercise.pattern == "core":
            assert not exercise.is_compound, exercise.id
            assert not is_main_lift(exercise), exercise.id


def test_timed_exercises_are_holds() -> None:
    timed = {e.id for e in ALL if e.timed}
    assert {"plank", "side_plank"} <= timed
    for exercise_id in timed:
        assert by_id(exercise_id).load_kind in (
            LoadKind.BODYWEIGHT,
            LoadKind.DUMBBELL,
            LoadKind.KETTLEBELL,
        )


@pytest.mark.parametrize(
    ("exercise_id", "stress"),
    [
        ("back_squat", "spinal_loading"),
        ("back_squat", "deep_knee_flexion_loaded"),
        ("romanian_deadlift", "spinal_loading"),
        ("barbell_hip_thrust", "supine_loaded"),
        ("bench_press", "supine_loaded"),
        ("push_up", "wrist_loading"),
        ("dumbbell_shoulder_press", "overhead"),
    ],
)
def test_stress_flags_honour_limitations(exercise_id: str, stress: str) -> None:
    assert stress in by_id(exercise_id).stresses


def test_a_bodyweight_client_has_a_full_week() -> None:
    bodyweight = {e.id for e in CATALOGUE.doable_with([])}
    for exercise_id in [
        "glute_bridge",
        "single_leg_glute_bridge",
        "frog_pump",
        "bodyweight_squat",
        "split_squat",
        "reverse_lunge",
        "push_up",
        "prone_ytw_raise",
        "doorway_row",
        "sliding_leg_curl",
        "plank",
        "dead_bug",
    ]:
        assert exercise_id in bodyweight


def test_every_muscle_a_goal_targets_is_trained_by_some_exercise() -> None:
    from thrustplan.rules.goals import Goal
    from thrustplan.rules.volume import weekly_targets

    trained = {m for e in ALL for m in e.primary_muscles}
    for goal in Goal:
        assert set(weekly_targets(goal, Level.INTERMEDIATE)) <= trained, goal


# --- Loading a trainer's file ----------------------------------------------------------


def test_a_trainers_file_may_use_aliases(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        """
exercises:
  - id: towel_bridge
    name: Towel bridge
    equipment: [none]
    pattern: bridge
    primary_muscles: [glutes]
    secondary_muscles: hams
    mechanic: compound
    load_kind: bodyweight
"""
    )
    exercise = load_catalogue_file(path)["towel_bridge"]
    assert exercise.equipment == ("bodyweight",)
    assert exercise.pattern == "hip_thrust"
    assert exercise.secondary_muscles == ("hamstrings",)


def test_an_unknown_word_in_a_file_names_the_file_record_and_word(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "exercises:\n  - {id: x, name: X, equipment: [dumbell], pattern: core,"
        " primary_muscles: [abs], mechanic: isolation, load_kind: bodyweight}\n"
    )
    with pytest.raises(
        CatalogueError, match=r"mine\.yaml: exercise #1 \(x\).*'dumbell'.*'dumbbells'"
    ):
        load_catalogue_file(path)


def test_every_word_in_the_vocabulary_used_by_the_catalogue_is_defined() -> None:
    for exercise in ALL:
        assert set(exercise.equipment) <= VOCABULARY.ids("equipment")
        assert exercise.pattern in VOCABULARY.ids("patterns")
