"""``thrustplan exercises``: list, show, check and import exercise catalogues."""

from __future__ import annotations

import difflib
import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from thrustplan.app.cli.app import Exit, app, clean, err_console, exits, fail, out_console
from thrustplan.app.inputs import (
    SOURCE_LIMITS,
    InputError,
    check_outputs,
    parse_json,
    read_limited,
)
from thrustplan.app.inputs import open_catalogue as read_catalogue
from thrustplan.exercise_db.catalogue import Catalogue, CatalogueError, read_catalogue_text
from thrustplan.exercise_db.checks import check_catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.exercise_db.vocabulary import VOCABULARY, Kind, UnknownWordError

exercises_app = typer.Typer(
    name="exercises",
    help="List the exercises a client can do; show, check or import exercises.",
    no_args_is_help=False,
)
app.add_typer(exercises_app)

import_app = typer.Typer(name="import", help="Convert another exercise database into a catalogue.")
exercises_app.add_typer(import_app)

CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        help="A catalogue file merged over the built-in one (its records win on an id clash).",
        dir_okay=False,
    ),
]


def open_catalogue(path: Path | None) -> Catalogue:
    """The built-in catalogue, with ``path`` merged over it; exit 2 if the file is bad."""
    try:
        return read_catalogue(path)
    except InputError as error:
        fail(str(error))


def resolve_option(option: str, kind: Kind, words: list[str]) -> list[str]:
    """Resolve what was typed for ``option``; exit 2 naming the option if a word is unknown."""
    try:
        return VOCABULARY.resolve_all(kind, words)
    except UnknownWordError as error:
        fail(f"{option}: {error}")


@exercises_app.callback(invoke_without_command=True)
def list_exercises(
    context: typer.Context,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help="Equipment the client has; repeat it (bodyweight is always there). "
            "Aliases such as 'db' work.",
        ),
    ] = None,
    pattern: Annotated[
        str | None, typer.Option("--pattern", "-p", help="Movement pattern, e.g. hip_thrust.")
    ] = None,
    muscle: Annotated[
        str | None, typer.Option("--muscle", "-m", help="A muscle trained, primary or secondary.")
    ] = None,
    catalogue_path: CatalogueOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List exercises, filtered by the equipment a client has, a pattern and a muscle."""
    if context.invoked_subcommand is not None:
        return
    have = resolve_option("--equipment", "equipment", equipment) if equipment else None
    chosen_pattern = resolve_option("--pattern", "patterns", [pattern])[0] if pattern else None
    chosen_muscle = resolve_option("--muscle", "muscles", [muscle])[0] if muscle else None
    catalogue = open_catalogue(catalogue_path)
    found = catalogue.select(equipment=have, pattern=chosen_pattern, muscle=chosen_muscle)
    if as_json:
        print(json.dumps([e.model_dump(mode="json") for e in found], indent=2))
        return
    out_console.print(exercise_table(found, title=f"{len(found)} of {len(catalogue)} exercises"))


def exercise_table(exercises: list[Exercise], title: str) -> Table:
    """A terminal table with one row per exercise."""
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("id", style="cyan", no_wrap=True)
    for header, style in (
        ("name", "bold"),
        ("pattern", ""),
        ("equipment", ""),
        ("primary muscles", ""),
        ("level", "dim"),
    ):
        table.add_column(header, style=style or None, overflow="fold")
    for exercise in exercises:
        # Cells are Rich text, not markup; a name from a trainer's file is cleaned of escapes.
        table.add_row(
            clean(exercise.id),
            clean(exercise.name),
            exercise.pattern.replace("_", " "),
            ", ".join(e.replace("_", " ") for e in exercise.equipment),
            ", ".join(VOCABULARY.name("muscles", m) for m in exercise.primary_muscles),
            exercise.level.value,
        )
    return table


def find_exercise(catalogue: Catalogue, wanted: str) -> Exercise:
    """The exercise ``wanted`` names, by id, name or alias; exit 2 with a did-you-mean."""
    key = wanted.strip().lower().replace("-", "_").replace(" ", "_")
    if key in catalogue:
        return catalogue[key]
    for exercise in catalogue.values():
        names = (exercise.name, *exercise.aliases)
        if any(
            name.lower().replace("-", " ") == wanted.lower().replace("-", " ") for name in names
        ):
            return exercise
    close = difflib.get_close_matches(key, list(catalogue), n=2, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    fail(f"unknown exercise {wanted!r}{hint} (list them with: thrustplan exercises)")


@exercises_app.command("show")
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(help="The exercise's id, name or alias.")],
    catalogue_path: CatalogueOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Print one exercise's guide: how to do it, cues, mistakes, muscles and siblings."""
    catalogue = open_catalogue(catalogue_path)
    exercise = find_exercise(catalogue, exercise_id)
    if as_json:
        print(json.dumps(exercise.model_dump(mode="json"), indent=2))
        return
    out_console.print(clean(guide_text(exercise, catalogue)), markup=True)


