"""The workers that make plans from the job queue, and the supervisor that keeps them up.

Each worker is a process, as in the batch: it loads the catalogue, the solver and
WeasyPrint once and keeps them warm across jobs (one :class:`Pipeline` per process). It
claims a job, renews the job's lease while it works, and stores the plan with all its
files and the job's end in one transaction, so no half-made plan or PDF is ever served.

The supervisor runs in the server. When a worker process ends it starts another and
hands that worker's job back to the queue (or fails it after its second try); when the
server starts it does the same for jobs whose worker on this machine is gone, so a
restart loses no job and finishes none twice.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import socket
import threading
import time
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from thrustplan.app.batch import exit_with_parent
from thrustplan.app.web.db import queue, store
from thrustplan.app.web.db.engine import make_engine
from thrustplan.app.web.db.models import Job
from thrustplan.app.web.db.store import Database
from thrustplan.planner.output.formats import Format, OutputOptions

if TYPE_CHECKING:
    from thrustplan.planner.pipeline import Outputs, Pipeline


@dataclass(frozen=True)
class WorkerConfig:
    db_url: str
    #: How long a claimed job stays a worker's without a sign of life from it.
    lease_seconds: float = 30.0
    #: How often an idle worker looks for a job.
    poll_seconds: float = 0.2


# --- inside a worker process -------------------------------------------------------------


@dataclass
class Made:
    """A plan a job made, ready to store."""

    program: dict[str, object]
    pages: int
    files: dict[str, bytes]
    change: str


class JobRunner:
    """Makes the plan a job asks for, with the pipeline kept warm across jobs."""

    def __init__(self, db: Database) -> None:
        from thrustplan.app.web.services.plans import catalogue
        from thrustplan.planner.pipeline import Pipeline

        self.db = db
        formats = frozenset({Format.PDF, Format.JSON, Format.HTML, Format.CSV})
        self.pipeline = Pipeline(catalogue(), OutputOptions(formats))
        # The calendar needs a start date; profiles with one get it from a second
        # pipeline sharing the first one's renderer.
        self.with_calendar = Pipeline(
            catalogue(), OutputOptions(formats | {Format.ICS}), renderer=self.pipeline.renderer
        )

    def _for(self, start_date: object) -> Pipeline:
        return self.with_calendar if start_date else self.pipeline

    def run(self, job: Job) -> Made:
        """The plan for ``job``; raises what the pipeline raises when it cannot make one."""
        from thrustplan.app.service import replan_program
        from thrustplan.app.web.services.profiles import check_profile

        payload = job.payload
        change = str(payload.get("change", ""))
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        if job.kind == "replan":
            program = self._parent(job)
            pipeline = self._for(program.profile.start_date)
            replanned = replan_program(pipeline, program, str(payload["log"]), now=now)
            return self._made(replanned.outputs, f"{change}; {replanned.summary}")
        profile = check_profile(payload["profile"])
        return self._made(self._for(profile.start_date).plan(profile, now=now), change)

    def _parent(self, job: Job) -> Any:
        from thrustplan.rules.program import Program

        with self.db.sessions() as session:
            parent = store.plan(session, job.trainer_id, int(str(job.payload["parent_id"])))
        if parent is None:
            raise ValueError("the plan this block follows was deleted")
        return Program.model_validate(parent.program)

    @staticmethod
    def _made(outputs: Outputs, change: str) -> Made:
        from thrustplan.app.web.services.plans import VIEW_FILE, view_file

        files = {fmt.value: data for fmt, data in outputs.files.items()}
        files[VIEW_FILE] = view_file(outputs.program)
        program = outputs.program.model_dump(mode="json")
        return Made(program, outputs.pages, files, change)


def describe_failure(error: Exception) -> str:
    """Why a job failed, in the words of the part that refused it."""
    from thrustplan.planner.pipeline import CheckFailed

    if isinstance(error, CheckFailed):
        return f"the checker refused the plan: {error}"
    known = ("InfeasibleRequest", "InputError", "ExportError", "ProfileInvalid", "ValueError")
    if type(error).__name__ in known:
        return str(error)
    return f"{type(error).__name__}: {error}"


def store_made(db: Database, job: Job, worker: str, made: Made) -> bool:
    """The plan, its files and the job's end in one transaction; ``False`` (nothing
    stored) when the job is no longer this worker's."""
    from thrustplan.app.web.db.models import Client

    with db.sessions.begin() as session:
        parent = job.payload.get("parent_id")
        row = store.add_plan(
            session,
            trainer_id=job.trainer_id,
            client_id=job.client_id,
            parent_id=int(str(parent)) if parent is not None else None,
            change=made.change,
            program=made.program,
            pages=made.pages,
            files=made.files,
        )
        if not queue.complete(session, job.id, worker, row.id):
            session.rollback()
            return False
        if job.payload.get("update_client"):
            client = session.get(Client, job.client_id)
            if client is not None:
                store.update_client(session, client, dict(job.payload["profile"]))  # type: ignore[call-overload]
    return True


