"""The files a programme can be printed to, and how they look.

Kept apart from the pipeline so that a command line can name them without loading the
solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Format(StrEnum):
    """An output file a pipeline can produce; the value is its file extension."""

    PDF = "pdf"
    JSON = "json"
    HTML = "html"
    CSV = "csv"
    ICS = "ics"


@dataclass(frozen=True)
class OutputOptions:
    """What to print and how; the same for every programme a pipeline makes."""

    formats: frozenset[Format] = frozenset({Format.PDF, Format.JSON})
    paper: str = "a4"
    #: A bundled theme's name or a stylesheet's path, applied last.
    theme: str | None = None