def guide_text(exercise: Exercise, catalogue: Catalogue) -> str:
    """The exercise guide as Rich markup, in the order a lifter reads it."""

    def names(kind: Kind, ids: tuple[str, ...]) -> str:
        return escape(", ".join(VOCABULARY.name(kind, i) for i in ids) or "none")

    def siblings(ids: tuple[str, ...]) -> str:
        return escape(", ".join(f"{catalogue[i].name} ({i})" if i in catalogue else i for i in ids))

    # Catalogue text is data, not markup: every piece of it is escaped before printing.
    lines = [f"[bold]{escape(exercise.name)}[/]  [dim]{exercise.id}[/]"]
    if exercise.aliases:
        lines.append(f"[dim]also called {escape(', '.join(exercise.aliases))}[/]")
    if exercise.summary:
        lines += ["", escape(exercise.summary)]
    lines += [
        "",
        f"[bold]Equipment:[/] {names('equipment', exercise.equipment)}",
        f"[bold]Pattern:[/] {escape(VOCABULARY.name('patterns', exercise.pattern))}"
        f"  ({exercise.mechanic.value}, {exercise.laterality.value}, {exercise.level.value})",
        f"[bold]Primary muscles:[/] {names('muscles', exercise.primary_muscles)}",
        f"[bold]Secondary muscles:[/] {names('muscles', exercise.secondary_muscles)}",
    ]
    if exercise.stresses:
        lines.append(f"[bold]Stresses:[/] {names('stresses', exercise.stresses)}")
    for title, items, numbered in (
        ("How to", exercise.steps, True),
        ("Cues", exercise.cues, False),
        ("Common mistakes", exercise.mistakes, False),
    ):
        if items:
            lines += ["", f"[bold]{title}[/]"]
            lines += [
                f"  {n}. {escape(item)}" if numbered else f"  - {escape(item)}"
                for n, item in enumerate(items, 1)
            ]
    if exercise.easier or exercise.harder or exercise.similar:
        lines.append("")
    for title, ids in (
        ("Easier", exercise.easier),
        ("Harder", exercise.harder),
        ("Similar", exercise.similar),
    ):
        if ids:
            lines.append(f"[bold]{title}:[/] {siblings(ids)}")
    if exercise.source != "thrustplan":
        lines.append(
            f"[dim]source: {escape(exercise.source)} {escape(exercise.source_id or '')}[/]"
        )
    return "\n".join(lines)


@exercises_app.command("check")
def check(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A catalogue file; without one, the built-in catalogue.", dir_okay=False
        ),
    ] = None,
    alone: Annotated[
        bool,
        typer.Option(
            "--alone", help="Check the file on its own, not merged over the built-in catalogue."
        ),
    ] = False,
) -> None:
    """Check a catalogue: links, progressions, vocabulary, guides and equipment coverage."""
    with exits():
        catalogue = read_catalogue(path, alone=alone and path is not None)
    problems = check_catalogue(catalogue)
    for problem in problems:
        out_console.print(clean(str(problem)), markup=False)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        err_console.print(clean(f"{len(problems)} {noun} in {catalogue.name}"))
        raise typer.Exit(int(Exit.FAILED))
    err_console.print(clean(f"{catalogue.name}: {len(catalogue)} exercises, no problems"))


@import_app.command("free-exercise-db")
def import_free_exercise_db(
    source: Annotated[
        Path, typer.Argument(help="free-exercise-db's exercises.json.", dir_okay=False)
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The catalogue YAML file to write.", dir_okay=False),
    ],
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Where to list every record not imported, with the reason "
            "(default: OUTPUT.report.txt).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Convert free-exercise-db (public domain) into a catalogue, reporting what is left out."""
    from thrustplan.exercise_db.importers.free_exercise_db import (
        SourceError,
        import_records,
        source_records,
    )
    from thrustplan.planner.output.files import write_all

    started = time.perf_counter()
    report_path = report or output.with_name(output.name + ".report.txt")
    with exits():
        check_outputs({"--output": output, "--report": report_path}, [source])
        data = parse_json(
            read_limited(source, "source JSON", SOURCE_LIMITS), str(source), SOURCE_LIMITS
        )
        try:
            result = import_records(source_records(data, source))
        except SourceError as error:
            raise InputError(str(error)) from error
        catalogue_text = result.to_yaml()
        try:
            read_catalogue_text(catalogue_text, output.name)
        except CatalogueError as error:  # pragma: no cover - a bug in the importer
            fail(f"the converted catalogue does not load: {error}", Exit.FAILED)
        # Both files, each renamed into place once both are written: a kill half-way
        # leaves the previous catalogue whole.
        write_all({output: catalogue_text.encode(), report_path: result.report().encode()})
    seconds = time.perf_counter() - started
    err_console.print(clean(result.summary()), markup=False)
    err_console.print(
        clean(
            f"wrote {len(result.exercises)} exercises to {output} and the list of records not "
            f"imported to {report_path} in {seconds:.2f} s"
        ),
        markup=False,
    )
