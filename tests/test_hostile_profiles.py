"""Hostile profiles: every one is refused with exit 2 and a message naming the field,
quickly, without a traceback and without touching a file.

The reproductions of issue 15's "Tracebacks" and "Hangs" that come in through a profile,
then the bounded parser (:mod:`thrustplan.app.inputs.bounded`) and the profile model's
bounds on their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile_cli import PROFILE, refused, write
from thrustplan.app.inputs import PROFILE_LIMITS, InputError, Limits, parse_json, parse_yaml
from thrustplan.rules.profile import ProfileError, parse_profile

#: An alias bomb in 600 bytes: nine aliases of nine aliases, eight deep (9^8 values).
ALIAS_BOMB = (
    "equipment: &i [&a [x,x,x,x,x,x,x,x,x], "
    + ", ".join(
        f"&{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefg", "bcdefgh", strict=True)
    )
    + "]\n"
)
BASE = PROFILE.replace("equipment: [bodyweight]\n", "")


def profile(tmp_path: Path, extra: str, base: str = BASE) -> Path:
    return write(tmp_path, "profile.yaml", base + extra)


@pytest.mark.parametrize(
    ("text", "naming"),
    [
        ("name: " + "[" * 50_000 + "\n", "nested"),
        (BASE + ALIAS_BOMB, "aliases"),
        (BASE + ALIAS_BOMB.replace(", &h [" + ", ".join(["*g"] * 9) + "]", ""), "aliases"),
        (BASE + "start_date: 2027-02-30\n", "start_date"),
        (BASE + "start_date: !!timestamp 2027-02-30\n", "start_date"),
        (BASE + "start_date: 9999-12-27\n", "start_date"),
        (BASE + "start_date: 1066-10-14\n", "start_date"),
        (BASE + "name: Ana\n", "given twice"),
        (BASE + "barbell: {bar: 20, plates: {20: 1000000, 10: 1000000}}\n", "plates"),
        (BASE + "barbell: {bar: 20, plates: {20: 20000, 10: 20000}}\n", "plates"),
        (BASE + "barbell: {bar: 20, plates: {.nan: 2}}\n", "plates"),
        (BASE + "barbell: {bar: 20, plates: {.inf: 2}}\n", "plates"),
        (BASE + "barbell: {bar: 20, plates: {0.0001: 2}}\n", "plates"),
        (BASE + "barbell: {bar: .nan, plates: {20: 2}}\n", "barbell.bar"),
        (BASE + "bodyweight: .inf\n", "bodyweight"),
        (BASE + "bodyweight: 1e400\n", "bodyweight"),
        (BASE + "bodyweight: 1e9\n", "bodyweight"),
        (BASE + "dumbbells: [-5, 10]\n", "dumbbells"),
        (BASE + "bands: [" + "x" * 500 + "]\n", "bands"),
        (BASE + "equipment: [[[[mat]]]]\n", "equipment"),
        (BASE.replace("Ana Ruiz", "A" * 500), "name"),
        (BASE.replace("Ana Ruiz", '"Ana\\x1b[31mRuiz"'), "name"),
        (BASE.replace("Ana Ruiz", '"Ana\\nEND:VEVENT"'), "name"),
        (BASE.replace("Ana Ruiz", '"  "'), "name"),
        (BASE + 'trainer: {name: "Coach\\u202eKO"}\n', "trainer.name"),
        (BASE + "weeks: 100000000000000000000000000000\n", "weeks"),
        ('{"name": .nan}', "finite"),
        ("- a\n- b\n", "mapping"),
        ("\x00\x01\x02binary\xff", ""),
    ],
)
def test_a_hostile_profile_is_refused_by_field(tmp_path: Path, text: str, naming: str) -> None:
    path = write(tmp_path, "profile.yaml", text)
    refused(
        "plan", str(path), "-o", str(tmp_path / "x.pdf"), cwd=tmp_path, inputs=[path], naming=naming
    )
    assert not (tmp_path / "x.pdf").exists()


def test_a_binary_profile_is_refused_as_not_text(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe" * 100)
    refused("plan", str(path), cwd=tmp_path, inputs=[path], naming="UTF-8")


def test_a_huge_profile_is_refused_by_size_before_it_is_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, "profile.yaml", BASE + "# " + "x" * (2 * 1024 * 1024) + "\n")
    refused("plan", str(path), cwd=tmp_path, inputs=[path], naming="MiB")


def test_a_folder_given_as_the_profile_is_refused(tmp_path: Path) -> None:
    refused("plan", str(tmp_path), cwd=tmp_path, naming="folder")


def test_a_deep_json_profile_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "profile.json", '{"name": ' + "[" * 50_000 + "]" * 50_000 + "}")
    refused("plan", str(path), cwd=tmp_path, inputs=[path], naming="nested")


# --- the bounded parser on its own -----------------------------------------------------


def test_yaml_aliases_within_reason_are_kept() -> None:
    text = "base: &b {bar: 20}\none: *b\ntwo: {<<: *b, bar: 15}\n"
    assert parse_yaml(text, "t") == {"base": {"bar": 20}, "one": {"bar": 20}, "two": {"bar": 15}}


def test_a_self_referring_alias_is_refused() -> None:
    with pytest.raises(InputError, match="refers to itself"):
        parse_yaml("a: &a [*a]\n", "t")


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    with pytest.raises(InputError, match="aliases"):
        parse_yaml(BASE + ALIAS_BOMB, "t")


def test_dates_stay_text_for_the_model_to_judge() -> None:
    assert parse_yaml("start_date: 2027-02-30\n", "t") == {"start_date": "2027-02-30"}


def test_depth_is_counted_after_aliases_expand() -> None:
    deep = "[" * 10 + "x" + "]" * 10
    with pytest.raises(InputError, match="nested"):
        parse_yaml(f"a: &d {deep}\nb: {'[' * 20}*d{']' * 20}\n", "t")


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}', "[1e400]"])
def test_json_numbers_must_be_finite(text: str) -> None:
    with pytest.raises(InputError, match="finite"):
        parse_json(text, "t", PROFILE_LIMITS)


def test_json_keys_given_twice_are_refused() -> None:
    with pytest.raises(InputError, match="given twice"):
        parse_json('{"name": "a", "name": "b"}', "t", PROFILE_LIMITS)


def test_json_integers_of_thousands_of_digits_are_refused() -> None:
    with pytest.raises(InputError, match="out of range"):
        parse_json("[" + "9" * 10_000 + "]", "t", PROFILE_LIMITS)


def test_limits_are_the_callers_to_choose() -> None:
    with pytest.raises(InputError, match="nested"):
        parse_yaml("a: [[x]]\n", "t", Limits(max_bytes=100, max_depth=2))


def test_a_finite_number_is_named_by_its_path() -> None:
    with pytest.raises(InputError, match=r"rep_maxes\.hip_thrust\.weight"):
        parse_yaml("rep_maxes: {hip_thrust: {weight: .inf, reps: 5}}\n", "t")


# --- the profile model's bounds --------------------------------------------------------

VALID = {
    "name": "Ana",
    "goal": "glutes",
    "level": "beginner",
    "days_per_week": 3,
    "session_minutes": 45,
}


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"barbell": {"bar": 20, "plates": {20: 51}}}, "barbell.plates"),
        ({"barbell": {"bar": 20, "plates": {float("nan"): 2}}}, "barbell.plates"),
        ({"barbell": {"bar": 20, "plates": {float(w): 2 for w in range(1, 14)}}}, "plate sizes"),
        ({"barbell": {"bar": 20, "plates": {100: 50}}}, "weigh"),
        ({"barbell": {"bar": 20, "plates": {1.13: 2}}}, "steps"),
        ({"barbell": {"bar": float("inf"), "plates": {20: 2}}}, "barbell.bar"),
        ({"rep_maxes": {"hip_thrust": {"weight": float("nan"), "reps": 5}}}, "rep_maxes"),
        ({"machine_step": float("inf")}, "machine_step"),
        ({"bodyweight": 5}, "bodyweight"),
        ({"start_date": "2027-02-30"}, "start_date"),
        ({"start_date": "9999-12-27"}, "start_date"),
        ({"name": "Ana\x1b[2J"}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"bands": ["red\nblue"]}, "bands.0"),
        ({"bands": ["red"] * 21}, "bands"),
        ({"dumbbells": [5.0] * 101}, "dumbbells"),
        ({"equipment": ["mat"] * 101}, "equipment"),
        ({"trainer": {"name": "Coach\x07"}}, "trainer.name"),
    ],
)
def test_the_profile_refuses_absurd_values_by_field(extra: dict[str, object], field: str) -> None:
    with pytest.raises(ProfileError, match=field.replace(".", r"\.")):
        parse_profile({**VALID, **extra})


def test_a_real_kit_and_dates_are_accepted() -> None:
    profile = parse_profile(
        {
            **VALID,
            "barbell": {"bar": 20, "plates": {25: 4, 20: 2, 1.25: 2, 0.5: 4, 0.25: 50}},
            "start_date": "2028-02-29",
            "bodyweight": 62.5,
            "name": "  Zoë O'Brien ",
            "bands": ["extra heavy (black)"],
        }
    )
    assert profile.name == "Zoë O'Brien"
    assert str(profile.start_date) == "2028-02-29"
