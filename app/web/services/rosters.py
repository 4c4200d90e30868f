"""A roster uploaded as CSV or XLSX: a client and a queued plan per valid row.

Rows are read by the batch's own reader (:func:`thrustplan.app.roster.read_roster`), so
a spreadsheet means here what it means to ``thrustplan batch``; the plans are made by
the job queue's warm workers, as the batch makes them in its pool.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from thrustplan.app.roster import RosterError, read_roster
from thrustplan.app.web.db import queue, store
from thrustplan.app.web.db.models import Job, RosterRow
from thrustplan.app.web.db.store import Database
from thrustplan.app.web.services.profiles import ProfileInvalid, check_profile, stored

#: What a trainer may upload: the batch's spreadsheet formats.
KINDS = (".csv", ".xlsx")
MAX_BYTES = 5 * 1024 * 1024


def _rows(filename: str, data: bytes) -> list[tuple[int, str, dict[str, object] | str]]:
    suffix = Path(filename).suffix.lower()
    if suffix not in KINDS:
        raise ValueError(f"roster {filename!r}: upload a .csv or .xlsx file")
    if len(data) > MAX_BYTES:
        raise ValueError(f"roster {filename!r}: larger than 5 MiB; split it")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(data)
        try:
            rows = read_roster(path)
        except RosterError as error:
            raise ValueError(str(error).replace(str(path), filename)) from error
    out: list[tuple[int, str, dict[str, object] | str]] = []
    for row in rows:
        if row.problem:
            out.append((row.row, row.label, row.problem))
            continue
        try:
            out.append((row.row, row.label, stored(check_profile(row.fields))))
        except ProfileInvalid as error:
            out.append((row.row, row.label, str(error)))
    return out


def take_roster(db: Database, trainer_id: int, filename: str, data: bytes) -> str:
    """Add a client and queue a plan for every valid row; returns the upload's id.

    Raises ``ValueError`` naming the file and the fix when it cannot be read at all.
    """
    rows = _rows(filename, data)
    if not rows:
        raise ValueError(f"roster {filename!r}: no client rows under the header")
    upload = secrets.token_hex(8)
    with db.sessions.begin() as session:
        for number, label, profile in rows:
            record = RosterRow(trainer_id=trainer_id, upload=upload, row=number, label=label[:160])
            if isinstance(profile, str):
                record.problem = profile
            else:
                client = store.add_client(session, trainer_id, profile)
                change = {"profile": profile, "change": f"planned from roster row {number}"}
                job = queue.enqueue(session, trainer_id, client.id, "plan", dict(change))
                record.client_id, record.job_id = client.id, job.id
            store.add_roster_row(session, record)
    return upload


@dataclass(frozen=True)
class RowStatus:
    row: int
    label: str
    status: str
    reason: str
    client_id: int | None
    plan_id: int | None


def roster_status(db: Database, trainer_id: int, upload: str) -> list[RowStatus]:
    """Each row of an upload: ``invalid`` with the reason, or its job's status."""
    from thrustplan.app.web.services.plans import NotFound

    with db.sessions() as session:
        rows = store.roster_rows(session, trainer_id, upload)
        if not rows:
            raise NotFound(f"roster {upload}")
        jobs: dict[int, Job] = {}
        for row in rows:
            if row.job_id is not None:
                found = queue.job(session, trainer_id, row.job_id)
                if found is not None:
                    jobs[row.job_id] = found
    statuses = []
    for row in rows:
        job = jobs.get(row.job_id) if row.job_id is not None else None
        status = job.status if job else "invalid"
        reason = (job.error or "") if job else (row.problem or "")
        plan_id = job.plan_id if job else None
        statuses.append(RowStatus(row.row, row.label, status, reason, row.client_id, plan_id))
    return statuses
