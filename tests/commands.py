"""The command line as a person runs it, from the tests' own interpreter."""

from __future__ import annotations

import subprocess
import sys

#: ``thrustplan`` itself: the installed entry point's code, run by this Python.
THRUSTPLAN_CLI = [sys.executable, "-c", "from thrustplan.app.cli import main; main()"]


def thrustplan(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``thrustplan ARGS``; what it printed and its exit status, whatever they are."""
    return subprocess.run([*THRUSTPLAN_CLI, *args], capture_output=True, text=True, check=False)
