"""A 30-row roster with 3 bad rows, killed with SIGKILL midway and resumed.

Runs the real command in a subprocess with real PDFs; programmes are one week of two
days so that the whole test stays within a few tens of seconds.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import time
from pathlib import Path

from pypdf import PdfReader

from tests.hostile_cli import THRUSTPLAN_CLI
from thrustplan.app.batch import RECORD_NAME

HEADER = "name,goal,level,days_per_week,session_minutes,weeks,equipment,start_date\n"
KITS = ("dumbbells;bench", "mini bands;mat", "barbell;bench;squat rack", "bands;box")
GOALS = ("glutes", "hypertrophy", "strength", "general")
BAD_ROWS = {
    9: "Bad Kit,glutes,beginner,2,40,1,dumbbells;hoverboard,2027-01-04",
    17: "No Days,glutes,beginner,,40,1,dumbbells,2027-01-04",
    25: "Too Short,glutes,beginner,2,15,1,dumbbells;bench,2027-01-04",
}


def write_roster(path: Path) -> None:
    lines = [HEADER]
    for row in range(2, 32):
        if row in BAD_ROWS:
            lines.append(BAD_ROWS[row] + "\n")
            continue
        # Two clients share each name, so slugs must be told apart.
        name = f"Client {row // 2}"
        goal, kit = GOALS[row % 4], KITS[row % 4]
        lines.append(f"{name},{goal},beginner,2,40,1,{kit},2027-01-04\n")
    path.write_text("".join(lines), encoding="utf-8")


def command(roster: Path, out: Path, *extra: str) -> list[str]:
    return [*THRUSTPLAN_CLI, "batch", str(roster), "--out", str(out), "--workers", "2"]


def records(out: Path) -> dict[str, tuple[int, int]]:
    """Each finished client's PDF, by folder: (inode, mtime) change if it is written again."""
    found = {}
    for record in out.glob(f"*/{RECORD_NAME}"):
        pdf = record.parent / "program.pdf"
        stat = pdf.stat()
        found[record.parent.name] = (stat.st_ino, stat.st_mtime_ns)
    return found


def test_a_killed_batch_resumes_and_finishes_each_client_once(tmp_path: Path) -> None:
    roster, out = tmp_path / "roster.csv", tmp_path / "out"
    write_roster(roster)
    first = subprocess.Popen(
        [*command(roster, out), "--now", "2027-01-01T00:00:00+00:00"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while len(records(out)) < 3 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        # The whole process group, workers included: as when the machine goes down.
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    before = records(out)
    assert 3 <= len(before) < 27, "kill the run while it is midway"
    assert not (out / "summary.csv").exists()

    second = subprocess.run(
        [*command(roster, out), "--resume", "--now", "2027-01-01T00:00:00+00:00"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 1, second.stderr
    after = records(out)
    assert len(after) == 27
    assert {slug: after[slug] for slug in before} == before, "a finished client was redone"
    with (out / "summary.csv").open(encoding="utf-8", newline="") as stream:
        summary = list(csv.DictReader(stream))
    assert len(summary) == 30
    bad = {int(r["row"]): (r["status"], r["reason"]) for r in summary if r["status"] != "ok"}
    assert sorted(bad) == sorted(BAD_ROWS)
    assert bad[9][0] == "invalid" and "hoverboard" in bad[9][1]
    assert bad[17][0] == "invalid" and bad[17][1].startswith("days_per_week:")
    assert bad[25][0] == "infeasible"
    assert len({r["slug"] for r in summary}) == 30
    for folder in out.iterdir():
        if folder.is_dir():
            assert not list(folder.glob("*.tmp")), f"{folder.name}: temporary file left"
            if (folder / RECORD_NAME).exists():
                assert len(PdfReader(folder / "program.pdf").pages) >= 1
