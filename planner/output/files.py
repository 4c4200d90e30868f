"""Writing output files so that a reader, or a killed run, never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

#: Outputs are shared (a trainer's folder, a web server): readable by all, like ``open()``.
FILE_MODE = 0o644


def _write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path``, readable by all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600); the output is meant to be shared.
        os.chmod(temporary, FILE_MODE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed
    into place: a crash leaves the old file or none, never a truncated one."""
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file once all of them have been produced, and all or none of them.

    Every file goes to a temporary name first; only when all are on disk are they renamed
    into place, so a full disk or a read-only folder half-way leaves the old files as
    they were.
    """
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            written[path] = _write_temporary(path, data)
        for path, temporary in written.items():
            os.replace(temporary, path)
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
