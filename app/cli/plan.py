"""``thrustplan plan``, ``check`` and ``schema``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from thrustplan.app.cli.app import Exit, app, err_console, fail, out_console
from thrustplan.exercise_db.catalogue import Catalogue, CatalogueError, load_catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.exercise_db.vocabulary import UnknownWordError
from thrustplan.planner.output.files import write_atomically
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import ClientProfile, ProfileError, Units, load_profile, parse_profile
from thrustplan.rules.program import Program


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


def open_catalogue(path: Path | None, alone: bool) -> Catalogue:
    """The catalogue to plan from, or exit 2 with the file's problem."""
    if alone and path is None:
        fail("--catalogue-only needs --catalogue FILE: name the catalogue to plan from")
    try:
        return load_catalogue(path, replace=alone)
    except CatalogueError as error:
        fail(f"--catalogue: {error}")


def build_profile(path: Path | None, overrides: dict[str, Any]) -> ClientProfile:
    """The profile from a file, flags, or a file with flags on top; exit 2 when invalid."""
    given = {key: value for key, value in overrides.items() if value not in (None, [])}
    try:
        if path is None:
            given.setdefault("name", "Client")
            missing = [
                flag
                for flag, field in (
                    ("--goal", "goal"),
                    ("--level", "level"),
                    ("--days", "days_per_week"),
                    ("--minutes", "session_minutes"),
                )
                if field not in given
            ]
            if missing:
                fail(f"no profile file: give one, or give {', '.join(missing)}")
            return parse_profile(given, source="flags")
        profile = load_profile(path)
        if not given:
            return profile
        data = profile.model_dump(mode="json", exclude_none=True)
        if "days_per_week" in given:
            data.pop("days", None)
        data.update(given)
        return parse_profile(data, source=str(path))
    except (ProfileError, UnknownWordError) as error:
        fail(str(error))


@app.command()
def plan(
    profile_file: Annotated[
        Path | None, typer.Argument(help="Profile in YAML or JSON.", show_default=False)
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="PDF to write.")] = Path(
        "plan.pdf"
    ),
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the JSON.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Also write HTML.")] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write one CSV row per set.")
    ] = None,
    ics_out: Annotated[
        Path | None, typer.Option("--ics", help="Also write a calendar of the sessions.")
    ] = None,
    catalogue_file: Annotated[
        Path | None, typer.Option("--catalogue", help="Catalogue merged over the built-in one.")
    ] = None,
    catalogue_only: Annotated[
        bool, typer.Option("--catalogue-only", help="Plan from --catalogue alone.")
    ] = False,
    name: Annotated[str | None, typer.Option(help="Client's name.")] = None,
    equipment: Annotated[
        list[str] | None, typer.Option("--equipment", "-e", help="Equipment (repeatable).")
    ] = None,
    goal: Annotated[Goal | None, typer.Option(help="Training goal.")] = None,
    level: Annotated[Level | None, typer.Option(help="Training level.")] = None,
    days: Annotated[int | None, typer.Option(help="Training days per week (2-6).")] = None,
    minutes: Annotated[int | None, typer.Option(help="Minutes per session.")] = None,
    weeks: Annotated[int | None, typer.Option(help="Programme length in weeks.")] = None,
    units: Annotated[Units | None, typer.Option(help="kg or lb.")] = None,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.A4,
    theme: Annotated[str | None, typer.Option(help="Extra stylesheet theme name.")] = None,
    logo_folders: Annotated[
        list[Path] | None,
        typer.Option(
            "--logo-folder",
            help="Another folder the trainer logo may come from (repeatable); the profile's "
            "folder and the current one always may.",
        ),
    ] = None,
) -> None:
    """Build a programme from a profile (or flags) and print it as a PDF."""
    from thrustplan.planner.model.solve import InfeasibleRequest
    from thrustplan.planner.output.render import Renderer, RenderError
    from thrustplan.planner.pipeline import generate_program

    overrides = {
        "name": name,
        "equipment": equipment,
        "goal": goal,
        "level": level,
        "days_per_week": days,
        "session_minutes": minutes,
        "weeks": weeks,
        "units": units,
    }
    profile = build_profile(profile_file, overrides)
    # A bad theme or logo is refused before the solve, not after it.
    try:
        folders = [*([profile_file.parent] if profile_file else []), Path.cwd()]
        renderer = Renderer(
            paper=paper.value, theme=theme, logo_folders=folders + (logo_folders or [])
        )
        renderer.logo_file(profile)
    except RenderError as error:
        fail(str(error))
    catalogue = open_catalogue(catalogue_file, catalogue_only)
    try:
        program = generate_program(profile, catalogue)
    except InfeasibleRequest as error:
        fail(str(error), Exit.INFEASIBLE)
    try:
        result = renderer.render(program, catalogue, output)
        if html_out:
            write_atomically(html_out, renderer.render_html(program, catalogue).encode())
    except RenderError as error:
        fail(str(error))
    if json_out:
        write_atomically(json_out, program.model_dump_json(indent=2).encode())
    if csv_out:
        from thrustplan.planner.output.exports import program_csv

        write_atomically(csv_out, program_csv(program).encode())
    if ics_out:
        from thrustplan.planner.output.exports import program_ics

        try:
            write_atomically(ics_out, program_ics(program))
        except (ImportError, ValueError) as error:
            fail(f"--ics: {error}")
    report = program.solve[0]
    out_console.print(
        f"{profile.name}: {program.split}, {len(program.weeks)} weeks, "
        f"{len(program.weeks[0].sessions)} sessions a week ({report.status}) -> {output} "
        f"({result.pages} pages)",
        markup=False,
    )


def read_program(path: Path) -> Program:
    """A saved programme, or exit 2 naming what is wrong with the file."""
    try:
        return Program.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        fail(f"{path}: no such file; give the path of a programme JSON (plan --json)")
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        fail(f"{path}: not a thrustplan programme ({where}: {first['msg']})")


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

    program = read_program(program_file)
    catalogue = open_catalogue(catalogue_file, catalogue_only)
    if program.catalogue_fingerprint != catalogue.fingerprint:
        err_console.print(
            f"note: {program_file} was planned from catalogue {program.catalogue!r} "
            f"({program.catalogue_fingerprint}); checking against {catalogue.name!r}",
            markup=False,
        )
    violations = check_program(program, catalogue)
    for violation in violations:
        out_console.print(str(violation), markup=False)
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
