"""Planning a whole roster: one task per client, run in a process pool or on a Dask cluster.

The flow, for each client row of a roster (:mod:`thrustplan.app.roster`):

1. In the calling process: validate the profile (an invalid row is reported, not run),
   give the client a unique folder name (its *slug*) and hash its input (the profile,
   the catalogue fingerprint, ``PROGRAM_VERSION`` and the output settings). With
   ``resume``, a client whose folder holds every output and the same hash is not run again.
2. In a worker (:func:`plan_client`): solve, check the programme with the independent
   checker, render the PDF and the other formats. Each worker keeps its catalogue and its
   :class:`~thrustplan.planner.output.render.Renderer` across clients, so WeasyPrint is set up once.
3. Every file is written to a temporary name and renamed into place; the input record
   (``.thrustplan-input.json``, holding the hash and the client's result) is written last,
   so a folder with a record is a finished client.
4. ``summary.csv`` and ``index.html`` list every row with its status: ``ok``,
   ``infeasible`` (with the explanation), ``invalid`` (with the field errors) or
   ``failed`` (a checker violation or an error while printing).

One fixed ``now`` is used for the whole batch, so a programme's JSON is byte-identical
between a local run and a Dask run of the same roster.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import resource
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum, auto
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from thrustplan.app.inputs import InputError, profile_logo
from thrustplan.app.roster import RosterRow
from thrustplan.app.slugs import slugify as slugify
from thrustplan.app.slugs import unique_slugs
from thrustplan.exercise_db.catalogue import Catalogue, load_catalogue
from thrustplan.exercise_db.vocabulary import UnknownWordError
from thrustplan.planner.model.solve import SolverSettings
from thrustplan.planner.output.exports import ExportError, spreadsheet_cell
from thrustplan.planner.output.files import write_atomically
from thrustplan.planner.output.formats import Format, OutputOptions
from thrustplan.planner.pipeline import CheckFailed, Pipeline
from thrustplan.rules.profile import ClientProfile, ProfileError, parse_profile
from thrustplan.rules.program import PROGRAM_VERSION

#: Written last in a client's folder: the input hash and the result, for ``resume``.
RECORD_NAME = ".thrustplan-input.json"
SUMMARY_COLUMNS = (
    "row",
    "name",
    "slug",
    "status",
    "reason",
    "solve_seconds",
    "render_seconds",
    "pages",
    "pdf",
)
_TEMPLATE_DIR = Path(str(resources.files("thrustplan.templates")))


class Status(StrEnum):
    """How one client's row of a batch ended; each value is the member's name in lower case."""

    OK = auto()
    INFEASIBLE = auto()
    INVALID = auto()
    FAILED = auto()


class BatchError(RuntimeError):
    """The batch cannot run at all (for example, a missing optional dependency)."""


@dataclass(frozen=True)
class BatchOptions:
    """How every client of a batch is planned and printed; the same for all of them."""

    out: Path
    now: dt.datetime
    #: Files besides ``program.pdf`` and ``program.json``, which are always written.
    formats: frozenset[Format] = frozenset()
    paper: str = "a4"
    theme: str | None = None
    catalogue_path: Path | None = None
    catalogue_only: bool = False
    #: Folders a trainer's logo may come from (see the logo check); empty for the
    #: renderer's default, the current folder.
    logo_folders: tuple[Path, ...] = ()
    settings: SolverSettings = field(default_factory=SolverSettings)
    #: Workers write the files themselves (a local pool, or a cluster sharing ``out``);
    #: otherwise the files travel back with the result and the caller writes them.
    write_on_worker: bool = True


@dataclass(frozen=True)
class ClientTask:
    """One client to plan: everything a worker needs, and nothing it must look up."""

    row: int
    name: str
    slug: str
    profile: ClientProfile
    input_hash: str


@dataclass
class ClientResult:
    """What happened to one roster row."""

    row: int
    name: str
    slug: str
    status: Status
    reason: str = ""
    solve_seconds: float = 0.0
    render_seconds: float = 0.0
    pages: int = 0
    #: Set when the files are sent back rather than written by the worker.
    files: dict[str, bytes] = field(default_factory=dict)
    #: Filled by the worker, for benchmarks: its process id and memory.
    worker: str = ""
    rss_mib: float = 0.0
    peak_rss_mib: float = 0.0
    resumed: bool = False

    @property
    def pdf(self) -> str:
        return f"{self.slug}/program.pdf" if self.status is Status.OK else ""

    def summary_row(self) -> dict[str, str]:
        return {
            "row": str(self.row),
            "name": self.name,
            "slug": self.slug,
            "status": self.status.value,
            "reason": self.reason,
            "solve_seconds": f"{self.solve_seconds:.2f}",
            "render_seconds": f"{self.render_seconds:.2f}",
            "pages": str(self.pages) if self.pages else "",
            "pdf": self.pdf,
        }


# --- hashing --------------------------------------------------------------------------


def output_formats(formats: Iterable[Format]) -> frozenset[Format]:
    """Every format a client gets: the PDF and the JSON, and the extras asked for."""
    return frozenset({Format.PDF, Format.JSON, *formats})


def output_names(formats: Iterable[Format]) -> list[str]:
    """The files a finished client's folder holds, the record excluded."""
    extras = sorted(output_formats(formats) - {Format.PDF, Format.JSON})
    return ["program.pdf", "program.json", *(f"program.{f.value}" for f in extras)]


