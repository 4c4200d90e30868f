"""Everything a user hands the application, read and checked in one place before any work.

Profiles (a file, flags, or both), catalogues, saved programmes, replan logs, a trainer's
logo and the output paths are all validated here, so the pipeline receives only what it
can use. Every refusal is an :class:`InputError` whose message names the field or file
and the fix; the command line turns it into exit status 2, the batch into an "invalid"
row.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from thrustplan.exercise_db.catalogue import Catalogue, CatalogueError, load_catalogue
from thrustplan.exercise_db.vocabulary import UnknownWordError
from thrustplan.rules.profile import ClientProfile, ProfileError, parse_profile
from thrustplan.rules.program import Program


class InputError(ValueError):
    """Input that cannot be used; the message names the field or file and the fix."""


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


def read_yaml(path: Path, what: str) -> Any:
    """The parsed content of a YAML (or JSON) file, or an :class:`InputError` saying where
    it is broken."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such file; check the path to the {what}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the {what} ({error})") from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(f"{path}: not valid YAML or JSON{where}; fix the syntax there") from (
            error
        )


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
    try:
        return load_catalogue(path, replace=alone)
    except CatalogueError as error:
        raise InputError(f"--catalogue: {error}") from error


#: How to make a file that commands reading a programme accept, quoted when one is refused.
MAKE_PROGRAM = "write one with `thrustplan plan PROFILE --json PLAN.json`"


def read_program(path: Path) -> Program:
    """A programme saved by ``plan --json``, or an :class:`InputError` naming the file, the
    JSON position or the field, and how to fix it."""
    text = read_text(path, f"programme JSON ({MAKE_PROGRAM})")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); fix the syntax there or {MAKE_PROGRAM}"
        ) from error
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


def read_text(path: Path, what: str) -> str:
    """A UTF-8 text file's content, or an :class:`InputError` naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such file; give the path of the {what}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the {what} ({error})") from error


# --- the trainer's logo -----------------------------------------------------------------

LOGO_KINDS = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
#: A logo larger than this is almost surely not a logo, and slows every page it is on.
LOGO_MAX_BYTES = 2 * 1024 * 1024
#: Places a logo may never come from, even through a link: kernel and device files.
_SPECIAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"), Path("/run"))
_LOGO_HINT = "give the path of a PNG, JPEG or SVG file"


def _resolve_logo_path(path: Path, folders: Sequence[Path]) -> tuple[Path, os.stat_result]:
    """The logo's real path and status, once it is known to lie where logos may come from."""
    if path.suffix.lower() not in LOGO_KINDS:
        raise InputError(
            f"trainer.logo: {path} is not a .png, .jpg, .jpeg or .svg file; {_LOGO_HINT}"
        )
    try:
        resolved = path.resolve(strict=True)
        info = resolved.stat()
    except (OSError, RuntimeError) as error:
        raise InputError(
            f"trainer.logo: {path} does not exist or cannot be read; {_LOGO_HINT}"
        ) from error
    if any(resolved.is_relative_to(root) for root in _SPECIAL_ROOTS):
        raise InputError(f"trainer.logo: {path} leads to {resolved}, a system file; {_LOGO_HINT}")
    places = [folder.resolve() for folder in folders]
    if not any(resolved.is_relative_to(place) for place in places):
        where = ", ".join(str(place) for place in places) or "no folder at all"
        raise InputError(
            f"trainer.logo: {path} lies outside the folders a logo may come from ({where}); "
            "put the logo beside the profile, or allow its folder with --logo-folder"
        )
    return resolved, info


def check_logo(path: Path, folders: Sequence[Path]) -> Path:
    """The resolved logo file, or an :class:`InputError` naming ``trainer.logo``.

    A logo must be an existing regular file named ``.png``, ``.jpg``, ``.jpeg`` or
    ``.svg`` whose content matches its name, no larger than 2 MiB, inside one of
    ``folders`` once links are followed (the places the person running the command has
    put their images in: a profile naming ``/home/ann/.ssh/id.png`` prints nothing of
    it). Never a file under ``/proc``, ``/sys``, ``/dev`` or ``/run``, whatever the
    folders. Only this one file becomes fetchable by the renderer.
    """
    resolved, info = _resolve_logo_path(path, folders)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"trainer.logo: {path} is not a regular file; {_LOGO_HINT}")
    if resolved.suffix.lower() != path.suffix.lower():
        raise InputError(
            f"trainer.logo: {path} links to {resolved}, which is not an image file; {_LOGO_HINT}"
        )
    if info.st_size > LOGO_MAX_BYTES:
        raise InputError(
            f"trainer.logo: {path} is {info.st_size // 1024} KiB; use an image under 2 MiB"
        )
    try:
        with resolved.open("rb") as handle:
            head = handle.read(2048)
    except OSError as error:
        raise InputError(
            f"trainer.logo: cannot read {path} ({error.strerror}); {_LOGO_HINT}"
        ) from error
    kind = LOGO_KINDS[resolved.suffix.lower()]
    looks_right = {
        "image/png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg": head.startswith(b"\xff\xd8\xff"),
        "image/svg+xml": b"<svg" in head,
    }[kind]
    if not looks_right:
        raise InputError(
            f"trainer.logo: {path} is named like a {kind.split('/')[1].upper()} image but its "
            f"content is not one; {_LOGO_HINT}"
        )
    return resolved


def profile_logo(profile: ClientProfile, folders: Sequence[Path]) -> Path | None:
    """The checked logo of ``profile``'s trainer, or ``None`` when it names none."""
    trainer = profile.trainer
    if trainer is None or trainer.logo is None:
        return None
    return check_logo(trainer.logo, folders)


# --- output paths -----------------------------------------------------------------------


def check_outputs(outputs: Mapping[str, Path], inputs: Iterable[Path]) -> None:
    """Refuse, before any work, an output that would overwrite an input or another output.

    ``outputs`` maps each option (``-o``, ``--json``...) to its path. Paths are compared
    once resolved, so ``./plan.yaml`` and ``plan.yaml`` are the same file.
    """
    given = {path.resolve(): path for path in inputs}
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        resolved = path.resolve()
        if resolved in given:
            raise InputError(
                f"{option} {path}: that is an input of this command; write to another file"
            )
        if resolved in seen:
            raise InputError(
                f"{option} {path}: {seen[resolved]} writes there too; give each output its own file"
            )
        if resolved.is_dir():
            raise InputError(f"{option} {path}: is a folder; give a file name")
        seen[resolved] = option
