"""Importing free-exercise-db: small made-up records, then the real 873-record file."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from thrustplan.exercise_db.catalogue import (
    Catalogue,
    builtin_catalogue,
    load_catalogue_file,
    read_catalogue_text,
)
from thrustplan.exercise_db.checks import CATALOGUE_CHECKS, groups_covered
from thrustplan.exercise_db.importers.free_exercise_db import (
    STRENGTH_CATEGORIES,
    ImportResult,
    SourceError,
    Unmappable,
    convert,
    import_file,
    import_records,
    snake_id,
)
from thrustplan.exercise_db.models import Laterality, Level, LoadKind

#: The real database lives beside the repository, never inside it.
REAL_FILE = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db" / "exercises.json"
)


def record(name: str, **fields: Any) -> dict[str, Any]:
    """A free-exercise-db record with sensible defaults."""
    return {
        "id": name.replace(" ", "_"),
        "name": name,
        "force": "push",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "body only",
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": [],
        "instructions": ["Stand up.", "Sit down."],
        "category": "strength",
        **fields,
    }


# --- One record at a time ---------------------------------------------------------------


def test_a_barbell_hip_thrust_lands_in_the_family() -> None:
    exercise = convert(
        record(
            "Barbell Hip Thrust",
            equipment="barbell",
            primaryMuscles=["glutes"],
            secondaryMuscles=["calves", "hamstrings"],
        )
    )
    assert exercise.pattern == "hip_thrust"
    assert exercise.primary_muscles == ("gluteus_maximus",)
    assert set(exercise.equipment) == {"barbell", "bench"}
    assert exercise.load_kind is LoadKind.BARBELL
    assert "supine_loaded" in exercise.stresses
    assert exercise.source == "free-exercise-db"
    assert exercise.source_id == "Barbell_Hip_Thrust"
    assert exercise.id == "fedb_barbell_hip_thrust"


def test_a_bridge_called_isolation_is_still_a_compound_hip_thrust() -> None:
    exercise = convert(
        record("Butt Lift (Bridge)", mechanic="isolation", primaryMuscles=["glutes"])
    )
    assert exercise.pattern == "hip_thrust"
    assert exercise.is_compound


def test_a_hip_raise_for_the_abs_is_core_not_hip_thrust() -> None:
    exercise = convert(
        record("Smith Machine Hip Raise", equipment="machine", primaryMuscles=["abdominals"])
    )
    assert exercise.pattern == "core"
    assert exercise.equipment == ("smith_machine",)


@pytest.mark.parametrize(
    ("name", "equipment", "expected_equipment"),
    [
        ("Glute Ham Raise", "machine", ("ghd",)),
        ("Natural Glute Ham Raise", "body only", ("bodyweight",)),
        ("Lying Leg Curls", "machine", ("leg_curl_machine",)),
    ],
)
def test_hamstring_curls_are_knee_flexion(
    name: str, equipment: str, expected_equipment: tuple[str, ...]
) -> None:
    exercise = convert(
        record(name, equipment=equipment, force="pull", primaryMuscles=["hamstrings"])
    )
    assert exercise.pattern == "knee_flexion"
    assert exercise.equipment == expected_equipment


def test_the_sources_shoulders_are_split_by_the_movement() -> None:
    raise_ = convert(
        record("Side Lateral Raise", equipment="dumbbell", primaryMuscles=["shoulders"])
    )
    assert raise_.primary_muscles == ("side_delts",)
    assert raise_.pattern == "shoulder_isolation"
    row = convert(
        record(
            "Seated Cable Rows",
            equipment="cable",
            force="pull",
            primaryMuscles=["middle back"],
            secondaryMuscles=["lats", "shoulders", "traps"],
        )
    )
    assert row.primary_muscles == ("upper_back",)
    # Traps and middle back are both our upper back: it is listed once, as primary.
    assert row.secondary_muscles == ("lats", "rear_delts")


def test_laterality_and_minutes_come_from_the_name() -> None:
    row = convert(
        record(
            "One-Arm Dumbbell Row",
            equipment="dumbbell",
            force="pull",
            primaryMuscles=["middle back"],
        )
    )
    assert row.laterality is Laterality.UNILATERAL
    assert row.minutes_per_set == 1.5
    lunge = convert(record("Dumbbell Lunges", equipment="dumbbell"))
    assert lunge.laterality is Laterality.ALTERNATING
    assert "deep_knee_flexion_loaded" in lunge.stresses


def test_a_barbell_squat_needs_a_rack_and_loads_the_spine() -> None:
    squat = convert(record("Barbell Squat", equipment="barbell"))
    assert squat.pattern == "squat"
    assert set(squat.equipment) == {"barbell", "squat_rack"}
    assert {"spinal_loading", "deep_knee_flexion_loaded"} <= set(squat.stresses)


def test_a_plank_is_a_timed_hold() -> None:
    plank = convert(
        record("Plank", force="static", mechanic="isolation", primaryMuscles=["abdominals"])
    )
    assert plank.timed
    assert plank.pattern == "core"


def test_expert_becomes_advanced() -> None:
    assert convert(record("Pistol Squat", level="expert")).level is Level.ADVANCED


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"category": "stretching"}, "not strength training"),
        ({"category": "plyometrics"}, "not strength training"),
        ({"equipment": "foam roll"}, "foam roller"),
        ({"equipment": "other", "name": "Mystery Move"}, "unclear equipment"),
        ({"equipment": "other", "name": "Tire Flip"}, "specialty equipment"),
        ({"primaryMuscles": ["neck"]}, "neck only"),
        ({"instructions": []}, "no instructions"),
        ({"primaryMuscles": ["elbows"]}, "unknown muscle"),
    ],
)
def test_unmappable_records_say_why(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(Unmappable) as caught:
        convert({**record("Some Squat"), **fields})
    assert caught.value.reason.startswith(reason)


def test_no_record_is_dropped_silently() -> None:
    records = [
        record("Goblet Squat", equipment="kettlebells"),
        record("Hamstring Stretch", category="stretching"),
        record("Mystery Move", equipment="other"),
    ]
    result = import_records(records)
    assert [e.name for e in result.exercises] == ["Goblet Squat"]
    assert [(s.name, s.category) for s in result.skipped] == [
        ("Hamstring Stretch", "stretching"),
        ("Mystery Move", "strength"),
    ]
    assert result.total == 3
    assert result.strength_total == 2
    assert result.strength_mapped == 1
    report = result.report()
    assert "Hamstring Stretch\tstretching\tnot strength training" in report
    assert "Mystery_Move\tMystery Move\tstrength\tunclear equipment" in report
    assert "mapped 1 of 2 strength records (50.0%)" in result.summary()


def test_ids_that_collide_after_snake_casing_are_kept_apart() -> None:
    result = import_records([record("Push-Up", id="Push-Up"), record("Push Up", id="Push_Up")])
    assert [e.id for e in result.exercises] == ["fedb_push_up", "fedb_push_up_2"]


def test_snake_id_makes_a_valid_id() -> None:
    assert snake_id("Dips_-_Chest_Version") == "fedb_dips_chest_version"
    assert snake_id("Rocky_Pull-Ups_Pulldowns") == "fedb_rocky_pull_ups_pulldowns"


def test_the_yaml_output_loads_back(tmp_path: Path) -> None:
    result = import_records([record("Goblet Squat", equipment="kettlebells")])
    catalogue = read_catalogue_text(result.to_yaml(), "out.yaml")
    assert catalogue["fedb_goblet_squat"] == result.exercises[0]
    assert result.to_yaml().startswith("# Converted from free-exercise-db (public domain")


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "is not JSON"), ('{"exercises": []}', "expected free-exercise-db's list")],
)
def test_a_file_that_is_not_the_database_is_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "exercises.json"
    path.write_text(content)
    with pytest.raises(SourceError, match=message):
        import_file(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        import_file(tmp_path / "absent.json")


# --- The real database -----------------------------------------------------------------

needs_real_file = pytest.mark.skipif(
    not REAL_FILE.is_file(),
    reason=f"free-exercise-db is not at {REAL_FILE} (it lives in ../shared, outside the repo)",
)


@pytest.fixture(scope="module")
def real() -> ImportResult:
    return import_file(REAL_FILE)


@pytest.fixture(scope="module")
def real_catalogue(real: ImportResult, tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    path = tmp_path_factory.mktemp("import") / "free-exercise-db.yaml"
    path.write_text(real.to_yaml(), encoding="utf-8")
    return load_catalogue_file(path)


@needs_real_file
def test_real_import_maps_at_least_95_percent_of_strength_records(real: ImportResult) -> None:
    raw = json.loads(REAL_FILE.read_text(encoding="utf-8"))
    assert real.total == len(raw) == 873
    assert real.strength_total == sum(1 for r in raw if r["category"] in STRENGTH_CATEGORIES)
    assert real.strength_share >= 0.95
    assert all(s.reason for s in real.skipped)


@needs_real_file
def test_real_import_skips_every_non_strength_record_with_a_reason(real: ImportResult) -> None:
    skipped_categories = {s.category for s in real.skipped}
    assert {"stretching", "cardio", "plyometrics"} <= skipped_categories
    imported_ids = {e.source_id for e in real.exercises}
    raw = json.loads(REAL_FILE.read_text(encoding="utf-8"))
    for source in raw:
        if source["category"] in ("stretching", "cardio", "plyometrics"):
            assert source["id"] not in imported_ids


@needs_real_file
def test_real_import_is_fast() -> None:
    started = time.perf_counter()
    result = import_file(REAL_FILE)
    text = result.to_yaml()
    read_catalogue_text(text, "timed.yaml")
    assert time.perf_counter() - started < 2.0


@needs_real_file
@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("Barbell Hip Thrust", "hip_thrust"),
        ("Barbell Glute Bridge", "hip_thrust"),
        ("Single Leg Glute Bridge", "hip_thrust"),
        ("Butt Lift (Bridge)", "hip_thrust"),
        ("Glute Ham Raise", "knee_flexion"),
        ("Natural Glute Ham Raise", "knee_flexion"),
        ("Floor Glute-Ham Raise", "knee_flexion"),
        ("Smith Machine Hip Raise", "core"),
        ("Barbell Squat", "squat"),
        ("Front Squat (Clean Grip)", "squat"),
        ("Romanian Deadlift", "hinge"),
        ("Barbell Deadlift", "hinge"),
        ("Dumbbell Lunges", "lunge"),
        ("Pushups", "horizontal_push"),
        ("Dumbbell Bench Press", "horizontal_push"),
        ("Machine Bench Press", "horizontal_push"),
        ("Standing Military Press", "vertical_push"),
        ("Pullups", "vertical_pull"),
        ("Wide-Grip Lat Pulldown", "vertical_pull"),
        ("One-Arm Dumbbell Row", "horizontal_pull"),
        ("Upright Barbell Row", "shoulder_isolation"),
        ("Barbell Curl", "arms"),
        ("Plank", "core"),
        ("Standing Calf Raises", "calves"),
        ("Thigh Abductor", "hip_abduction"),
    ],
)
def test_known_records_land_in_the_right_pattern(
    real: ImportResult, name: str, pattern: str
) -> None:
    by_name = {e.name: e for e in real.exercises}
    assert by_name[name].pattern == pattern


@needs_real_file
def test_smith_machine_hip_raise_is_not_a_hip_thrust(real: ImportResult) -> None:
    thrusts = {e.name for e in real.exercises if e.pattern == "hip_thrust"}
    assert "Smith Machine Hip Raise" not in thrusts
    assert {"Barbell Hip Thrust", "Barbell Glute Bridge", "Single Leg Glute Bridge"} <= thrusts


@needs_real_file
def test_real_output_passes_the_catalogue_checks(real_catalogue: Catalogue) -> None:
    # Group coverage is the one check the real data fails, on purpose: the test below.
    for check in CATALOGUE_CHECKS:
        if check is groups_covered:
            continue
        assert check(real_catalogue) == [], check.__name__


@needs_real_file
def test_real_output_can_plan_alone_for_every_set_but_bodyweight_pulls(
    real_catalogue: Catalogue,
) -> None:
    """free-exercise-db has no pull without a bar or a cable; that gap is reported, not filled."""
    messages = [p.message for p in groups_covered(real_catalogue)]
    assert messages == ["no pull exercise with bodyweight only"]


@needs_real_file
def test_merging_the_import_keeps_every_curated_record(real_catalogue: Catalogue) -> None:
    ours = builtin_catalogue()
    merged = ours.merged_with(real_catalogue)
    assert len(merged) == len(ours) + len(real_catalogue)
    assert merged["barbell_hip_thrust"] == ours["barbell_hip_thrust"]


@needs_real_file
def test_real_output_records_are_plannable(real_catalogue: Catalogue) -> None:
    for exercise in real_catalogue.values():
        assert exercise.source == "free-exercise-db"
        assert exercise.source_id
        assert exercise.steps
        assert 0.5 <= exercise.minutes_per_set <= 2.0
        if exercise.load_kind is LoadKind.BARBELL:
            assert {"barbell", "trap_bar"} & set(exercise.equipment), exercise.id
