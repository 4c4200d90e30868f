"""Writing output files so that a reader, or a killed run, never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

#: Outputs are shared (a trainer's folder, a web server): readable by all, like ``open()``.
FILE_MODE = 0o644


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed
    into place: a crash leaves the old file or none, never a truncated one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600); the output is meant to be shared.
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file, each atomically, once all of them have been produced.

    The caller builds every output before calling: a run that fails half-way writes none.
    """
    for path, data in files.items():
        write_atomically(path, data)
