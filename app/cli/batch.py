"""``thrustplan batch``: a programme for every client of a roster."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from thrustplan.app.cli.app import Exit, app, err_console, fail, out_console
from thrustplan.app.cli.plan import Paper
from thrustplan.app.roster import Defaults, RosterError, read_defaults, read_roster


def _parse_now(text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        fail(f"--now {text!r}: give an ISO date-time such as 2027-01-04T09:00:00+00:00")
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class _Progress:
    """A rich progress bar on a terminal; one plain line per client otherwise."""

    def __init__(self) -> None:
        self.live = err_console.is_terminal
        self.done = self.failed = 0
        self.total = 0
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def start(self, to_run: int, settled: int) -> None:
        self.total = to_run
        if settled:
            err_console.print(f"{settled} rows settled before running (resumed or invalid)")
        if self.live and to_run:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("planning"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                TextColumn("elapsed,"),
                TimeRemainingColumn(),
                TextColumn("left"),
                console=err_console,
            )
            self._bar.start()
            self._task = self._bar.add_task("batch", total=to_run, failed=0)

    def update(self, result: object) -> None:
        from thrustplan.app.batch import ClientResult, Status

        assert isinstance(result, ClientResult)
        self.done += 1
        if result.status is not Status.OK:
            self.failed += 1
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, failed=self.failed)
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        detail = f" ({result.reason.splitlines()[0]})" if result.reason else ""
        err_console.print(
            f"[{self.done}/{self.total}] row {result.row} {result.name}: "
            f"{result.status.value}{detail}; {self.failed} failed, ~{left:.0f} s left",
            markup=False,
            highlight=False,
        )

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command()
def batch(
    roster: Annotated[
        Path, typer.Argument(help="Clients, one a row: CSV, XLSX, YAML or JSON Lines.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the programmes to.")],
    defaults_file: Annotated[
        Path | None,
        typer.Option("--defaults", help="YAML of shared values: trainer, units, weeks, paper."),
    ] = None,
    csv_out: Annotated[bool, typer.Option("--csv", help="Also write program.csv.")] = False,
    ics_out: Annotated[bool, typer.Option("--ics", help="Also write program.ics.")] = False,
    html_out: Annotated[bool, typer.Option("--html", help="Also write program.html.")] = False,
    paper: Annotated[
        Paper | None, typer.Option(help="Paper size (default: the defaults file, else a4).")
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Theme name or stylesheet.")] = None,
    logo_folders: Annotated[
        list[Path] | None,
        typer.Option(
            "--logo-folder",
            help="Another folder a trainer logo may come from (repeatable); the roster's and "
            "the defaults file's folders and the current one always may.",
        ),
    ] = None,
    catalogue_file: Annotated[
        Path | None, typer.Option("--catalogue", help="Catalogue merged over the built-in one.")
    ] = None,
    catalogue_only: Annotated[
        bool, typer.Option("--catalogue-only", help="Plan from --catalogue alone.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: the core count).")
    ] = None,
    max_tasks_per_worker: Annotated[
        int | None,
        typer.Option(min=1, help="Replace a worker after this many clients (bounds memory)."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip clients already done for the same input.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Run on the Dask scheduler at this address."),
    ] = None,
    shared_out: Annotated[
        bool,
        typer.Option("--shared-out", help="With --dask: workers write to --out themselves."),
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(help="Time stamped in every programme (ISO); default: now, once."),
    ] = None,
) -> None:
    """Plan and print a programme for every client of a roster.

    Exit status 0 when every row succeeded, 1 when some failed (see summary.csv),
    2 when the roster or the defaults cannot be read.
    """
    from thrustplan.app.batch import BatchError, BatchOptions, Format, run_batch
    from thrustplan.exercise_db.catalogue import CatalogueError

    try:
        defaults = read_defaults(defaults_file) if defaults_file else Defaults(profile={})
        rows = read_roster(roster, defaults)
    except RosterError as error:
        fail(str(error))
    formats = frozenset(
        f for f, wanted in ((Format.CSV, csv_out), (Format.ICS, ics_out), (Format.HTML, html_out))
        if wanted
    )  # fmt: skip
    options = BatchOptions(
        out=out,
        now=_parse_now(now),
        formats=formats,
        paper=(paper.value if paper else defaults.paper or "a4").lower(),
        theme=theme or defaults.theme,
        catalogue_path=catalogue_file,
        catalogue_only=catalogue_only,
        logo_folders=(
            roster.parent,
            *([defaults_file.parent] if defaults_file else []),
            Path.cwd(),
            *(logo_folders or []),
        ),
        write_on_worker=dask is None or shared_out,
    )
    progress = _Progress()
    try:
        report = run_batch(
            rows,
            options,
            workers=workers or os.cpu_count() or 1,
            resume=resume,
            dask_address=dask,
            max_tasks_per_worker=max_tasks_per_worker,
            on_start=progress.start,
            on_result=progress.update,
        )
    except CatalogueError as error:
        progress.stop()
        fail(f"--catalogue: {error}")
    except BatchError as error:
        progress.stop()
        fail(str(error))
    progress.stop()
    total = len(report.results)
    ok = sum(1 for r in report.results if r.status.value == "ok")
    out_console.print(f"{ok} of {total} clients planned -> {out / 'summary.csv'}")
    for result in report.results:
        if result.status.value != "ok":
            first = result.reason.splitlines()[0] if result.reason else ""
            err_console.print(
                f"row {result.row} {result.name}: {result.status.value}: {first}",
                markup=False,
                highlight=False,
            )
    sys.stdout.flush()
    if not report.all_ok:
        raise typer.Exit(int(Exit.FAILED))
