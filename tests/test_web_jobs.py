"""Jobs that survive: a dead worker's job retried once, a killed server losing nothing,
claims on PostgreSQL skipping locked rows; and the ``db`` and ``users`` commands."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import func, select

from tests.web_factory import (
    PASSWORD,
    PROFILE,
    free_port,
    fresh_database,
    make_trainer,
    start_server,
)
from thrustplan.app.web.db import queue
from thrustplan.app.web.db.engine import make_engine, upgrade
from thrustplan.app.web.db.models import Job, Plan
from thrustplan.app.web.db.store import Database, add_client, add_trainer
from thrustplan.app.web.services.worker import Supervisor, WorkerConfig

THRUSTPLAN = str(Path(sys.executable).with_name("thrustplan"))


def _job(db: Database, job_id: int) -> Job:
    with db.sessions() as session:
        row = session.get(Job, job_id)
        assert row is not None
        return row


def _wait(db: Database, job_id: int, statuses: tuple[str, ...], timeout: float = 120) -> Job:
    deadline = time.monotonic() + timeout
    while (row := _job(db, job_id)).status not in statuses:
        assert time.monotonic() < deadline, f"job {job_id} still {row.status}"
        time.sleep(0.02)
    return row


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    upgrade(url)
    db = Database.of(make_engine(url))
    yield db
    db.engine.dispose()


def _enqueue(db: Database, count: int) -> list[int]:
    with db.sessions.begin() as session:
        trainer = add_trainer(session, "ann@example.com", "Ann", "x")
        ids = []
        for n in range(count):
            client = add_client(session, trainer.id, {**PROFILE, "name": f"Client {n}"})
            payload: dict[str, object] = {
                "profile": {**PROFILE, "name": f"Client {n}"},
                "change": "test",
            }
            ids.append(queue.enqueue(session, trainer.id, client.id, "plan", payload).id)
    return ids


def _kill_worker_running(db: Database, supervisor: Supervisor, job_id: int, attempt: int) -> None:
    """Kill the worker holding ``job_id`` on its ``attempt``-th claim."""
    deadline = time.monotonic() + 120
    while not ((running := _job(db, job_id)).status == "running" and running.attempts == attempt):
        assert time.monotonic() < deadline, f"job {job_id} not claimed {attempt} times"
        time.sleep(0.02)
    pid = int(str(running.worker).rpartition(":")[2])
    assert pid in supervisor.pids
    os.kill(pid, signal.SIGKILL)


def test_a_job_whose_worker_dies_is_retried_once_then_failed_with_the_reason(
    sqlite_db: Database,
) -> None:
    first, second = _enqueue(sqlite_db, 2)
    supervisor = Supervisor(sqlite_db, WorkerConfig(str(sqlite_db.engine.url)), count=1)
    supervisor.start()
    try:
        _kill_worker_running(sqlite_db, supervisor, first, 1)
        done = _wait(sqlite_db, first, ("done", "failed"))
        assert (done.status, done.attempts) == ("done", 2)

        _kill_worker_running(sqlite_db, supervisor, second, 1)
        _kill_worker_running(sqlite_db, supervisor, second, 2)
        failed = _wait(sqlite_db, second, ("done", "failed"))
        assert failed.status == "failed" and failed.plan_id is None
        assert failed.error == (
            "its worker stopped (exit code -9), on each of its 2 attempts; try again later"
        )
    finally:
        supervisor.stop()
    with sqlite_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Plan)) == 1


def test_claims_on_postgresql_skip_rows_another_server_holds(tmp_path: Path) -> None:
    url, drop = fresh_database("postgresql", tmp_path)
    try:
        upgrade(url)
        db = Database.of(make_engine(url))
        first, second = _enqueue(db, 2)
        lease = dt.timedelta(seconds=30)
        with db.sessions.begin() as one, db.sessions.begin() as two:
            held = queue.claim(one, "host:1", lease)
            other = queue.claim(two, "host:2", lease)
            assert held is not None and other is not None
            assert (held.id, other.id) == (first, second)
            with db.sessions.begin() as three:
                assert queue.claim(three, "host:3", lease) is None
        db.engine.dispose()
    finally:
        drop()


def test_killing_the_server_with_jobs_queued_loses_none_and_runs_none_twice(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    headers = {"Authorization": f"Bearer {make_trainer(tmp_path, url)}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    server = start_server(tmp_path, url, port)
    jobs = []
    for n in range(4):
        made = httpx2.post(f"{base}/clients", json={**PROFILE, "name": f"C{n}"}, headers=headers)
        planned = httpx2.post(f"{base}/clients/{made.json()['id']}/plans", headers=headers)
        jobs.append(planned.json())
    deadline = time.monotonic() + 60
    while (
        httpx2.get(f"{base}/jobs/{jobs[0]['job_id']}", headers=headers).json()["status"] == "queued"
    ):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(server.pid, signal.SIGKILL)  # the server and its worker, mid-job
    server.wait()

    server = start_server(tmp_path, url, port)
    try:
        deadline = time.monotonic() + 180
        states = []
        while time.monotonic() < deadline:
            states = [
                httpx2.get(f"{base}/jobs/{job['job_id']}", headers=headers).json() for job in jobs
            ]
            if all(state["status"] in ("done", "failed") for state in states):
                break
            time.sleep(0.2)
        assert [state["status"] for state in states] == ["done"] * 4, states
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    db = Database.of(make_engine(url))
    with db.sessions() as session:
        plans_per_client = session.execute(
            select(Plan.client_id, func.count()).group_by(Plan.client_id)
        ).all()
    db.engine.dispose()
    assert sorted(count for _, count in plans_per_client) == [1, 1, 1, 1]


def test_db_backup_copies_a_sqlite_database_and_refuses_to_overwrite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    subprocess.run([THRUSTPLAN, "db", "upgrade", "--db", url], check=True, capture_output=True)
    make_trainer(tmp_path, url)
    copy = tmp_path / "copy.db"
    backup = [THRUSTPLAN, "db", "backup", str(copy), "--db", url]
    subprocess.run(backup, check=True, capture_output=True)
    db = Database.of(make_engine(f"sqlite:///{copy}"))
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 0
    db.engine.dispose()
    again = subprocess.run(backup, capture_output=True, text=True)
    assert again.returncode == 2 and "exists already" in again.stderr


def test_users_add_refuses_a_short_password_and_a_taken_email(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    add = [THRUSTPLAN, "users", "add", "ann@example.com", "--db", url]
    short = subprocess.run(add, input="short\n", text=True, capture_output=True)
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    assert (
        subprocess.run(add, input=f"{PASSWORD}\n", text=True, capture_output=True).returncode == 0
    )
    taken = subprocess.run(add, input=f"{PASSWORD}\n", text=True, capture_output=True)
    assert taken.returncode == 2 and "exists already" in taken.stderr


def test_pages_answered_by_two_processes_share_one_queue_and_one_key(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'processes.db'}"
    headers = {"Authorization": f"Bearer {make_trainer(tmp_path, url)}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(tmp_path, url, port, processes=2)
    try:
        children = subprocess.run(
            ["ps", "-ww", "-o", "args=", "--ppid", str(server.pid)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        spawned = [line for line in children if "multiprocessing.spawn" in line]
        assert len(spawned) == 3, f"two page processes and a job worker: {children}"
        made = httpx2.post(f"{base}/api/v1/clients", json=PROFILE, headers=headers).json()
        job = httpx2.post(f"{base}/api/v1/clients/{made['id']}/plans", headers=headers).json()
        deadline = time.monotonic() + 120
        state = {"status": "queued"}
        while state["status"] not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.2)
            state = httpx2.get(f"{base}/api/v1/jobs/{job['job_id']}", headers=headers).json()
        assert state["status"] == "done", state
        # A sign-in made by one process holds in the other: all sign with the same key.
        with httpx2.Client(base_url=base) as browser:
            login = browser.get("/login").text
            token = login.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            form = {"email": "ann@example.com", "password": PASSWORD, "csrf_token": token}
            assert browser.post("/login", data=form).status_code == 303
            # A new connection each time, so that either process may answer.
            page, cookies = f"{base}/plans/{state['plan_id']}", dict(browser.cookies)
            answers = [httpx2.get(page, cookies=cookies) for _ in range(16)]
        assert all(a.status_code == 200 and "Sam Lindqvist" in a.text for a in answers)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
