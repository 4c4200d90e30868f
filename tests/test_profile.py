"""The client profile: what it accepts, what it makes of it, and how it says what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.factories import profile
from thrustplan.app.inputs import InputError, load_profile, resolve_logo
from thrustplan.rules.profile import DEFAULT_DAYS, ProfileError, Weekday, parse_profile

BASE: dict[str, Any] = {
    "name": "Ana",
    "goal": "glutes",
    "level": "beginner",
    "days_per_week": 3,
    "session_minutes": 60,
}


def _problem(**fields: Any) -> str:
    """The message a profile of :data:`BASE` changed by ``fields`` is refused with."""
    with pytest.raises(ProfileError) as caught:
        parse_profile(BASE | fields)
    return str(caught.value)


# -------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"equipment": ["dumbells"]},
            "equipment: unknown equipment 'dumbells'; did you mean 'dumbbells'?",
        ),
        (
            {"limitations": ["bad knee"]},
            "limitations: unknown limitation 'bad knee'; did you mean 'knees'?",
        ),
        ({"days_per_week": 7}, "days_per_week: Input should be less than or equal to 6"),
        ({"session_minutes": 10}, "session_minutes: Input should be greater than or equal to 15"),
        (
            {"goal": "fat loss"},
            "goal: Input should be 'glutes', 'hypertrophy', 'strength' or 'general'",
        ),
        ({"colour": "red"}, "colour: Extra inputs are not permitted"),
        (
            {"barbell": {"bar": 20, "plates": {-5: 2}}},
            "barbell.plates: plate -5.0: a plate weighs more than 0 and at most 100",
        ),
        ({"trainer": {"accent": "blue"}}, "trainer.accent: String should match pattern"),
    ],
)
def test_a_refusal_names_the_field_and_what_is_wrong(fields: dict[str, Any], message: str) -> None:
    assert _problem(**fields).startswith(message)


def test_every_missing_field_is_named_on_its_own_line() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile({"goal": "glutes"})
    assert str(caught.value).splitlines() == [
        "name: Field required",
        "level: Field required",
        "days_per_week: Field required",
        "session_minutes: Field required",
    ]


def test_a_profile_that_is_not_a_mapping_is_refused_by_its_source() -> None:
    with pytest.raises(ProfileError, match=r"^ana\.yaml: expected a mapping of profile fields$"):
        parse_profile(["name", "Ana"], source="ana.yaml")


# ------------------------------------------------------------------ days and days_per_week


def test_listed_days_must_agree_with_days_per_week() -> None:
    message = _problem(days=["mon", "tue"])
    assert message == "profile: days: 2 days listed but days_per_week is 3; make them agree"


def test_a_day_listed_twice_is_refused() -> None:
    message = _problem(days=["mon", "mon", "tue"])
    assert message == "profile: days: a weekday is listed twice; list each training day once"


def test_training_days_are_in_week_order_whatever_order_they_are_listed_in() -> None:
    client = profile(days_per_week=3, days=["sat", "mon", "wed"])
    assert client.training_days == (Weekday.MON, Weekday.WED, Weekday.SAT)
    assert client.days == [Weekday.SAT, Weekday.MON, Weekday.WED], "as written"


@pytest.mark.parametrize("days", [2, 3, 4, 5, 6])
def test_without_days_the_week_is_spread_out(days: int) -> None:
    training = profile(days_per_week=days).training_days
    assert training == DEFAULT_DAYS[days]
    assert len(training) == days and list(training) == sorted(training, key=lambda d: d.offset)


def test_weekdays_count_from_monday() -> None:
    assert [d.offset for d in Weekday] == list(range(7))


# -------------------------------------------------------------------- equipment aliases


def test_equipment_aliases_resolve_to_their_ids() -> None:
    client = profile(equipment=["db", "Flat bench", "power_rack", "TRX"])
    assert client.equipment == ["dumbbells", "bench", "squat_rack", "suspension_trainer"]


def test_equipment_and_limitations_may_be_one_string_split_by_semicolons() -> None:
    client = profile(equipment="db; bench; ;power rack", limitations="back pain")
    assert client.equipment == ["dumbbells", "bench", "squat_rack"]
    assert client.limitations == ["lower_back"]


def test_bodyweight_is_always_available() -> None:
    assert profile().available_equipment == {"bodyweight"}
    assert profile(equipment=["bands"]).available_equipment == {"bodyweight", "bands"}


# ------------------------------------------------------------------------------- files


def test_a_profile_file_is_read_with_its_logo_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "ana.yaml"
    path.write_text(
        "name: Ana\ngoal: glutes\nlevel: beginner\ndays_per_week: 2\nsession_minutes: 45\n"
        "equipment: [db]\ntrainer: {name: North Street, logo: brand/logo.png}\n",
        encoding="utf-8",
    )
    client = load_profile(path)
    assert client.equipment == ["dumbbells"]
    assert client.trainer is not None
    assert client.trainer.logo == tmp_path.absolute() / "brand" / "logo.png"


def test_a_missing_file_is_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "nobody.yaml"
    with pytest.raises(
        InputError, match=r"nobody\.yaml: cannot read the profile, no such file; check the path"
    ):
        load_profile(path)


def test_bad_yaml_is_placed_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("name: Ana\ngoal: [glutes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid YAML or JSON at line \d+, column \d+"):
        load_profile(path)


def test_an_absolute_logo_or_none_is_left_as_it_is(tmp_path: Path) -> None:
    absolute = {"trainer": {"logo": "/srv/logo.png"}}
    assert resolve_logo(absolute, tmp_path) == absolute
    assert resolve_logo(BASE, tmp_path) == BASE
    assert resolve_logo(["not", "a", "mapping"], tmp_path) == ["not", "a", "mapping"]
