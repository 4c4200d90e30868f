"""Client profiles from the form and the API, checked as the command line checks them.

The profile form is a roster row: its fields are the roster's columns (lists
``;``-separated, nested fields by dotted name or as JSON), read by the same code
(:func:`thrustplan.app.roster.row_fields`) and validated by the same model, so a trainer
sees the messages a roster or a profile file would give.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from thrustplan.app.roster import LIST_FIELDS, row_fields
from thrustplan.exercise_db.vocabulary import UnknownWordError
from thrustplan.rules.profile import ClientProfile, ProfileError, parse_profile

#: The form's fields, in order; every field of :class:`ClientProfile` but the logo file.
FORM_FIELDS = (
    "name",
    "goal",
    "level",
    "days_per_week",
    "days",
    "session_minutes",
    "weeks",
    "units",
    "start_date",
    "equipment",
    "barbell.bar",
    "barbell.plates",
    "dumbbells",
    "kettlebells",
    "bands",
    "machine_step",
    "bodyweight",
    "rep_maxes",
    "limitations",
    "pregnancy_week",
    "exclude",
    "favourites",
    "dislikes",
    "supersets",
    "progression",
    "trainer.name",
    "trainer.accent",
)


@dataclass
class ProfileInvalid(ValueError):
    """Field-named problems with a profile: ``{field: message}``, messages as the CLI's."""

    problems: dict[str, str]

    def __str__(self) -> str:
        return "; ".join(f"{message}" for message in self.problems.values())


def _problems(error: Exception) -> dict[str, str]:
    """``field: message`` lines of a profile error, by field (the first part of its path)."""
    if isinstance(error, UnknownWordError):
        return {error.kind: f"{error.kind}: {error}"}
    problems: dict[str, str] = {}
    for line in str(error).splitlines():
        head, _, _ = line.partition(":")
        field = head.split(".")[0].strip() or "profile"
        key = field if field in _FIELD_ROOTS else "profile"
        problems[key] = f"{problems[key]}; {line}" if key in problems else line
    return problems


_FIELD_ROOTS = {name.split(".")[0] for name in FORM_FIELDS} | {"trainer"}


def check_profile(data: Any) -> ClientProfile:
    """A profile from JSON-like ``data``, or :class:`ProfileInvalid` naming each field.

    A logo cannot be named: a path would be a file on the server, not the trainer's own.
    """
    trainer = data.get("trainer") if isinstance(data, dict) else None
    if isinstance(trainer, dict) and trainer.get("logo"):
        raise ProfileInvalid(
            {"trainer": "trainer.logo: the workspace prints no logo; remove the field"}
        )
    try:
        return parse_profile(data, source="profile")
    except (ProfileError, UnknownWordError) as error:
        raise ProfileInvalid(_problems(error)) from error


def profile_from_form(form: Mapping[str, str | list[str]]) -> ClientProfile:
    """The profile the form describes; :class:`ProfileInvalid` names each bad field."""
    cells: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = form.get(name)
        if isinstance(value, list):  # check boxes: several values of one list field
            value = ";".join(value)
        cells[name] = value
    # Unset is a choice of its own (pair only short sessions), not "false".
    cells["supersets"] = form.get("supersets") or None
    try:
        fields = row_fields(cells)
    except ValueError as error:
        raise ProfileInvalid(_problems(error)) from error
    return check_profile(fields)


def _cell(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field in LIST_FIELDS and isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def form_values(profile: Mapping[str, Any]) -> dict[str, str]:
    """The form's cells for a stored profile (its JSON form)."""
    values: dict[str, str] = {}
    for name in FORM_FIELDS:
        head, _, leaf = name.partition(".")
        value = profile.get(head)
        if leaf:
            value = value.get(leaf) if isinstance(value, dict) else None
        values[name] = _cell(head if not leaf else name, value)
    return values


def stored(profile: ClientProfile) -> dict[str, Any]:
    """A profile as the database keeps it: its JSON form, without defaults left unset."""
    return profile.model_dump(mode="json", exclude_none=True)
