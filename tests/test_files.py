"""Output files appear whole, readable by others, or not at all."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from thrustplan.planner.output.files import write_atomically


def test_written_file_is_whole_and_readable_by_all(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.json"
    write_atomically(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["plan.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("thrustplan.planner.output.files.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
