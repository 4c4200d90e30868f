"""What the application does for a person, whichever front end they use.

The solver and the renderer are imported when a use case runs, not when this module is:
a command line that only prints its help should not pay for them.

Each use case reads and checks its inputs (:mod:`thrustplan.app.inputs`), runs the one
:class:`~thrustplan.planner.pipeline.Pipeline`, and writes every output only once all of
them exist. Front ends (the command line, the web workspace) parse their arguments,
call one function here and print what it returns.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thrustplan.app.inputs import (
    InputError,
    build_profile,
    check_catalogue_covers,
    check_out_folder,
    check_outputs,
    check_program_bounds,
    check_theme,
    open_catalogue,
    profile_logo,
    read_program,
    read_text,
)
from thrustplan.planner.output.files import write_all
from thrustplan.planner.output.formats import Format, OutputOptions

if TYPE_CHECKING:
    from thrustplan.app.batch import BatchReport, ClientResult
    from thrustplan.exercise_db.catalogue import Catalogue
    from thrustplan.exercise_db.models import ExerciseId
    from thrustplan.planner.pipeline import Outputs, Pipeline
    from thrustplan.planner.progression.starts import LiftStart
    from thrustplan.rules.profile import ClientProfile
    from thrustplan.rules.program import Program


@dataclass(frozen=True)
class Printing:
    """How the files look, and where a trainer's logo may come from."""

    paper: str = "a4"
    theme: str | None = None
    #: Folders besides the input file's own and the current one.
    logo_folders: Sequence[Path] = ()

    def folders(self, beside: Path | None) -> list[Path]:
        """Every folder a logo may come from, for an input file at ``beside``."""
        return [*([beside.parent] if beside else []), Path.cwd(), *self.logo_folders]


@dataclass(frozen=True)
class CatalogueChoice:
    """Ours, a trainer's file merged over ours, or a trainer's file alone."""

    path: Path | None = None
    alone: bool = False


def _targets(targets: Mapping[Format, Path | None]) -> dict[Format, Path]:
    return {fmt: path for fmt, path in targets.items() if path is not None}


def _options(paths: Mapping[Format, Path]) -> dict[str, Path]:
    """Each output path under the option that names it on the command line."""
    return {"-o" if fmt is Format.PDF else f"--{fmt.value}": path for fmt, path in paths.items()}


def _inputs(*paths: Path | None) -> list[Path]:
    return [path for path in paths if path is not None]


def _write(paths: Mapping[Format, Path], files: Mapping[Format, bytes]) -> None:
    """Write every output, all or none; a folder that refuses them is the user's to fix."""
    try:
        write_all({paths[fmt]: data for fmt, data in files.items()})
    except OSError as error:
        where = error.filename or ", ".join(str(path) for path in paths.values())
        raise InputError(
            f"cannot write {where} ({error.strerror}); nothing was written, "
            "choose a folder you can write to"
        ) from error


def plan_to_files(
    profile_file: Path | None,
    flags: Mapping[str, Any],
    targets: Mapping[Format, Path | None],
    catalogue: CatalogueChoice = CatalogueChoice(),
    printing: Printing = Printing(),
    history: Path | None = None,
) -> str:
    """Plan from a profile file and/or flags; write each asked-for format to its path.

    ``history`` is a Hevy or Strong export whose recent sets seed the starting loads.
    Returns the lines to print. Everything a user gave is checked first, the output
    paths included, so that a mistake costs no solve and overwrites nothing.
    """
    from thrustplan.planner.pipeline import Pipeline

    paths = _targets(targets)
    profile = build_profile(profile_file, flags)
    logo = profile_logo(profile, printing.folders(profile_file))
    check_outputs(_options(paths), _inputs(profile_file, catalogue.path, logo, history))
    check_theme(printing.theme)
    chosen = open_catalogue(catalogue.path, catalogue.alone)
    pipeline = Pipeline(chosen, OutputOptions(frozenset(paths), printing.paper, printing.theme))
    starts, read = (None, "") if history is None else _history_starts(profile, chosen, history)
    outputs = pipeline.plan(profile, logo=logo, starts=starts)
    _write(paths, outputs.files)
    report = outputs.program.solve[0]
    summary = (
        f"{profile.name}: {outputs.program.split}, {len(outputs.program.weeks)} weeks, "
        f"{len(outputs.program.weeks[0].sessions)} sessions a week ({report.status}) -> "
        f"{paths.get(Format.PDF, paths[next(iter(paths))])} ({outputs.pages} pages)"
    )
    return f"{read}\n{summary}" if read else summary


