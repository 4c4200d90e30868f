"""What the application does for a person, whichever front end they use.

The solver and the renderer are imported when a use case runs, not when this module is:
a command line that only prints its help should not pay for them.

Each use case reads and checks its inputs (:mod:`thrustplan.app.inputs`), runs the one
:class:`~thrustplan.planner.pipeline.Pipeline`, and writes every output only once all of
them exist. Front ends (the command line, the web workspace) parse their arguments,
call one function here and print what it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thrustplan.app.inputs import (
    InputError,
    build_profile,
    check_catalogue_covers,
    check_outputs,
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
    from thrustplan.planner.pipeline import Outputs
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
    given = [*_given(profile_file), *_given(history)]
    check_outputs({f"--{fmt.value}": path for fmt, path in paths.items()}, given)
    profile = build_profile(profile_file, flags)
    logo = profile_logo(profile, printing.folders(profile_file))
    chosen = open_catalogue(catalogue.path, catalogue.alone)
    pipeline = Pipeline(chosen, OutputOptions(frozenset(paths), printing.paper, printing.theme))
    read = ""
    if history is None:
        outputs = pipeline.plan(profile, logo=logo)
    else:
        program, read = _planned_from_history(profile, chosen, history)
        outputs = pipeline.finish(program, logo=logo)
    write_all({paths[fmt]: data for fmt, data in outputs.files.items()})
    report = outputs.program.solve[0]
    summary = (
        f"{profile.name}: {outputs.program.split}, {len(outputs.program.weeks)} weeks, "
        f"{len(outputs.program.weeks[0].sessions)} sessions a week ({report.status}) -> "
        f"{paths.get(Format.PDF, paths[next(iter(paths))])} ({outputs.pages} pages)"
    )
    return f"{read}\n{summary}" if read else summary


def _planned_from_history(
    profile: ClientProfile, catalogue: Catalogue, history: Path
) -> tuple[Program, str]:
    """The programme for ``profile`` with starting loads seeded from an export, and the
    line saying what was read and which names did not map."""
    from thrustplan.planner.model.solve import solve_week
    from thrustplan.planner.progression.assembly import assemble_program
    from thrustplan.planner.progression.history import HistoryError, read_history, seeds

    try:
        found = read_history(read_text(history, "history CSV"), catalogue, profile.units)
    except HistoryError as error:
        raise InputError(f"{history}: {error}") from error
    template = solve_week(profile, catalogue)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    starts = seeds(found, profile.units)
    program = assemble_program(profile, template, catalogue, now=now, starts=starts)
    return program, found.summary()


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
    from thrustplan.planner.progression.history import HistoryError, detect, read_history
    from thrustplan.planner.progression.replan import (
        LogError,
        next_block,
        parse_history,
        parse_log,
    )

    paths = _targets(targets)
    check_outputs({f"--{f.value}": path for f, path in paths.items()}, [plan_file, log_file])
    program = read_program(plan_file)
    chosen = open_catalogue(catalogue.path, catalogue.alone)
    check_catalogue_covers(program, chosen, plan_file)
    logo = profile_logo(program.profile, printing.folders(plan_file))
    text = read_text(log_file, "log CSV")
    read: list[str] = []
    try:
        if detect(text) is None:
            log = parse_log(text, program, chosen)
        else:
            history = read_history(text, chosen, program.profile.units)
            log, read = parse_history(history, program, chosen), [history.summary()]
    except (LogError, HistoryError) as error:
        raise InputError(f"{log_file}: {error}") from error
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = next_block(program, log.rows, chosen, now=now)
    pipeline = Pipeline(chosen, OutputOptions(frozenset(paths), printing.paper, printing.theme))
    outputs = pipeline.finish(result.program, logo=logo)
    write_all({paths[fmt]: data for fmt, data in outputs.files.items()})
    where = ", ".join(str(path) for path in paths.values())
    return Replanned(
        outputs=outputs,
        problems=[f"{log_file} {problem}" for problem in log.problems],
        verdicts=[*read, *result.notes, *(str(verdict) for verdict in result.verdicts)],
        summary=(
            f"{len(log.rows)} logged sets used, {len(log.problems)} rows skipped; next block "
            f"of {len(result.program.weeks)} weeks ({result.program.progression}) -> {where}"
        ),
    )


def _given(path: Path | None) -> list[Path]:
    return [path] if path is not None else []


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

    defaults = read_defaults(request.defaults) if request.defaults else Defaults(profile={})
    rows = read_roster(request.roster, defaults)
    open_catalogue(request.catalogue.path, request.catalogue.alone)
    folders = [request.roster, *([request.defaults] if request.defaults else [])]
    options = BatchOptions(
        out=request.out,
        now=parse_now(request.now),
        formats=request.extras,
        paper=(request.paper or defaults.paper or "a4").lower(),
        theme=request.theme or defaults.theme,
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
