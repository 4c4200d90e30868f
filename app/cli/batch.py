"""``thrustplan batch``: a programme for every client of a roster."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from thrustplan.app.cli.app import Exit, app, clean, err_console, exits, out_console
from thrustplan.app.cli.options import CatalogueFile, CatalogueOnly, LogoFolders, Paper, Theme
from thrustplan.app.service import CatalogueChoice, RosterRequest, RosterRun, run_roster
from thrustplan.planner.output.formats import Format

if TYPE_CHECKING:
    from thrustplan.app.batch import BatchReport


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
        from thrustplan.app.batch import ClientResult

        assert isinstance(result, ClientResult)
        self.done += 1
        if result.status.value != "ok":
            self.failed += 1
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, failed=self.failed)
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        detail = f" ({result.reason.splitlines()[0]})" if result.reason else ""
        err_console.print(
            clean(
                f"[{self.done}/{self.total}] row {result.row} {result.name}: "
                f"{result.status.value}{detail}; {self.failed} failed, ~{left:.0f} s left"
            ),
            markup=False,
            highlight=False,
        )

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Stop the bar before any error is printed, so the message gets its own line.
        self.stop()


Roster = Annotated[Path, typer.Argument(help="Clients, one a row: CSV, XLSX, YAML or JSON Lines.")]
Out = Annotated[Path, typer.Option("--out", help="Folder to write the programmes to.")]
DefaultsFile = Annotated[
    Path | None,
    typer.Option("--defaults", help="YAML of shared values: trainer, units, weeks, paper."),
]
WantCsv = Annotated[bool, typer.Option("--csv", help="Also write program.csv.")]
WantIcs = Annotated[bool, typer.Option("--ics", help="Also write program.ics.")]
WantHtml = Annotated[bool, typer.Option("--html", help="Also write program.html.")]
PaperOrDefault = Annotated[
    Paper | None, typer.Option(help="Paper size (default: the defaults file, else a4).")
]
Workers = Annotated[
    int | None, typer.Option(min=1, help="Worker processes (default: the core count).")
]
MaxTasks = Annotated[
    int | None,
    typer.Option(min=1, help="Replace a worker after this many clients (bounds memory)."),
]
Resume = Annotated[
    bool, typer.Option("--resume", help="Skip clients already done for the same input.")
]
Dask = Annotated[
    str | None, typer.Option("--dask", help="Run on the Dask scheduler at this address.")
]
SharedOut = Annotated[
    bool, typer.Option("--shared-out", help="With --dask: workers write to --out themselves.")
]
Now = Annotated[
    str | None, typer.Option(help="Time stamped in every programme (ISO); default: now, once.")
]


@app.command()
def batch(
    roster: Roster,
    out: Out,
    defaults_file: DefaultsFile = None,
    csv_out: WantCsv = False,
    ics_out: WantIcs = False,
    html_out: WantHtml = False,
    paper: PaperOrDefault = None,
    theme: Theme = None,
    logo_folders: LogoFolders = None,
    catalogue_file: CatalogueFile = None,
    catalogue_only: CatalogueOnly = False,
    workers: Workers = None,
    max_tasks_per_worker: MaxTasks = None,
    resume: Resume = False,
    dask: Dask = None,
    shared_out: SharedOut = False,
    now: Now = None,
) -> None:
    """Plan and print a programme for every client of a roster.

    Exit status 0 when every row succeeded, 1 when some failed (see summary.csv),
    2 when the roster or the defaults cannot be read.
    """
    wanted = ((Format.CSV, csv_out), (Format.ICS, ics_out), (Format.HTML, html_out))
    extras = frozenset(fmt for fmt, asked in wanted if asked)
    catalogue = CatalogueChoice(catalogue_file, catalogue_only)
    request = RosterRequest(roster, out, defaults_file, extras, catalogue)
    request = replace(request, paper=paper, theme=theme, logo_folders=logo_folders or [], now=now)
    run = RosterRun(workers or os.cpu_count() or 1, resume, dask, shared_out, max_tasks_per_worker)
    progress = _Progress()
    with exits(), progress:
        report = run_roster(request, run, on_start=progress.start, on_result=progress.update)
    _print_report(report, out)


def _print_report(report: BatchReport, out: Path) -> None:
    ok = sum(1 for result in report.results if result.status.value == "ok")
    out_console.print(
        clean(f"{ok} of {len(report.results)} clients planned -> {out / 'summary.csv'}"),
        markup=False,
    )
    for result in report.results:
        if result.status.value != "ok":
            first = result.reason.splitlines()[0] if result.reason else ""
            err_console.print(
                clean(f"row {result.row} {result.name}: {result.status.value}: {first}"),
                markup=False,
                highlight=False,
            )
    sys.stdout.flush()
    if not report.all_ok:
        raise typer.Exit(int(Exit.FAILED))
