"""The web workspace under load, on loopback: page latency, a plan through the API against
the command line, and a burst of plan requests against the batch.

    python benchmarks/serve.py                  # 20 users, 50 plans at once
    python benchmarks/serve.py --burst 10       # a quicker look

It starts ``thrustplan serve`` (SQLite in a temporary folder, two workers, one page
process unless ``--processes`` says more) and measures:

1. page p95: 20 users, all signed in first, browsing at once with no pause between
   pages (client list, a client, a plan page, the client search), each request timed
   from send to last byte; the plan workers are idle then, as while a trainer browses;
2. one plan through the API (POST, then poll every 20 ms until done) against
   ``thrustplan plan`` of the same profile as a fresh process;
3. 50 plan requests posted at once: every job must finish, each with one plan; the rate
   is compared with ``run_batch`` planning the same 50 clients with two workers.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2
import yaml

from thrustplan.app.batch import BatchOptions, Status, run_batch

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from batch import clients

from tests.web_factory import free_port, start_server

ROOT = Path(__file__).resolve().parents[1]
THRUSTPLAN = str(Path(sys.executable).with_name("thrustplan"))
PROFILE = ROOT / "examples" / "profiles" / "full-gym.yaml"
PASSWORD = "benchmark password"


def sign_in(base: str) -> httpx2.Client:
    browser = httpx2.Client(base_url=base, timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/login").text)
    assert token
    data = {"email": "bench@example.com", "password": PASSWORD, "csrf_token": token.group(1)}
    assert browser.post("/login", data=data).status_code in (200, 303)
    return browser


def wait(api: httpx2.Client, job_id: int, poll: float = 0.02) -> dict[str, Any]:
    while True:
        job: dict[str, Any] = api.get(f"/api/v1/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(poll)


def plan_through_api(api: httpx2.Client) -> tuple[float, int, int]:
    """Seconds from the plan request to its job done, the client and the plan."""
    profile = json.loads(json.dumps(yaml.safe_load(PROFILE.read_text()), default=str))
    client_id = api.post("/api/v1/clients", json=profile).json()["id"]
    started = time.perf_counter()
    job = wait(api, api.post(f"/api/v1/clients/{client_id}/plans").json()["job_id"])
    assert job["status"] == "done", job
    return time.perf_counter() - started, client_id, job["plan_id"]


def plan_through_cli(folder: Path) -> float:
    started = time.perf_counter()
    out = ["-o", str(folder / "cli.pdf"), "--json", str(folder / "cli.json")]
    subprocess.run([THRUSTPLAN, "plan", str(PROFILE), *out], check=True, capture_output=True)
    return time.perf_counter() - started


def browse(browser: httpx2.Client, urls: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            answer = browser.get(url)
            times.append(time.perf_counter() - started)
            assert answer.status_code == 200, (url, answer.status_code)
    return times


def burst(api_headers: dict[str, str], base: str, count: int) -> tuple[float, list[dict[str, Any]]]:
    """``count`` plan requests posted at once; seconds until all are done, and the jobs."""
    api = httpx2.Client(base_url=base, headers=api_headers, timeout=60)
    ids = [api.post("/api/v1/clients", json=row.fields).json()["id"] for row in clients(count)]

    def post(client_id: int) -> int:
        with httpx2.Client(base_url=base, headers=api_headers, timeout=60) as own:
            job_id: int = own.post(f"/api/v1/clients/{client_id}/plans").json()["job_id"]
            return job_id

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        job_ids = list(pool.map(post, ids))
    jobs = [wait(api, job_id, poll=0.2) for job_id in job_ids]
    return time.perf_counter() - started, jobs


def batch_seconds(count: int, folder: Path) -> float:
    options = BatchOptions(out=folder / "batch", now=dt.datetime(2027, 1, 4, tzinfo=dt.UTC))
    started = time.perf_counter()
    report = run_batch(clients(count), options, workers=2)
    assert all(r.status is Status.OK for r in report.results)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--processes", type=int, default=1, help="page processes of serve")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'bench.db'}"
        add = [THRUSTPLAN, "users", "add", "bench@example.com", "--db", url]
        subprocess.run(add, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
        token = subprocess.run(
            [THRUSTPLAN, "users", "token", "bench@example.com", "--db", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        headers = {"Authorization": f"Bearer {token}"}
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(folder, url, port, args.processes, workers=2)
        try:
            api = httpx2.Client(base_url=base, headers=headers, timeout=60)
            plan_through_api(api)  # the workers' first plan warms them; not counted
            api_seconds, client_id, plan_id = plan_through_api(api)
            cli_seconds = plan_through_cli(folder)
            print(
                f"plan of {PROFILE.name}: API {api_seconds:.2f} s, CLI {cli_seconds:.2f} s "
                f"(ratio {api_seconds / cli_seconds:.2f})"
            )

            urls = ["/clients", f"/clients/{client_id}", f"/plans/{plan_id}", "/clients?q=sam"]
            # Everyone signs in first: a sign-in is a deliberately slow password hash,
            # done once a session, and it is not what browsing costs.
            browsers = [sign_in(base) for _ in range(args.users)]
            with concurrent.futures.ThreadPoolExecutor(args.users) as pool:
                runs = pool.map(lambda browser: browse(browser, urls, args.rounds), browsers)
                times = sorted(t for run in runs for t in run)
            p95 = statistics.quantiles(times, n=100)[94]
            print(
                f"pages: {len(times)} requests by {args.users} users, "
                f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
            )

            seconds, jobs = burst(headers, base, args.burst)
            done = sum(job["status"] == "done" for job in jobs)
            plans = len({job["plan_id"] for job in jobs if job["plan_id"]})
            print(
                f"burst: {args.burst} posted at once, {done} done, {plans} distinct plans, "
                f"{args.burst / seconds * 60:.1f} plans/min over {seconds:.1f} s"
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        batch = batch_seconds(args.burst, folder)
        print(
            f"batch: the same {args.burst} clients, 2 workers: "
            f"{args.burst / batch * 60:.1f} plans/min over {batch:.1f} s"
        )


if __name__ == "__main__":
    main()
