"""The trainer's logo: a small, real image from a folder the person running the command
chose, parsed safely before the renderer may fetch it."""

from __future__ import annotations

import io
import os
import stat
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thrustplan.app.inputs.bounded import InputError
from thrustplan.rules.profile import ClientProfile

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
            data = handle.read(LOGO_MAX_BYTES + 1)
    except OSError as error:
        raise InputError(
            f"trainer.logo: cannot read {path} ({error.strerror}); {_LOGO_HINT}"
        ) from error
    kind = LOGO_KINDS[resolved.suffix.lower()]
    problem = _svg_problem(data) if kind == "image/svg+xml" else _bitmap_problem(kind, data)
    if problem is not None:
        raise InputError(f"trainer.logo: {path} {problem}")
    return resolved


#: The largest logo, in pixels a side: a logo prints a few centimetres wide.
LOGO_MAX_PIXELS = 4000
#: Elements an SVG logo may draw, counting each ``<use>`` as the copy it makes.
SVG_MAX_ELEMENTS = 20_000
_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _bitmap_problem(kind: str, data: bytes) -> str | None:
    """What is wrong with a PNG or JPEG logo, judged from its header alone, or ``None``."""
    from PIL import Image, UnidentifiedImageError

    name = kind.split("/")[1].upper()
    magic = b"\x89PNG\r\n\x1a\n" if kind == "image/png" else b"\xff\xd8\xff"
    if not data.startswith(magic):
        return f"is named like a {name} image but its content is not one; {_LOGO_HINT}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            width, height = Image.open(io.BytesIO(data)).size
    except Image.DecompressionBombError:
        return f"has hundreds of millions of pixels; scale it to at most {LOGO_MAX_PIXELS} a side"
    except (UnidentifiedImageError, OSError, ValueError):
        return f"is not a {name} image that can be read; {_LOGO_HINT}"
    if max(width, height) > LOGO_MAX_PIXELS:
        return (
            f"is {width} x {height} pixels; scale it to at most {LOGO_MAX_PIXELS} a side "
            "(a printed logo needs a few hundred)"
        )
    return None


def _svg_problem(data: bytes) -> str | None:
    """What is wrong with an SVG logo, or ``None``: it must parse as XML without a DTD or
    entities, have ``<svg>`` at its root and draw a bounded number of elements."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return f"declares a DTD or entities, which a logo never needs; {_LOGO_HINT}"
    except (ParseError, ValueError):
        return f"is named like an SVG image but is not well-formed XML; {_LOGO_HINT}"
    if root.tag not in ("svg", f"{_SVG}svg"):
        return f"is named like an SVG image but its root is not <svg>; {_LOGO_HINT}"
    return _svg_size_problem(root)


def _svg_size_problem(root: Any) -> str | None:
    """Refuse an SVG whose ``<use>`` copies nest, or that draws too many elements."""
    elements = list(root.iter())
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    drawn = len(elements)
    for use in (e for e in elements if e.tag in ("use", f"{_SVG}use")):
        reference = (use.get("href") or use.get(_XLINK_HREF) or "").removeprefix("#")
        target = by_id.get(reference)
        if target is None:
            continue
        copied = list(target.iter())
        if any(e.tag in ("use", f"{_SVG}use") for e in copied):
            return (
                f"has a <use> of #{reference[:40]}, which holds another <use>; such copies "
                f"of copies can grow without bound; {_LOGO_HINT} without nested <use>"
            )
        drawn += len(copied)
        if drawn > SVG_MAX_ELEMENTS:
            break
    if drawn > SVG_MAX_ELEMENTS:
        return (
            f"draws over {SVG_MAX_ELEMENTS} elements, counting each <use> copy; "
            "simplify it or export it as a PNG"
        )
    return None


def profile_logo(profile: ClientProfile, folders: Sequence[Path]) -> Path | None:
    """The checked logo of ``profile``'s trainer, or ``None`` when it names none."""
    trainer = profile.trainer
    if trainer is None or trainer.logo is None:
        return None
    return check_logo(trainer.logo, folders)