class _Lease:
    """Renews the lease of the job being run, from a thread, until told to stop."""

    def __init__(self, db: Database, job_id: int, worker: str, seconds: float) -> None:
        self._stop = threading.Event()
        lease = dt.timedelta(seconds=seconds)

        def renew() -> None:
            while not self._stop.wait(seconds / 3):
                with db.sessions.begin() as session:
                    queue.renew(session, job_id, worker, lease)

        self._thread = threading.Thread(target=renew, name="lease", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_one(db: Database, runner: JobRunner, worker: str, config: WorkerConfig) -> bool:
    """Claim and run one job; ``False`` when the queue was empty."""
    # Looking first with a reader keeps idle workers from taking SQLite's write lock
    # several times a second while pages are being read and written.
    with db.sessions() as session:
        if not queue.waiting(session):
            return False
    with db.sessions.begin() as session:
        job = queue.claim(session, worker, dt.timedelta(seconds=config.lease_seconds))
    if job is None:
        return False
    lease = _Lease(db, job.id, worker, config.lease_seconds)
    try:
        made = runner.run(job)
    except Exception as error:  # one job's failure is recorded; the worker goes on
        with db.sessions.begin() as session:
            queue.fail(session, job.id, worker, describe_failure(error))
        return True
    finally:
        lease.stop()
    store_made(db, job, worker, made)
    return True


def worker_main(config: WorkerConfig, parent: int) -> None:
    """A worker process: warm up, then run jobs until the server stops."""
    exit_with_parent(parent, poll=0.5)
    db = Database.of(make_engine(config.db_url))
    runner = JobRunner(db)
    worker = worker_name(os.getpid())
    while True:
        if not run_one(db, runner, worker, config):
            time.sleep(config.poll_seconds)


def worker_name(pid: int) -> str:
    return f"{socket.gethostname()}:{pid}"


# --- in the server -------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def gone_local_workers(held_by: set[str]) -> set[str]:
    """The workers among ``held_by`` that ran on this machine and whose process is gone."""
    host = socket.gethostname()
    gone = set()
    for worker in held_by:
        where, _, pid = worker.rpartition(":")
        if where == host and pid.isdigit() and not _alive(int(pid)):
            gone.add(worker)
    return gone


class Supervisor:
    """Starts ``count`` worker processes, replaces any that ends, and frees its job."""

    def __init__(self, db: Database, config: WorkerConfig, count: int) -> None:
        self.db, self.config, self.count = db, config, count
        self._context = multiprocessing.get_context("spawn")
        self._processes: list[BaseProcess] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _spawn(self) -> BaseProcess:
        process = self._context.Process(
            target=worker_main, args=(self.config, os.getpid()), name="thrustplan-worker"
        )
        process.daemon = True
        process.start()
        return process

    def release(self, dead: set[str], reason: str) -> None:
        with self.db.sessions.begin() as session:
            queue.release_lost(session, dead, reason)

    def start(self) -> None:
        """Free the jobs of workers that died with an earlier server, then start ours."""
        with self.db.sessions() as session:
            held = queue.running_workers(session)
        self.release(gone_local_workers(held), "the server stopped while it ran")
        self._processes = [self._spawn() for _ in range(self.count)]
        self._thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        last_sweep = time.monotonic()
        while not self._stop.wait(0.2):
            for index, process in enumerate(self._processes):
                if process.is_alive() or self._stop.is_set():
                    continue
                name = worker_name(process.pid or 0)
                reason = f"its worker stopped (exit code {process.exitcode})"
                self.release({name}, reason)
                self._processes[index] = self._spawn()
            if time.monotonic() - last_sweep > self.config.lease_seconds / 2:
                # Workers of other servers sharing the database, gone without a word.
                self.release(set(), "its worker stopped answering")
                last_sweep = time.monotonic()

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._processes if p.pid is not None]

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        for process in self._processes:
            process.terminate()
        for process in self._processes:
            process.join(timeout=10)
        # Stopped on purpose, not lost: their jobs go back without spending a try.
        with self.db.sessions.begin() as session:
            queue.requeue(session, {worker_name(pid) for pid in self.pids})
