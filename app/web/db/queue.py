"""The job queue, kept in the ``jobs`` table so that it outlives any process.

A worker *claims* the oldest queued job (on PostgreSQL with ``FOR UPDATE SKIP LOCKED``,
so several servers share one queue; on SQLite every write transaction takes the file's
lock first, which serialises claims). The claim stamps the worker's name and a lease that
the worker renews while it runs. A job is finished only by the worker that holds it, in
the transaction that stores its plan: a job is done exactly once, with all its files, or
not at all.

A job whose worker is gone (its process ended, or its lease ran out) is queued again
once; the second time it is marked failed with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from thrustplan.app.web.db.models import Job, JobStatus, utcnow

#: Claims a job may have: the first, and one retry after its worker died.
MAX_ATTEMPTS = 2


def enqueue(
    session: Session, trainer_id: int, client_id: int, kind: str, payload: dict[str, object]
) -> Job:
    row = Job(trainer_id=trainer_id, client_id=client_id, kind=kind, payload=payload)
    session.add(row)
    session.flush()
    return row


def job(session: Session, trainer_id: int, job_id: int) -> Job | None:
    return session.scalar(select(Job).where(Job.id == job_id, Job.trainer_id == trainer_id))


def waiting(session: Session) -> bool:
    """Whether any job is queued: an idle worker's look, which takes no lock."""
    query = select(Job.id).where(Job.status == JobStatus.QUEUED.value).limit(1)
    return session.scalar(query) is not None


def claim(session: Session, worker: str, lease: dt.timedelta) -> Job | None:
    """Take the oldest queued job for ``worker``, or ``None`` when there is none."""
    query = select(Job).where(Job.status == JobStatus.QUEUED.value).order_by(Job.id).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalar(query)
    if row is None:
        return None
    row.status = JobStatus.RUNNING.value
    row.attempts += 1
    row.worker = worker
    row.lease_until = utcnow() + lease
    session.flush()
    return row


def _held(job_id: int, worker: str) -> ColumnElement[bool]:
    return and_(Job.id == job_id, Job.worker == worker, Job.status == JobStatus.RUNNING.value)


def renew(session: Session, job_id: int, worker: str, lease: dt.timedelta) -> bool:
    """Extend the lease of a job ``worker`` still holds; ``False`` if it holds it no more."""
    result = session.execute(
        update(Job).where(_held(job_id, worker)).values(lease_until=utcnow() + lease)
    )
    return bool(getattr(result, "rowcount", 0))


def complete(session: Session, job_id: int, worker: str, plan_id: int) -> bool:
    """Mark the job done with its plan, if ``worker`` still holds it."""
    return _finish(session, job_id, worker, JobStatus.DONE, plan_id=plan_id)


def fail(session: Session, job_id: int, worker: str, error: str) -> bool:
    """Mark the job failed with ``error``, if ``worker`` still holds it."""
    return _finish(session, job_id, worker, JobStatus.FAILED, error=error)


def _finish(
    session: Session, job_id: int, worker: str, status: JobStatus, **outcome: object
) -> bool:
    """Give up ``worker``'s hold on the job with its last ``status`` and ``outcome``
    columns; ``False`` if the worker holds it no more."""
    result = session.execute(
        update(Job)
        .where(_held(job_id, worker))
        .values(
            status=status.value,
            worker=None,
            lease_until=None,
            finished_at=utcnow(),
            **outcome,
        )
    )
    return bool(getattr(result, "rowcount", 0))


def running_workers(session: Session) -> set[str]:
    """The workers that hold a running job."""
    query = select(Job.worker).where(Job.status == JobStatus.RUNNING.value)
    return {worker for worker in session.scalars(query) if worker}


def release_lost(
    session: Session, dead: Collection[str], reason: str = "its worker stopped"
) -> Sequence[Job]:
    """Queue again, or fail, every running job of a ``dead`` worker or past its lease.

    A job that has had :data:`MAX_ATTEMPTS` claims is failed with ``reason``; the others
    go back to the queue. Returns the jobs changed.
    """
    now = utcnow()
    lost = or_(Job.worker.in_(list(dead)), Job.lease_until < now) if dead else Job.lease_until < now
    query = select(Job).where(Job.status == JobStatus.RUNNING.value, lost)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    changed = list(session.scalars(query))
    for row in changed:
        if row.attempts >= MAX_ATTEMPTS:
            row.status = JobStatus.FAILED.value
            row.error = f"{reason}, on each of its {row.attempts} attempts; try again later"
            row.finished_at = now
        else:
            row.status = JobStatus.QUEUED.value
        row.worker, row.lease_until = None, None
    session.flush()
    return changed


def requeue(session: Session, workers: Collection[str]) -> None:
    """Put back the running jobs of ``workers``, stopped on purpose: no attempt is spent."""
    if not workers:
        return
    session.execute(
        update(Job)
        .where(Job.status == JobStatus.RUNNING.value, Job.worker.in_(list(workers)))
        .values(
            status=JobStatus.QUEUED.value,
            attempts=Job.attempts - 1,
            worker=None,
            lease_until=None,
        )
    )
