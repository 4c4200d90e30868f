"""``thrustplan replan``: the next block from a saved programme and the client's log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thrustplan.app.cli.app import app, clean, err_console, exits, out_console
from thrustplan.app.cli.options import (
    CatalogueFile,
    CatalogueOnly,
    LogoFolders,
    Paper,
    PaperSize,
    PdfOut,
    ProgramFile,
)
from thrustplan.app.service import CatalogueChoice, Printing, replan_to_files
from thrustplan.planner.output.formats import Format

LogFile = Annotated[
    Path,
    typer.Argument(
        help="Log CSV (week,day,exercise_id,set,load,reps,rir), or a Hevy or Strong export."
    ),
]
NextJson = Annotated[
    Path | None,
    typer.Option("--json", help="Programme JSON to write; by default beside the PDF."),
]


@app.command()
def replan(
    plan_file: ProgramFile,
    log_file: LogFile,
    output: PdfOut = Path("next.pdf"),
    json_out: NextJson = None,
    catalogue_file: CatalogueFile = None,
    catalogue_only: CatalogueOnly = False,
    paper: PaperSize = Paper.A4,
    logo_folders: LogoFolders = None,
) -> None:
    """Build the next block from what the client lifted, and print it as a PDF.

    Bad log rows are listed by line number and skipped; every other row is used.

    The programme JSON is written beside the PDF (or to --json) for check and replan.
    """
    targets = {Format.PDF: output, Format.JSON: json_out or output.with_suffix(".json")}
    printing = Printing(paper.value, logo_folders=logo_folders or [])
    with exits():
        result = replan_to_files(
            plan_file, log_file, targets, CatalogueChoice(catalogue_file, catalogue_only), printing
        )
    for problem in result.problems:
        err_console.print(clean(problem), markup=False)
    for verdict in result.verdicts:
        out_console.print(clean(f"  {verdict}"), markup=False)
    out_console.print(clean(result.summary), markup=False)
