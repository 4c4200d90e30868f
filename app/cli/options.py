"""Options that several commands share, declared once so each command reads as a list."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thrustplan.exercise_db.models import Level
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import Units


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


ProfileFile = Annotated[
    Path | None, typer.Argument(help="Profile in YAML or JSON.", show_default=False)
]
ProgramFile = Annotated[Path, typer.Argument(help="Programme JSON written by plan --json.")]
PdfOut = Annotated[Path, typer.Option("-o", "--output", help="PDF to write.")]
JsonOut = Annotated[Path | None, typer.Option("--json", help="Also write the programme JSON.")]
HtmlOut = Annotated[Path | None, typer.Option("--html", help="Also write HTML.")]
CsvOut = Annotated[Path | None, typer.Option("--csv", help="Also write one CSV row per set.")]
IcsOut = Annotated[
    Path | None, typer.Option("--ics", help="Also write a calendar of the sessions.")
]
CatalogueFile = Annotated[
    Path | None, typer.Option("--catalogue", help="Catalogue merged over the built-in one.")
]
CatalogueOnly = Annotated[
    bool, typer.Option("--catalogue-only", help="Plan from --catalogue alone.")
]
PaperSize = Annotated[Paper, typer.Option(help="Paper size.")]
Theme = Annotated[str | None, typer.Option(help="Theme name or stylesheet.")]
LogoFolders = Annotated[
    list[Path] | None,
    typer.Option(
        "--logo-folder",
        help="Another folder a trainer logo may come from (repeatable); the input file's "
        "folder and the current one always may.",
    ),
]
Name = Annotated[str | None, typer.Option(help="Client's name.")]
Equipment = Annotated[
    list[str] | None, typer.Option("--equipment", "-e", help="Equipment (repeatable).")
]
GoalOpt = Annotated[Goal | None, typer.Option("--goal", help="Training goal.")]
LevelOpt = Annotated[Level | None, typer.Option("--level", help="Training level.")]
Days = Annotated[int | None, typer.Option(help="Training days per week (2-6).")]
Minutes = Annotated[int | None, typer.Option(help="Minutes per session.")]
Weeks = Annotated[int | None, typer.Option(help="Programme length in weeks.")]
UnitsOpt = Annotated[Units | None, typer.Option("--units", help="kg or lb.")]
HistoryFile = Annotated[
    Path | None,
    typer.Option(
        "--history", help="A Hevy or Strong CSV export whose sets seed the starting loads."
    ),
]
