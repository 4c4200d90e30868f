"""``thrustplan review``: a coach's quality review of a saved programme."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thrustplan.app.cli.app import Exit, app, err_console, exits, out_console
from thrustplan.app.inputs import open_catalogue, read_program


@app.command()
def review(
    program_file: Annotated[Path, typer.Argument(help="Programme JSON written by plan --json.")],
    catalogue_file: Annotated[
        Path | None,
        typer.Option("--catalogue", help="Catalogue merged over the built-in one."),
    ] = None,
) -> None:
    """Review a saved programme as a coach would: the lifts that matter, balance, the
    glute work, time use, reps, and the client's limitations.

    Exit status 0 when the review is clean, 1 listing each finding, grouped by rule and
    located to the week, the day and the exercise; 2 when the file cannot be read.
    """
    from thrustplan.rules.review import REVIEWS

    with exits():
        program = read_program(program_file)
        catalogue = open_catalogue(catalogue_file)
    if program.catalogue_fingerprint != catalogue.fingerprint:
        # Findings read exercise data; a different catalogue may read it differently.
        err_console.print(
            f"note: {program_file} was planned from catalogue {program.catalogue!r} "
            f"({program.catalogue_fingerprint}); reviewing against {catalogue.name!r}",
            markup=False,
        )
    found = {rule: check(program, catalogue) for rule, check in REVIEWS.items()}
    found = {rule: findings for rule, findings in found.items() if findings}
    for rule, findings in found.items():
        statement = (REVIEWS[rule].__doc__ or "").strip().split("\n\n")[0]
        out_console.print(f"{rule} ({len(findings)}): {' '.join(statement.split())}")
        for finding in findings:
            out_console.print(f"  {finding.where or 'whole plan'}: {finding.message}")
    if found:
        total = sum(len(findings) for findings in found.values())
        out_console.print(f"{total} findings under {len(found)} of {len(REVIEWS)} review rules.")
        raise typer.Exit(int(Exit.FAILED))
    out_console.print(f"Clean: {len(REVIEWS)} review rules, no findings.")
