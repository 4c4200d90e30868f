"""Everything a user hands the application, read and checked in one place before any work.

Profiles (a file, flags, or both), catalogues, saved programmes, replan logs, a trainer's
logo and the output paths are all validated here, so the pipeline receives only what it
can use. Every file is read within bounds first (:mod:`.bounded`: size, nesting, YAML
aliases, finite numbers); the logo (:mod:`.logo`) and the output paths (:mod:`.outputs`)
have their own rooms. Every refusal is an :class:`InputError` whose message names the
field or file and the fix; the command line turns it into exit status 2, the batch into
an "invalid" row.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thrustplan.app.inputs.bounded import (
    CATALOGUE_LIMITS,
    LOG_LIMITS,
    PROFILE_LIMITS,
    PROGRAM_LIMITS,
    ROSTER_LIMITS,
    SOURCE_LIMITS,
    InputError,
    Limits,
    parse_json,
    parse_yaml,
    read_limited,
)
from thrustplan.app.inputs.logo import check_logo, profile_logo
from thrustplan.app.inputs.outputs import check_out_folder, check_outputs
from thrustplan.exercise_db.catalogue import (
    Catalogue,
    CatalogueError,
    builtin_catalogue,
    catalogue_from_data,
)
from thrustplan.exercise_db.vocabulary import UnknownWordError
from thrustplan.rules.profile import ClientProfile, ProfileError, parse_profile
from thrustplan.rules.program import Program
from thrustplan.rules.sanity import MAX_LOAD, MAX_REPS, MAX_SETS

__all__ = [
    "CATALOGUE_LIMITS",
    "LOG_LIMITS",
    "PROFILE_LIMITS",
    "PROGRAM_LIMITS",
    "ROSTER_LIMITS",
    "SOURCE_LIMITS",
    "InputError",
    "Limits",
    "build_profile",
    "check_catalogue_covers",
    "check_logo",
    "check_out_folder",
    "check_outputs",
    "check_program_bounds",
    "check_theme",
    "load_profile",
    "open_catalogue",
    "parse_json",
    "parse_yaml",
    "profile_logo",
    "read_limited",
    "read_program",
    "read_text",
    "read_yaml",
    "resolve_logo",
]

# --- profiles -------------------------------------------------------------------------

#: The profile fields a command-line flag may set, with the flag that sets each.
REQUIRED_FLAGS = (
    ("--goal", "goal"),
    ("--level", "level"),
    ("--days", "days_per_week"),
    ("--minutes", "session_minutes"),
)


def resolve_logo(data: Any, folder: Path) -> Any:
    """``data`` with a relative ``trainer.logo`` taken from ``folder``, the file's own.

    A profile or defaults file names its logo as its author sees it, beside the file;
    without this, the path would depend on where the command happens to run. Links are
    left in the path, so that the logo check can say where one leads.
    """
    trainer = data.get("trainer") if isinstance(data, dict) else None
    if isinstance(trainer, dict) and trainer.get("logo"):
        logo = Path(str(trainer["logo"]))
        if not logo.is_absolute():
            path = os.path.normpath(folder.absolute() / logo)
            return {**data, "trainer": {**trainer, "logo": path}}
    return data


def read_yaml(path: Path, what: str, limits: Limits = PROFILE_LIMITS) -> Any:
    """The parsed content of a YAML (or JSON) file read within ``limits``, or an
    :class:`InputError` saying where it is broken."""
    return parse_yaml(read_limited(path, what, limits), str(path), limits)


def load_profile(path: Path) -> ClientProfile:
    """Read a profile from a YAML or JSON file; a relative logo is taken from its folder."""
    data = read_yaml(path, "profile")
    return parse_profile(resolve_logo(data, path.parent), source=str(path))


def build_profile(path: Path | None, overrides: Mapping[str, Any]) -> ClientProfile:
    """The profile from a file, from flags, or from a file with flags on top."""
    given = {key: value for key, value in overrides.items() if value not in (None, [])}
    try:
        if path is None:
            given.setdefault("name", "Client")
            missing = [flag for flag, field in REQUIRED_FLAGS if field not in given]
            if missing:
                raise InputError(f"no profile file: give one, or give {', '.join(missing)}")
            return parse_profile(given, source="flags")
        profile = load_profile(path)
        if not given:
            return profile
        data = profile.model_dump(mode="json", exclude_none=True)
        if "days_per_week" in given:
            data.pop("days", None)
        data.update(given)
        return parse_profile(data, source=str(path))
    except (ProfileError, UnknownWordError) as error:
        raise InputError(str(error)) from error


# --- catalogues and programmes ----------------------------------------------------------


def open_catalogue(path: Path | None, alone: bool = False) -> Catalogue:
    """The catalogue to plan from: ours, a file merged over ours, or a file alone."""
    if alone and path is None:
        raise InputError("--catalogue-only needs --catalogue FILE: name the catalogue to plan from")
    if path is None:
        return builtin_catalogue()
    try:
        other = catalogue_from_data(read_yaml(path, "catalogue", CATALOGUE_LIMITS), path.name)
    except (InputError, CatalogueError) as error:
        raise InputError(f"--catalogue: {error}") from error
    return other if alone else builtin_catalogue().merged_with(other)


#: How to make a file that commands reading a programme accept, quoted when one is refused.
MAKE_PROGRAM = "write one with `thrustplan plan PROFILE --json PLAN.json`"


def read_program(path: Path, *, finite: bool = True) -> Program:
    """A programme saved by ``plan --json``, or an :class:`InputError` naming the file, the
    JSON position or the field, and how to fix it.

    With ``finite=False`` a load of ``NaN`` or ``Infinity`` is read as it stands, for the
    checker to report where it is; commands that compute from the programme keep the
    default and refuse it.
    """
    text = read_limited(path, f"programme JSON ({MAKE_PROGRAM})", PROGRAM_LIMITS)
    data = parse_json(text, str(path), PROGRAM_LIMITS, finite=finite)
    try:
        return Program.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        raise InputError(
            f"{path}: not a thrustplan programme (field {where}: {first['msg']}); {MAKE_PROGRAM}"
        ) from error


def check_catalogue_covers(program: Program, catalogue: Catalogue, source: Path) -> None:
    """Refuse a programme that names exercises the catalogue does not hold."""
    used = {e.exercise_id for w in program.weeks for s in w.sessions for e in s.exercises}
    unknown = sorted(exercise_id for exercise_id in used if exercise_id not in catalogue)
    if unknown:
        raise InputError(
            f"{source}: {', '.join(unknown)} not in catalogue {catalogue.name!r}; "
            f"pass the catalogue it was planned from ({program.catalogue}) with --catalogue"
        )


#: What ``replan`` accepts of a saved programme: what ``plan`` could have written, so that
#: a tampered file (``sets: 100000``) costs no more work than a real one.
PROGRAM_BOUNDS = {"weeks": 52, "sessions": 7, "exercises": 30, "sets": MAX_SETS, "reps": MAX_REPS}


def _program_problem(program: Program) -> str | None:
    """The first thing in ``program`` beyond :data:`PROGRAM_BOUNDS`, as a field path."""
    if not 1 <= len(program.weeks) <= PROGRAM_BOUNDS["weeks"]:
        return f"weeks: {len(program.weeks)} weeks, where 1 to {PROGRAM_BOUNDS['weeks']} are"
    heaviest = MAX_LOAD[program.profile.units]
    for w, week in enumerate(program.weeks):
        if not 1 <= len(week.sessions) <= PROGRAM_BOUNDS["sessions"]:
            return f"weeks.{w}.sessions: {len(week.sessions)} sessions in a week"
        for s, session in enumerate(week.sessions):
            if len(session.exercises) > PROGRAM_BOUNDS["exercises"]:
                return f"weeks.{w}.sessions.{s}.exercises: {len(session.exercises)} exercises"
            for e, entry in enumerate(session.exercises):
                where = f"weeks.{w}.sessions.{s}.exercises.{e}"
                if entry.sets > PROGRAM_BOUNDS["sets"]:
                    return f"{where}.sets: {entry.sets} sets"
                if max(entry.reps_max, entry.target_reps) > PROGRAM_BOUNDS["reps"]:
                    return f"{where}.reps_max: {entry.reps_max} reps"
                if entry.load is not None and not 0 <= entry.load <= heaviest:
                    return f"{where}.load: {entry.load}"
    return None


def check_program_bounds(program: Program, source: Path) -> None:
    """Refuse a programme that ``plan`` could not have written (no weeks, 100,000 sets)."""
    problem = _program_problem(program)
    if problem is not None:
        raise InputError(f"{source}: {problem} is more than a programme holds; {MAKE_PROGRAM}")


def check_theme(theme: str | None) -> None:
    """Refuse a theme stylesheet file that is not small UTF-8 text; a theme's name, and
    what the stylesheet may say, the renderer checks itself."""
    if theme is not None and theme.endswith(".css") and Path(theme).exists():
        read_limited(Path(theme), "theme stylesheet", PROFILE_LIMITS)


def read_text(path: Path, what: str, limits: Limits = LOG_LIMITS) -> str:
    """A UTF-8 text file's content within ``limits``, or an :class:`InputError` naming it."""
    return read_limited(path, what, limits)
