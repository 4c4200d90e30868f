"""Running the command line on hostile input, as an attacker or a careless user would.

Every run goes through a subprocess with a time limit, so a hang fails the test instead of
stalling the suite; what it prints is checked for a Python traceback; the input files are
hashed before and after, so that a run that changes one is caught. The tests of ordinary
runs use :func:`run_thrustplan`, the same command without those checks.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: ``thrustplan`` itself: the installed entry point's code, run by this Python.
THRUSTPLAN_CLI = [sys.executable, "-c", "from thrustplan.app.cli import main; main()"]
#: Seconds a refused input may take, start-up included; the issue's hangs ran for minutes,
#: and a refusal needs about one second (the rest is headroom for a busy machine).
REFUSAL_LIMIT = 30
#: Seconds a run that plans and prints may take.
PLAN_LIMIT = 180
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
#: A small valid profile: two days, one week, so a run that plans stays short.
PROFILE = """\
name: Ana Ruiz
goal: glutes
level: beginner
days_per_week: 2
session_minutes: 30
weeks: 1
equipment: [bodyweight]
"""
#: The fewest fields a valid profile needs, as data: the base a fuzzed or broken one builds on.
VALID_FIELDS: dict[str, object] = {
    "name": "Ana",
    "goal": "glutes",
    "level": "beginner",
    "days_per_week": 2,
    "session_minutes": 30,
    "weeks": 1,
}


@dataclass(frozen=True)
class Run:
    """What one command did."""

    status: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def digest(paths: Iterable[Path]) -> dict[Path, str]:
    """Each file's SHA-256 (``"absent"`` when it does not exist), to compare before and after."""
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
        for path in paths
    }


def run_thrustplan(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``thrustplan ARGS``; what it printed and its exit status, whatever they are."""
    return subprocess.run([*THRUSTPLAN_CLI, *args], capture_output=True, text=True, check=False)


def thrustplan(*args: str, cwd: Path, limit: float = REFUSAL_LIMIT) -> Run:
    """Run ``thrustplan ARGS`` in ``cwd``; fails the test if it outlives ``limit`` seconds
    or prints a traceback."""
    try:
        done = subprocess.run(
            [*THRUSTPLAN_CLI, *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"thrustplan {' '.join(args)} ran over {limit} s") from error
    run = Run(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in run.text, run.text
    return run


def refused(*args: str, cwd: Path, inputs: Iterable[Path] = (), naming: str = "") -> Run:
    """Run a command that must be refused: exit 2, a message naming ``naming``, no traceback,
    no input changed."""
    files = list(inputs)
    before = digest(files)
    run = thrustplan(*args, cwd=cwd)
    assert run.status == 2, run.text
    assert "error:" in run.err, run.text
    assert naming in run.err, run.err
    assert digest(files) == before, "an input file changed"
    return run


def write(folder: Path, name: str, text: str) -> Path:
    """``text`` written to ``folder/name``; the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