def _history_starts(
    profile: ClientProfile, catalogue: Catalogue, history: Path
) -> tuple[dict[ExerciseId, LiftStart], str]:
    """Starting sets seeded from a Hevy or Strong export, and the line saying what was
    read and which names did not map."""
    from thrustplan.planner.progression.history import HistoryError, read_history, seeds

    try:
        found = read_history(read_text(history, "history CSV"), catalogue, profile.units)
    except HistoryError as error:
        raise InputError(f"{history}: {error}") from error
    return seeds(found, profile.units), found.summary()


@dataclass
class Replanned:
    """The next block, written, and what to tell the person about it."""

    outputs: Outputs
    #: Log rows that were skipped, each naming its line and why.
    problems: list[str] = field(default_factory=list)
    #: One line per lift: what it did and where it goes next.
    verdicts: list[str] = field(default_factory=list)
    summary: str = ""


def replan_to_files(
    plan_file: Path,
    log_file: Path,
    targets: Mapping[Format, Path | None],
    catalogue: CatalogueChoice = CatalogueChoice(),
    printing: Printing = Printing(),
    *,
    now: dt.datetime | None = None,
) -> Replanned:
    """The next block from a saved programme and the client's log (ours, or a Hevy or
    Strong export), checked and written."""
    from thrustplan.planner.pipeline import Pipeline

    paths = _targets(targets)
    given = _inputs(plan_file, log_file, catalogue.path)
    check_outputs(_options(paths), given)
    program = read_program(plan_file)
    check_program_bounds(program, plan_file)
    chosen = open_catalogue(catalogue.path, catalogue.alone)
    check_catalogue_covers(program, chosen, plan_file)
    logo = profile_logo(program.profile, printing.folders(plan_file))
    log_text = read_text(log_file, "log CSV")
    check_theme(printing.theme)
    pipeline = Pipeline(chosen, OutputOptions(frozenset(paths), printing.paper, printing.theme))
    try:
        result = replan_program(pipeline, program, log_text, logo=logo, now=now)
    except InputError as error:
        raise InputError(f"{log_file}: {error}") from error
    _write(paths, result.outputs.files)
    where = ", ".join(str(path) for path in paths.values())
    result.problems = [f"{log_file} {problem}" for problem in result.problems]
    result.summary += f" -> {where}"
    return result


def replan_program(
    pipeline: Pipeline,
    program: Program,
    log_text: str,
    *,
    logo: Path | None = None,
    now: dt.datetime | None = None,
) -> Replanned:
    """The next block from ``program`` and a log CSV's text, checked and printed, unwritten.

    Raises :class:`InputError` when the log cannot be read at all; rows that cannot be
    used are listed in ``problems`` (each naming its line) and skipped.
    """
    from thrustplan.planner.progression.history import HistoryError, detect, read_history
    from thrustplan.planner.progression.replan import (
        LogError,
        next_block,
        parse_history,
        parse_log,
    )

    catalogue = pipeline.catalogue
    read: list[str] = []
    try:
        if detect(log_text) is None:
            log = parse_log(log_text, program, catalogue)
        else:
            history = read_history(log_text, catalogue, program.profile.units)
            log, read = parse_history(history, program, catalogue), [history.summary()]
    except (LogError, HistoryError) as error:
        raise InputError(str(error)) from error
    except csv.Error as error:  # a cell over the csv module's 128 KiB field limit
        raise InputError(
            f"cannot be read as CSV ({error}); a log cell holds a number or a word, so "
            "check that this is the log"
        ) from error
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = next_block(program, log.rows, catalogue, now=now)
    outputs = pipeline.finish(result.program, logo=logo)
    return Replanned(
        outputs=outputs,
        problems=[str(problem) for problem in log.problems],
        verdicts=[*read, *result.notes, *(str(verdict) for verdict in result.verdicts)],
        summary=(
            f"{len(log.rows)} logged sets used, {len(log.problems)} rows skipped; next block "
            f"of {len(result.program.weeks)} weeks ({result.program.progression})"
        ),
    )


