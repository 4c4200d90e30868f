"""The one pipeline behind the CLI, the batch runner and the web app.

:func:`generate_program` turns a profile into a programme; :class:`Pipeline` takes it on
through the independent checker to the printed files.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId
from thrustplan.planner.model.candidates import prepare
from thrustplan.planner.model.length import length_note
from thrustplan.planner.model.solve import SolverSettings, solve_input
from thrustplan.planner.output.formats import Format, OutputOptions
from thrustplan.planner.progression.assembly import assemble_program
from thrustplan.planner.progression.starts import LiftStart
from thrustplan.rules.checker import Violation, check_program
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import Program

if TYPE_CHECKING:
    from thrustplan.planner.output.render import Renderer


def generate_program(
    profile: ClientProfile,
    catalogue: Catalogue,
    settings: SolverSettings | None = None,
    *,
    now: dt.datetime | None = None,
    starts: Mapping[ExerciseId, LiftStart] | None = None,
) -> Program:
    """Solve the weekly template, progress it over the weeks, and return the programme.

    ``starts`` are working sets the client has done (from another app's history), which
    take precedence over rep maxes and estimates. Raises ``InfeasibleRequest`` (from the
    solver) when no plan meets the hard rules. The same inputs give the same programme;
    only ``generated_at`` (``now``, by default the current time) differs between runs.
    """
    data = prepare(profile, catalogue)
    template = solve_input(data, settings)
    generated_at = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    program = assemble_program(profile, template, catalogue, now=generated_at, starts=starts)
    note = length_note(data, template, program, catalogue, settings)
    return program.model_copy(update={"session_length": note}) if note else program


class CheckFailed(RuntimeError):
    """A programme the independent checker refuses; never printed, never written."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        super().__init__("; ".join(str(v) for v in violations))
        self.violations = tuple(violations)


@dataclass(frozen=True)
class Outputs:
    """A checked programme and its files, all produced, none yet written."""

    program: Program
    files: Mapping[Format, bytes]
    pages: int
    solve_seconds: float
    render_seconds: float


class Pipeline:
    """Profile -> solved, progressed programme -> independent check -> printed files.

    The one path every caller takes (``plan``, ``replan``, the batch workers and the web
    app), so that no output ever skips the checker. A pipeline keeps its catalogue,
    solver settings and renderer (WeasyPrint's fonts and stylesheets) warm across
    programmes; use one per process or thread.

    Inputs are validated before they get here (the profile by its model, a trainer's logo
    by the application's input checks); a bad paper size or theme is refused here, at
    construction, before any work. Errors: ``InfeasibleRequest`` (no plan meets the hard
    rules), :class:`CheckFailed`, ``RenderError``, ``ExportError`` (a format the
    programme lacks a field for, such as a calendar without a start date).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        options: OutputOptions | None = None,
        settings: SolverSettings | None = None,
        *,
        renderer: Renderer | None = None,
    ) -> None:
        from thrustplan.planner.output.render import Renderer

        self.catalogue = catalogue
        self.options = options or OutputOptions()
        self.settings = settings
        #: A renderer already set up for these options may be shared, as a batch worker does.
        self.renderer = renderer or Renderer(paper=self.options.paper, theme=self.options.theme)

    def plan(
        self,
        profile: ClientProfile,
        *,
        logo: Path | None = None,
        now: dt.datetime | None = None,
        starts: Mapping[ExerciseId, LiftStart] | None = None,
    ) -> Outputs:
        """Solve, progress, check and print a programme for ``profile``."""
        started = time.perf_counter()
        program = generate_program(profile, self.catalogue, self.settings, now=now, starts=starts)
        return self.finish(program, logo=logo, solve_seconds=time.perf_counter() - started)

    def finish(
        self, program: Program, *, logo: Path | None = None, solve_seconds: float = 0.0
    ) -> Outputs:
        """Check a finished programme (a new one, or the next block) and print it."""
        from thrustplan.planner.output.exports import program_csv, program_ics

        violations = check_program(program, self.catalogue)
        if violations:
            raise CheckFailed(violations)
        started = time.perf_counter()
        files: dict[Format, bytes] = {}
        pages = 0
        wanted = self.options.formats
        if Format.PDF in wanted:
            rendered = self.renderer.render(program, self.catalogue, logo=logo)
            files[Format.PDF], pages = rendered.pdf, rendered.pages
        if Format.JSON in wanted:
            files[Format.JSON] = program.model_dump_json(indent=2).encode()
        if Format.HTML in wanted:
            files[Format.HTML] = self.renderer.render_html(
                program, self.catalogue, logo=logo
            ).encode()
        if Format.CSV in wanted:
            files[Format.CSV] = program_csv(program).encode()
        if Format.ICS in wanted:
            files[Format.ICS] = program_ics(program)
        render_seconds = time.perf_counter() - started
        return Outputs(program, files, pages, solve_seconds, render_seconds)
