"""Shared set-up of the web workspace's tests: databases, apps, trainers and one plan.

Each test module gets a fresh database per backend: a SQLite file, and a PostgreSQL
database created on the server at ``THRUSTPLAN_TEST_PG`` (by default the local one,
which ``make test`` starts when it is not running) and dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import psycopg
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from thrustplan.app.web.db.engine import make_engine
from thrustplan.app.web.db.store import Database
from thrustplan.app.web.main import WebSettings, create_app
from thrustplan.app.web.services import accounts
from thrustplan.exercise_db.catalogue import builtin_catalogue

PG_SERVER = os.environ.get(
    "THRUSTPLAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PASSWORD = "correct horse battery"
BACKENDS = ("sqlite", "postgresql")


def _admin() -> psycopg.Connection[Any]:
    url = make_url(PG_SERVER)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        dbname=url.database or "postgres",
        autocommit=True,
    )


def fresh_database(backend: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """A URL of an empty database of ``backend``, and how to remove it."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'workspace.db'}", lambda: None
    name = f"thrustplan_test_{os.getpid()}_{secrets.token_hex(4)}"
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    url = make_url(PG_SERVER).set(database=name)
    return url.render_as_string(hide_password=False), drop


@dataclass
class Workspace:
    """A running app on a fresh database, with two trainers and their tokens."""

    url: str
    client: TestClient
    db: Database
    tokens: dict[str, str]

    def api(self, who: str = "ann") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def wait_job(self, job_id: int, who: str = "ann", timeout: float = 120) -> dict[str, Any]:
        """The job once it is done or failed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job: dict[str, Any] = self.client.get(
                f"/api/v1/jobs/{job_id}", headers=self.api(who)
            ).json()
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


def start_workspace(backend: str, folder: Path) -> Iterator[Workspace]:
    url, drop = fresh_database(backend, folder)
    try:
        app = create_app(WebSettings(db_url=url, workers=1))
        db = Database.of(make_engine(url))
        tokens = {}
        for who in ("ann", "bob"):
            accounts.add_user(db, f"{who}@example.com", who.title(), PASSWORD)
            tokens[who] = accounts.new_token(db, f"{who}@example.com")
        with TestClient(app) as client:
            yield Workspace(url, client, db, tokens)
        db.engine.dispose()
    finally:
        drop()


def hip_thrusts_but(keep: str) -> list[str]:
    """Every hip-thrust-family exercise of our catalogue except ``keep``."""
    return sorted(
        e.id for e in builtin_catalogue().values() if e.is_hip_thrust_family and e.id != keep
    )


#: The profile most tests plan: short, so a solve is quick; every hip thrust but the
#: barbell one excluded, so that banning that one breaks a hard rule.
PROFILE: dict[str, Any] = {
    "name": "Sam Lindqvist",
    "goal": "glutes",
    "level": "intermediate",
    "days_per_week": 3,
    "session_minutes": 45,
    "weeks": 4,
    "equipment": ["barbell", "bench", "dumbbells"],
    "start_date": "2027-01-04",
    "exclude": hip_thrusts_but("barbell_hip_thrust"),
}


#: The command a person runs, from the same environment as the tests.
THRUSTPLAN = str(Path(sys.executable).with_name("thrustplan"))


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    folder: Path, url: str, port: int, processes: int = 1, workers: int = 1
) -> subprocess.Popen[bytes]:
    """``thrustplan serve`` in its own process group, once it answers."""
    options = ["--port", str(port), "--db", url, "--workers", str(workers)]
    options += ["--processes", str(processes)]
    server = subprocess.Popen(
        [THRUSTPLAN, "serve", *options],
        cwd=folder,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return server
        except httpx2.TransportError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
        time.sleep(0.1)


def make_trainer(folder: Path, url: str) -> str:
    """A trainer added with the commands a person runs; returns their API token."""
    add = [THRUSTPLAN, "users", "add", "ann@example.com", "--name", "Ann", "--db", url]
    subprocess.run(add, input=f"{PASSWORD}\n", text=True, check=True, cwd=folder)
    token = subprocess.run(
        [THRUSTPLAN, "users", "token", "ann@example.com", "--db", url],
        capture_output=True,
        text=True,
        check=True,
        cwd=folder,
    ).stdout
    assert token.count("\n") == 1 and token.startswith("tp_")
    return token.strip()