def alternatives(
    profile: ClientProfile, catalogue: Catalogue, exercise_id: str
) -> list[tuple[str, str]]:
    """The exercises the model could put in ``exercise_id``'s place, as (id, name).

    Those of its candidates for ``profile`` with the same movement pattern, best first
    (the order the model ranks them in), itself left out.
    """
    from thrustplan.planner.model.candidates import prepare

    if exercise_id not in catalogue:
        return []
    pattern = catalogue[exercise_id].pattern
    ranked = sorted(
        (c for c in prepare(profile, catalogue).candidates if c.exercise.pattern == pattern),
        key=lambda c: (-c.preference, c.level_gap, c.cost, c.exercise.id),
    )
    return [(c.exercise.id, c.exercise.name) for c in ranked if c.exercise.id != exercise_id]


@dataclass(frozen=True)
class RosterRequest:
    """A roster to plan, and how every client of it is printed."""

    roster: Path
    out: Path
    defaults: Path | None = None
    #: Files besides each client's PDF and JSON.
    extras: frozenset[Format] = frozenset()
    catalogue: CatalogueChoice = CatalogueChoice()
    #: Paper and theme; ``None`` takes the defaults file's, else A4 and no theme.
    paper: str | None = None
    theme: str | None = None
    logo_folders: Sequence[Path] = ()
    #: The time stamped in every programme, in ISO form; by default now, once.
    now: str | None = None


@dataclass(frozen=True)
class RosterRun:
    """Where and how the clients are run: local workers or a Dask cluster."""

    workers: int = 1
    resume: bool = False
    dask: str | None = None
    #: With ``dask``: the workers write into ``out`` themselves (a shared folder).
    shared_out: bool = False
    max_tasks_per_worker: int | None = None


def parse_now(text: str | None) -> dt.datetime:
    """The batch's time stamp: ``text`` as an ISO date-time (UTC when no zone), or now."""
    if text is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise InputError(
            f"--now {text!r}: give an ISO date-time such as 2027-01-04T09:00:00+00:00"
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def run_roster(
    request: RosterRequest,
    run: RosterRun = RosterRun(),
    *,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[ClientResult], None] | None = None,
) -> BatchReport:
    """Plan every client of a roster into ``request.out``, with its summary."""
    from thrustplan.app.batch import BatchOptions, run_batch
    from thrustplan.app.roster import Defaults, read_defaults, read_roster
    from thrustplan.planner.output.render import Renderer

    check_out_folder("--out", request.out)
    defaults = read_defaults(request.defaults) if request.defaults else Defaults(profile={})
    rows = read_roster(request.roster, defaults)
    open_catalogue(request.catalogue.path, request.catalogue.alone)
    paper = (request.paper or defaults.paper or "a4").lower()
    theme = request.theme or defaults.theme
    check_theme(theme)
    # Refused once, here, rather than by every worker as it starts (where it reads as a
    # worker that died, row after row). Setting a renderer up reads its stylesheets only.
    Renderer(paper=paper, theme=theme)
    folders = [request.roster, *([request.defaults] if request.defaults else [])]
    options = BatchOptions(
        out=request.out,
        now=parse_now(request.now),
        formats=request.extras,
        paper=paper,
        theme=theme,
        catalogue_path=request.catalogue.path,
        catalogue_only=request.catalogue.alone,
        logo_folders=tuple([path.parent for path in folders] + [Path.cwd(), *request.logo_folders]),
        write_on_worker=run.dask is None or run.shared_out,
    )
    return run_batch(
        rows,
        options,
        workers=run.workers,
        resume=run.resume,
        dask_address=run.dask,
        max_tasks_per_worker=run.max_tasks_per_worker,
        on_start=on_start,
        on_result=on_result,
    )
