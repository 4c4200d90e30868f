"""``thrustplan plan``, ``check`` and ``schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from thrustplan.app.cli.app import Exit, app, clean, err_console, exits, out_console
from thrustplan.app.cli.options import (
    CatalogueFile,
    CatalogueOnly,
    CsvOut,
    Days,
    Equipment,
    GoalOpt,
    HistoryFile,
    HtmlOut,
    IcsOut,
    JsonOut,
    LevelOpt,
    LogoFolders,
    Minutes,
    Name,
    PaperSize,
    PdfOut,
    ProfileFile,
    Theme,
    UnitsOpt,
    Weeks,
)
from thrustplan.app.cli.options import Paper as Paper
from thrustplan.app.inputs import open_catalogue, read_program
from thrustplan.app.service import CatalogueChoice, Printing, plan_to_files
from thrustplan.planner.output.formats import Format
from thrustplan.rules.program import Program


@app.command()
def plan(
    profile_file: ProfileFile = None,
    output: PdfOut = Path("plan.pdf"),
    json_out: JsonOut = None,
    html_out: HtmlOut = None,
    csv_out: CsvOut = None,
    ics_out: IcsOut = None,
    catalogue_file: CatalogueFile = None,
    catalogue_only: CatalogueOnly = False,
    name: Name = None,
    equipment: Equipment = None,
    goal: GoalOpt = None,
    level: LevelOpt = None,
    days: Days = None,
    minutes: Minutes = None,
    weeks: Weeks = None,
    units: UnitsOpt = None,
    paper: PaperSize = Paper.A4,
    theme: Theme = None,
    logo_folders: LogoFolders = None,
    history: HistoryFile = None,
) -> None:
    """Build a programme from a profile (or flags) and print it as a PDF."""
    targets = {Format.PDF: output, Format.JSON: json_out, Format.HTML: html_out}
    targets |= {Format.CSV: csv_out, Format.ICS: ics_out}
    flags = dict(name=name, equipment=equipment, goal=goal, level=level, days_per_week=days)
    flags |= dict(session_minutes=minutes, weeks=weeks, units=units)
    catalogue = CatalogueChoice(catalogue_file, catalogue_only)
    printing = Printing(paper.value, theme, logo_folders or [])
    with exits():
        summary = plan_to_files(profile_file, flags, targets, catalogue, printing, history)
    out_console.print(clean(summary), markup=False)


@app.command()
def check(
    program_file: Annotated[Path, typer.Argument(help="Programme JSON written by plan --json.")],
    catalogue_file: Annotated[
        Path | None, typer.Option("--catalogue", help="Catalogue it was planned from.")
    ] = None,
    catalogue_only: Annotated[bool, typer.Option("--catalogue-only")] = False,
) -> None:
    """Re-check a saved programme against every hard rule, without the solver.

    Exit status 0 when it passes, 1 listing each violation.
    """
    from thrustplan.rules.checker import check_program

    with exits():
        # Numbers are the checker's to judge: a NaN load is a violation at its set (exit 1).
        program = read_program(program_file, finite=False)
        catalogue = open_catalogue(catalogue_file, catalogue_only)
    if program.catalogue_fingerprint != catalogue.fingerprint:
        err_console.print(
            clean(
                f"note: {program_file} was planned from catalogue {program.catalogue!r} "
                f"({program.catalogue_fingerprint}); checking against {catalogue.name!r}"
            ),
            markup=False,
        )
    violations = check_program(program, catalogue)
    for violation in violations:
        out_console.print(clean(str(violation)), markup=False)
    if violations:
        raise typer.Exit(int(Exit.FAILED))
    sessions = sum(len(w.sessions) for w in program.weeks)
    out_console.print(
        f"OK: {len(program.weeks)} weeks, {sessions} sessions, every hard rule holds."
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the programme file."""
    print(json.dumps(Program.model_json_schema(), indent=2))