def input_hash(profile: ClientProfile, catalogue: Catalogue, options: BatchOptions) -> str:
    """What a client's outputs depend on, hashed; equal hashes mean equal programmes."""
    payload = {
        "profile": profile.model_dump(mode="json"),
        "catalogue": catalogue.fingerprint,
        "version": PROGRAM_VERSION,
        "formats": sorted(f.value for f in options.formats),
        "paper": options.paper,
        "theme": options.theme,
        "settings": options.settings.model_dump(mode="json"),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# --- the per-client task --------------------------------------------------------------

#: Per-process cache: the catalogue and the renderer stay warm across clients.
_WARM: dict[tuple[Any, ...], Any] = {}


def _catalogue(options: BatchOptions) -> Catalogue:
    key = ("catalogue", options.catalogue_path, options.catalogue_only)
    if key not in _WARM:
        _WARM[key] = load_catalogue(options.catalogue_path, replace=options.catalogue_only)
    catalogue: Catalogue = _WARM[key]
    return catalogue


def _renderer(options: BatchOptions) -> Any:
    key = ("renderer", options.paper, options.theme)
    if key not in _WARM:
        from thrustplan.planner.output.render import Renderer

        _WARM[key] = Renderer(paper=options.paper, theme=options.theme)
    return _WARM[key]


def _pipeline(options: BatchOptions) -> Pipeline:
    """The worker's pipeline: its catalogue and renderer stay warm across clients."""
    wanted = OutputOptions(output_formats(options.formats), options.paper, options.theme)
    return Pipeline(_catalogue(options), wanted, options.settings, renderer=_renderer(options))


def warm_worker(options: BatchOptions) -> None:
    """Load the catalogue, the renderer and the solver once, when a worker starts."""
    _catalogue(options)
    _renderer(options)
    import thrustplan.planner.pipeline
    import thrustplan.rules.checker  # noqa: F401


def exit_with_parent(parent: int, poll: float = 1.0) -> None:
    """End this worker process when ``parent`` is gone (killed with SIGKILL, say).

    A worker otherwise waits for work forever once its parent dies without a word; a
    daemon thread looks every ``poll`` seconds. The batch's pool workers and the web
    server's job workers both follow their parent this way.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def start_pool_worker(options: BatchOptions, parent: int) -> None:
    """Initializer of a local pool worker: follow the parent, then warm up."""
    exit_with_parent(parent)
    warm_worker(options)


def _memory() -> tuple[float, float]:
    """This process's resident memory now and at its peak, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        now = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        now = peak
    return now, peak


def plan_client(task: ClientTask, options: BatchOptions) -> ClientResult:
    """Solve, check and print one client; never raises, the result says what went wrong."""
    from thrustplan.planner.model.solve import InfeasibleRequest

    result = ClientResult(task.row, task.name, task.slug, Status.OK)
    try:
        pipeline = _pipeline(options)
        logo = profile_logo(task.profile, options.logo_folders or (Path.cwd(),))
        outputs = pipeline.plan(task.profile, logo=logo, now=options.now)
        files = {f"program.{fmt.value}": data for fmt, data in outputs.files.items()}
        result.solve_seconds, result.render_seconds = outputs.solve_seconds, outputs.render_seconds
        result.pages = outputs.pages
        if options.write_on_worker:
            store_client(options.out, task.input_hash, result, files)
        else:
            result.files = files
    except InfeasibleRequest as error:
        result.status, result.reason = Status.INFEASIBLE, str(error)
    except (InputError, ExportError) as error:  # the row's logo, or a field a format needs
        result.status, result.reason = Status.INVALID, str(error)
    except CheckFailed as error:
        result.status, result.reason = Status.FAILED, f"checker: {error}"
    except Exception as error:  # one client's fault must not stop the others
        result.status = Status.FAILED
        result.reason = f"{type(error).__name__}: {error}".strip()
    finally:
        result.worker = f"{os.uname().nodename}:{os.getpid()}"
        result.rss_mib, result.peak_rss_mib = _memory()
    return result


def store_client(out: Path, digest: str, result: ClientResult, files: dict[str, bytes]) -> None:
    """Write a client's files, each atomically, and then its input record, last."""
    folder = out / result.slug
    # A record from an earlier input must not vouch for files half replaced by this one.
    (folder / RECORD_NAME).unlink(missing_ok=True)
    for name, data in files.items():
        write_atomically(folder / name, data)
    record = {
        "input": digest,
        "result": {
            # Unrounded, so a resumed summary prints exactly what the first run printed.
            "solve_seconds": result.solve_seconds,
            "render_seconds": result.render_seconds,
            "pages": result.pages,
        },
    }
    write_atomically(folder / RECORD_NAME, json.dumps(record, indent=2).encode())


def finished_result(out: Path, task: ClientTask, options: BatchOptions) -> ClientResult | None:
    """The stored result when the client's folder is complete for this exact input."""
    folder = out / task.slug
    try:
        record = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("input") != task.input_hash:
        return None
    if not all((folder / name).is_file() for name in output_names(options.formats)):
        return None
    stored = record.get("result") or {}
    return ClientResult(
        task.row,
        task.name,
        task.slug,
        Status.OK,
        solve_seconds=float(stored.get("solve_seconds", 0.0)),
        render_seconds=float(stored.get("render_seconds", 0.0)),
        pages=int(stored.get("pages", 0)),
        resumed=True,
    )


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a killed run (``.<name>.<random>.tmp``)."""
    if folder.is_dir():
        for stale in folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)


# --- preparing and running ----------------------------------------------------------


@dataclass
class Prepared:
    """A roster split into the tasks to run and the rows already settled."""

    tasks: list[ClientTask]
    settled: list[ClientResult]


def prepare(
    rows: Sequence[RosterRow], catalogue: Catalogue, options: BatchOptions, *, resume: bool
) -> Prepared:
    """Validate every row, name its folder and, with ``resume``, skip finished clients."""
    slugs = unique_slugs(row.label if row.fields.get("name") else f"row-{row.row}" for row in rows)
    tasks, settled = [], []
    for row, slug in zip(rows, slugs, strict=True):
        if row.problem is not None:
            settled.append(ClientResult(row.row, row.label, slug, Status.INVALID, row.problem))
            continue
        try:
            profile = parse_profile(row.fields, source=f"row {row.row}")
        except (ProfileError, UnknownWordError) as error:
            reason = str(error).replace("\n", "; ")
            settled.append(ClientResult(row.row, row.label, slug, Status.INVALID, reason))
            continue
        task = ClientTask(
            row.row, profile.name, slug, profile, input_hash(profile, catalogue, options)
        )
        if resume:
            done = finished_result(options.out, task, options)
            if done is not None:
                settled.append(done)
                continue
            _remove_stale_temporaries(options.out / slug)
        tasks.append(task)
    return Prepared(tasks, settled)


#: Called after each client with its result; the progress display hangs on this.
OnResult = Callable[[ClientResult], None]


def _crashed(task: ClientTask, why: str) -> ClientResult:
    return ClientResult(task.row, task.name, task.slug, Status.FAILED, why)


def run_local(
    tasks: Sequence[ClientTask],
    options: BatchOptions,
    on_result: OnResult,
    *,
    workers: int,
    max_tasks_per_worker: int | None = None,
) -> None:
    """Run the tasks in a pool of long-lived worker processes (in this one when ``workers`` is 1).

    ``max_tasks_per_worker`` replaces a worker after that many clients, which bounds memory
    over a long roster at the cost of one more start-up.
    """
    if not tasks:
        return
    if workers <= 1 and max_tasks_per_worker is None:
        warm_worker(options)
        for task in tasks:
            on_result(plan_client(task, options))
        return
    import multiprocessing

    # "spawn": a fresh interpreter per worker, safe beside the progress display's thread,
    # and the only kind that can be replaced after max_tasks_per_worker clients.
    with ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_pool_worker,
        initargs=(options, os.getpid()),
        max_tasks_per_child=max_tasks_per_worker,
    ) as pool:
        futures: dict[Future[ClientResult], ClientTask] = {
            pool.submit(plan_client, task, options): task for task in tasks
        }
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                result = _crashed(futures[future], "the worker process died (out of memory?)")
            on_result(result)


def run_dask(
    tasks: Sequence[ClientTask], options: BatchOptions, on_result: OnResult, *, address: Any
) -> None:
    """Run the tasks on an existing Dask distributed cluster at ``address``.

    ``address`` is a scheduler address such as ``tcp://10.0.0.5:8786`` (or a cluster
    object). Unless ``options.write_on_worker`` is set, the files come back with each
    result and are written here.
    """
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as error:
        raise BatchError(
            "--dask needs dask.distributed, which is not installed; "
            "install it with: pip install 'thrustplan[dask]'"
        ) from error
    if not tasks:
        return
    try:
        client = Client(address, timeout="20s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise BatchError(f"--dask {address}: cannot reach the scheduler ({error})") from error
    try:
        with client.as_current():
            _gather(client, tasks, options, on_result, dask_completed)
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _gather(
    client: Any,
    tasks: Sequence[ClientTask],
    options: BatchOptions,
    on_result: OnResult,
    completed: Any,
) -> None:
    """Submit one future per client and hand each result on as it arrives."""
    futures = {
        client.submit(
            plan_client, task, options, key=f"thrustplan-{task.slug}-{task.input_hash[:16]}"
        ): task
        for task in tasks
    }
    for future in completed(list(futures)):
        try:
            result = future.result()
        except Exception as error:  # a worker lost for good, or a pickling fault
            result = _crashed(futures[future], f"dask: {type(error).__name__}: {error}")
        on_result(result)
        future.release()


@dataclass
class BatchReport:
    """Every row's result, in roster order."""

    results: list[ClientResult]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def all_ok(self) -> bool:
        return all(r.status is Status.OK for r in self.results)


