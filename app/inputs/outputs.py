"""Output paths, checked before any work: nothing a command writes may replace its input,
another of its outputs, or land where it cannot be written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from thrustplan.app.inputs.bounded import InputError

#: Kernel and device trees: never a place for a programme.
_SYSTEM_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"), Path("/run"))


def _identity(path: Path) -> tuple[object, ...]:
    """What makes two paths one file: device and inode when it exists (hard links too),
    else the resolved path."""
    try:
        info = path.stat()
    except OSError:
        return ("path", path.resolve())
    return ("inode", info.st_dev, info.st_ino)


def check_writable_folder(option: str, folder: Path) -> None:
    """Refuse ``folder`` unless a file can be created in it (or in the folder it would be
    made in): a system tree, a file where a folder should be, a read-only place.

    The test is real: a temporary file is created there and removed at once, so that a
    mistake is found before the work, not after it.
    """
    resolved = folder.resolve()
    if any(resolved.is_relative_to(root) for root in _SYSTEM_ROOTS):
        raise InputError(f"{option} {folder}: a system folder; write under your own folders")
    existing = resolved
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"{option} {folder}: {existing} is a file, not a folder; fix the path")
    try:
        handle, probe = tempfile.mkstemp(dir=existing, prefix=".thrustplan-probe-")
    except OSError as error:
        raise InputError(
            f"{option} {folder}: cannot write in {existing} ({error.strerror}); "
            "choose a folder you can write to"
        ) from error
    os.close(handle)
    os.unlink(probe)


def check_outputs(outputs: Mapping[str, Path], inputs: Iterable[Path]) -> None:
    """Refuse, before any work, an output that would overwrite an input or another output,
    is a folder, has no name, or lies where nothing can be written.

    ``outputs`` maps each option (``-o``, ``--json``...) to its path. Paths are compared
    as files, so ``./plan.yaml``, ``plan.yaml`` and a hard link to it are the same.
    """
    given = {_identity(path) for path in inputs}
    seen: dict[tuple[object, ...], str] = {}
    for option, path in outputs.items():
        if not path.name or path.name in (".", ".."):
            raise InputError(f"{option} {str(path)!r}: no file name; give one, such as plan.pdf")
        if path.resolve().is_dir():
            raise InputError(f"{option} {path}: is a folder; give a file name")
        identity = _identity(path)
        if identity in given:
            raise InputError(
                f"{option} {path}: that is an input of this command; write to another file"
            )
        if identity in seen:
            raise InputError(
                f"{option} {path}: {seen[identity]} writes there too; give each output its own file"
            )
        check_writable_folder(option, path.resolve().parent)
        seen[identity] = option


def check_out_folder(option: str, folder: Path) -> None:
    """Refuse an output folder that is a file or cannot be written, before any work."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{option} {folder}: is a file; give a folder to write into")
    check_writable_folder(option, folder)
