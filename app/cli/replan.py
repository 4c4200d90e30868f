"""``thrustplan replan``: the next block from a saved programme and the client's log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from thrustplan.app.cli.app import Exit, app, err_console, fail, out_console
from thrustplan.app.cli.plan import Paper, open_catalogue, read_program
from thrustplan.planner.output.files import write_atomically


@app.command()
def replan(
    plan_file: Annotated[Path, typer.Argument(help="Programme JSON written by plan --json.")],
    log_file: Annotated[
        Path, typer.Argument(help="Log CSV: week,day,exercise_id,set,load,reps,rir.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="PDF to write.")] = Path(
        "next.pdf"
    ),
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Programme JSON to write; by default beside the PDF."),
    ] = None,
    catalogue_file: Annotated[
        Path | None, typer.Option("--catalogue", help="Catalogue it was planned from.")
    ] = None,
    catalogue_only: Annotated[bool, typer.Option("--catalogue-only")] = False,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.A4,
) -> None:
    """Build the next block from what the client lifted, and print it as a PDF.

    Bad log rows are listed by line number and skipped; every other row is used.

    The programme JSON is written beside the PDF (or to --json) for check and replan.
    """
    from thrustplan.planner.output.render import Renderer, RenderError
    from thrustplan.planner.progression.replan import LogError, next_block, parse_log
    from thrustplan.rules.checker import check_program

    program = read_program(plan_file)
    catalogue = open_catalogue(catalogue_file, catalogue_only)
    unknown = sorted(
        {
            e.exercise_id
            for w in program.weeks
            for s in w.sessions
            for e in s.exercises
            if e.exercise_id not in catalogue
        }
    )
    if unknown:
        fail(
            f"{plan_file}: {', '.join(unknown)} not in catalogue {catalogue.name!r}; "
            f"pass the catalogue it was planned from ({program.catalogue}) with --catalogue"
        )
    try:
        text = log_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{log_file}: no such file; give the path of the log CSV")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{log_file}: cannot read the log ({error})")
    try:
        log = parse_log(text, program, catalogue)
    except LogError as error:
        fail(f"{log_file}: {error}")
    for problem in log.problems:
        err_console.print(f"{log_file} {problem}", markup=False)

    result = next_block(
        program, log.rows, catalogue, now=dt.datetime.now(dt.UTC).replace(microsecond=0)
    )
    json_path = json_out or output.with_suffix(".json")
    try:
        Renderer(paper=paper.value).render_pdf(result.program, catalogue, output)
    except RenderError as error:
        fail(str(error))
    write_atomically(json_path, result.program.model_dump_json(indent=2).encode())

    for verdict in result.verdicts:
        out_console.print(f"  {verdict}", markup=False)
    out_console.print(
        f"{len(log.rows)} logged sets used, {len(log.problems)} rows skipped; next block "
        f"of {len(result.program.weeks)} weeks ({result.program.progression}) -> "
        f"{output}, {json_path}",
        markup=False,
    )
    violations = check_program(result.program, catalogue)
    for violation in violations:
        err_console.print(str(violation), markup=False)
    if violations:
        raise typer.Exit(int(Exit.FAILED))