def run_batch(
    rows: Sequence[RosterRow],
    options: BatchOptions,
    *,
    workers: int = 1,
    resume: bool = False,
    dask_address: Any = None,
    max_tasks_per_worker: int | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_result: OnResult | None = None,
) -> BatchReport:
    """Plan every row and write the outputs, ``summary.csv`` and ``index.html`` to ``options.out``.

    ``on_start(to_run, settled)`` is called once the roster is prepared; ``on_result``
    after each client that ran (not for rows settled beforehand).
    """
    catalogue = load_catalogue(options.catalogue_path, replace=options.catalogue_only)
    options.out.mkdir(parents=True, exist_ok=True)
    if dask_address is not None and options.write_on_worker:
        # Only the caller can be sure to see ``out``; a shared path is an explicit choice.
        options = replace(options, write_on_worker=False)
    prepared = prepare(rows, catalogue, options, resume=resume)
    if on_start is not None:
        on_start(len(prepared.tasks), len(prepared.settled))
    results = list(prepared.settled)
    by_slug = {task.slug: task for task in prepared.tasks}

    def collect(result: ClientResult) -> None:
        if result.files:
            try:
                store_client(options.out, by_slug[result.slug].input_hash, result, result.files)
            except OSError as error:
                result.status, result.reason = Status.FAILED, f"cannot write: {error}"
            result.files = {}
        results.append(result)
        if on_result is not None:
            on_result(result)

    if dask_address is not None:
        run_dask(prepared.tasks, options, collect, address=dask_address)
    else:
        run_local(
            prepared.tasks,
            options,
            collect,
            workers=workers,
            max_tasks_per_worker=max_tasks_per_worker,
        )
    report = BatchReport(sorted(results, key=lambda r: r.row))
    write_summary(options.out, report)
    return report


# --- the summary ----------------------------------------------------------------------


def summary_csv(report: BatchReport) -> str:
    """One row per client; a name or reason that starts like a formula is kept as text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in report.results:
        writer.writerow({k: spreadsheet_cell(v) for k, v in result.summary_row().items()})
    return buffer.getvalue()


def summary_html(report: BatchReport) -> str:
    """The index page; every value is escaped, so a name with markup prints as written."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("batch-index.html")
    counts = {status.value: report.count(status) for status in Status}
    return template.render(
        rows=[asdict(r) | {"status": r.status.value, "pdf": r.pdf} for r in report.results],
        counts=counts,
        total=len(report.results),
    )


def write_summary(out: Path, report: BatchReport) -> None:
    write_atomically(out / "summary.csv", summary_csv(report).encode())
    write_atomically(out / "index.html", summary_html(report).encode())
