"""The same roster on a two-worker Dask cluster gives the same summary and programmes."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from thrustplan.app.batch import SUMMARY_COLUMNS, BatchOptions, run_batch
from thrustplan.app.roster import RosterRow

distributed = pytest.importorskip("distributed")

NOW = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
BASE = {"level": "beginner", "days_per_week": 2, "session_minutes": 40, "weeks": 1}


def roster() -> list[RosterRow]:
    return [
        RosterRow(
            2, {**BASE, "name": "Ana", "goal": "glutes", "equipment": ["dumbbells", "bench"]}
        ),
        RosterRow(
            3, {**BASE, "name": "Ana", "goal": "strength", "equipment": ["barbell", "bench"]}
        ),
        RosterRow(4, {**BASE, "name": "Bo", "goal": "general", "equipment": ["hoverboard"]}),
        RosterRow(5, {**BASE, "name": "Cy", "goal": "glutes", "equipment": ["mini bands"]}),
    ]


def summary_without_times(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    timed = {"solve_seconds", "render_seconds"}
    return [{k: v for k, v in row.items() if k not in timed} for row in rows]


def test_a_dask_run_matches_a_local_run(tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    run_batch(roster(), BatchOptions(out=local, now=NOW), workers=1)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        report = run_batch(
            roster(), BatchOptions(out=remote, now=NOW), dask_address=cluster.scheduler_address
        )
    assert len({r.worker for r in report.results if r.worker}) >= 1
    assert summary_without_times(remote) == summary_without_times(local)
    assert list(summary_without_times(local)[0]) == [
        c for c in SUMMARY_COLUMNS if not c.endswith("_seconds")
    ]
    for slug in ("ana", "ana-2", "cy"):
        assert (remote / slug / "program.json").read_bytes() == (
            local / slug / "program.json"
        ).read_bytes()
        assert (remote / slug / "program.pdf").read_bytes().startswith(b"%PDF")
