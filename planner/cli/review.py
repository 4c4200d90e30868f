"""``thrustplan review``: a coach's quality review of a saved programme."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from planner.cli.app import Exit, app, err_console, fail, out_console
from planner.cli.plan import open_catalogue
from planner.program import Program

#: How to make a file the review can read, quoted in every bad-input message.
MAKE_ONE = "write the programme with `thrustplan plan PROFILE --json PLAN.json`"


def load_program(path: Path) -> Program:
    """The programme saved at ``path``, or exit 2 with one message naming what is wrong
    (the file, the JSON position or the field) and how to fix it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file; give the path of a programme JSON ({MAKE_ONE})")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        fail(f"{path}: cannot read the file ({reason}); give a readable programme JSON")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        fail(
            f"{path}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); fix the syntax there or {MAKE_ONE}"
        )
    try:
        return Program.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the top level"
        fail(
            f"{path}: field {field}: {first['msg']}; a review needs a thrustplan "
            f"programme: {MAKE_ONE}"
        )


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
    from rules.review import REVIEWS

    program = load_program(program_file)
    catalogue = open_catalogue(catalogue_file, alone=False)
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
