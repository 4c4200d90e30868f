"""Batch throughput: complete plans per minute (solve + check + PDF) with 1 and 2 workers.

    python benchmarks/batch.py                 # 100 clients, 1 then 2 workers
    python benchmarks/batch.py --clients 20    # a quicker look
    python benchmarks/batch.py --workers 2 --clients 300   # memory over a long roster

Clients are generated (8 weeks, 3 or 4 days, varied goals, levels and kits) with a fixed
seed, so every run plans the same roster. Memory is each worker's resident set after its
last client and at its peak, from the worker itself; growth is the most any worker's
resident set grew from its tenth client to its last.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from thrustplan.app.batch import BatchOptions, ClientResult, Status, run_batch
from thrustplan.app.roster import RosterRow

KITS = (
    ["barbell", "squat rack", "bench", "dumbbells", "cable", "leg press", "mini bands"],
    ["dumbbells", "bench", "mini bands", "bands"],
    ["mini bands", "mat"],
    ["barbell", "bench", "plates"],
    ["smith machine", "cable", "hip thrust machine", "leg curl", "dumbbells", "bench"],
    ["kettlebells", "bands", "box"],
)
GOALS = ("glutes", "hypertrophy", "strength", "general")
LEVELS = ("beginner", "intermediate", "advanced")


def clients(count: int, seed: int = 7) -> list[RosterRow]:
    """``count`` varied clients of 8 weeks and 3-4 days a week."""
    pick = random.Random(seed)
    return [
        RosterRow(
            number + 2,
            {
                "name": f"Client {number + 1}",
                "goal": pick.choice(GOALS),
                "level": pick.choice(LEVELS),
                "days_per_week": pick.choice((3, 4)),
                "session_minutes": pick.choice((45, 60, 75)),
                "weeks": 8,
                "equipment": pick.choice(KITS),
            },
        )
        for number in range(count)
    ]


def measure(rows: list[RosterRow], workers: int, max_tasks: int | None) -> dict[str, float]:
    per_worker: dict[str, ClientResult] = {}
    #: Each worker's resident set after its tenth client: the baseline growth is read from.
    settled: dict[str, float] = {}
    done: dict[str, int] = defaultdict(int)
    peaks: dict[str, float] = defaultdict(float)
    with tempfile.TemporaryDirectory() as folder:
        options = BatchOptions(out=Path(folder), now=dt.datetime(2027, 1, 4, tzinfo=dt.UTC))

        def seen(result: ClientResult) -> None:
            per_worker[result.worker] = result
            done[result.worker] += 1
            if done[result.worker] == 10:
                settled[result.worker] = result.rss_mib
            peaks[result.worker] = max(peaks[result.worker], result.peak_rss_mib)

        started = time.perf_counter()
        report = run_batch(
            rows, options, workers=workers, max_tasks_per_worker=max_tasks, on_result=seen
        )
        seconds = time.perf_counter() - started
    ok = report.count(Status.OK)
    for result in report.results:
        if result.status is not Status.OK:
            print(f"  row {result.row}: {result.status.value}: {result.reason[:120]}", flush=True)
    pages = sum(r.pages for r in report.results)
    return {
        "workers": workers,
        "clients": len(rows),
        "ok": ok,
        "seconds": seconds,
        "per_minute": ok / seconds * 60,
        "pages_per_plan": pages / max(ok, 1),
        "solve_s": sum(r.solve_seconds for r in report.results) / max(ok, 1),
        "render_s": sum(r.render_seconds for r in report.results) / max(ok, 1),
        "rss_last_mib": max((r.rss_mib for r in per_worker.values()), default=0.0),
        "rss_growth_mib": max((per_worker[w].rss_mib - settled[w] for w in settled), default=0.0),
        "rss_peak_mib": max(peaks.values(), default=0.0),
        "processes": len(per_worker),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--workers", default="1,2", help="Comma-separated pool sizes to try.")
    parser.add_argument("--max-tasks-per-worker", type=int, default=None)
    args = parser.parse_args()
    rows = clients(args.clients)
    header = (
        f"{'workers':>7} {'ok':>5} {'seconds':>8} {'plans/min':>9} {'pages':>6} "
        f"{'solve s':>8} {'render s':>8} {'RSS last':>9} {'RSS peak':>9} {'growth':>7} "
        f"{'procs':>5}"
    )
    lines = []
    for workers in (int(w) for w in args.workers.split(",")):
        m = measure(rows, workers, args.max_tasks_per_worker)
        lines.append(
            f"{m['workers']:>7} {m['ok']:>5} {m['seconds']:>8.1f} {m['per_minute']:>9.1f} "
            f"{m['pages_per_plan']:>6.1f} {m['solve_s']:>8.2f} {m['render_s']:>8.2f} "
            f"{m['rss_last_mib']:>8.0f}M {m['rss_peak_mib']:>8.0f}M {m['rss_growth_mib']:>6.0f}M "
            f"{m['processes']:>5}"
        )
        print(lines[-1] if len(lines) > 1 else f"{header}\n{lines[-1]}", flush=True)
    print(
        f"\n{args.clients} clients, 8 weeks, 3-4 days; solve and render are per plan, in a worker."
    )


if __name__ == "__main__":
    main()
