"""The batch runner in one process, with a stand-in renderer so no PDF is laid out.

The real renderer is exercised by ``test_batch_resume.py`` and ``test_batch_dask.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from thrustplan.app import batch
from thrustplan.app.batch import RECORD_NAME, BatchOptions, Status, run_batch
from thrustplan.app.cli.app import app
from thrustplan.app.roster import RosterRow
from thrustplan.planner.output.formats import Format
from thrustplan.planner.output.render import set_boxes_png

NOW = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
BASE = {
    "goal": "glutes",
    "level": "beginner",
    "days_per_week": 2,
    "session_minutes": 40,
    "weeks": 1,
    "equipment": ["dumbbells", "bench"],
    "start_date": "2027-01-04",
}


@dataclass(frozen=True)
class FakeResult:
    pdf: bytes
    pages: int


class FakeRenderer:
    """Counts the programmes it is asked to print, and prints a token for each."""

    def __init__(self) -> None:
        self.rendered: list[str] = []

    def render(
        self, program: Any, catalogue: Any, target: Path | None = None, *, logo: Any = None
    ) -> FakeResult:
        self.rendered.append(program.profile.name)
        return FakeResult(pdf=b"%PDF-fake " + program.profile.name.encode(), pages=3)

    def render_html(self, program: Any, catalogue: Any, *, logo: Any = None) -> str:
        return f"<p>{program.profile.name}</p>"


@pytest.fixture
def renderer(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRenderer]:
    fake = FakeRenderer()
    monkeypatch.setitem(batch._WARM, ("renderer", "a4", None), fake)
    yield fake


@dataclass(frozen=True)
class Run:
    out: Path
    report: batch.BatchReport


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """Every kind of row, every format, run once for the tests that only read the outputs."""
    out = tmp_path_factory.mktemp("batch")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(batch._WARM, ("renderer", "a4", None), FakeRenderer())
        yield Run(out, run_batch(rows(), options(out, formats=frozenset(Format))))


def rows() -> list[RosterRow]:
    return [
        RosterRow(2, {**BASE, "name": "Ana"}),
        RosterRow(3, {**BASE, "name": "Ana", "days_per_week": 3}),
        RosterRow(4, {**BASE, "name": "Bo", "equipment": ["hoverboard"]}),
        RosterRow(5, {k: v for k, v in {**BASE, "name": "Cy"}.items() if k != "days_per_week"}),
        RosterRow(6, {**BASE, "name": "Di", "session_minutes": 15}),
        RosterRow(7, {**BASE, "name": "<b>Zoe & Co</b>"}),
        RosterRow(8, {}, "rep_maxes: not valid JSON"),
    ]


def options(out: Path, **changes: Any) -> BatchOptions:
    return BatchOptions(out=out, now=NOW, **changes)


def summary(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_row_is_reported_and_bad_rows_do_not_stop_the_others(full_run: Run) -> None:
    tmp_path, report = full_run.out, full_run.report
    table = {r["row"]: r for r in summary(tmp_path)}
    assert [(r["row"], r["slug"], r["status"]) for r in summary(tmp_path)] == [
        ("2", "ana", "ok"),
        ("3", "ana-2", "ok"),
        ("4", "bo", "invalid"),
        ("5", "cy", "invalid"),
        ("6", "di", "infeasible"),
        ("7", "b-zoe-co-b", "ok"),
        ("8", "row-8", "invalid"),
    ]
    assert "equipment" in table["4"]["reason"] and "hoverboard" in table["4"]["reason"]
    assert table["5"]["reason"].startswith("days_per_week:")
    assert "minutes" in table["6"]["reason"]
    assert table["2"]["pdf"] == "ana/program.pdf" and table["2"]["pages"] == "3"
    assert table["4"]["pdf"] == ""
    assert not report.all_ok and report.count(Status.OK) == 3
    for slug in ("ana", "ana-2", "b-zoe-co-b"):
        names = sorted(p.name for p in (tmp_path / slug).iterdir())
        assert names == sorted([RECORD_NAME, *batch.output_names(set(Format))])
    assert not (tmp_path / "bo").exists()


def test_program_json_carries_the_batch_time_stamp(tmp_path: Path, renderer: FakeRenderer) -> None:
    run_batch(rows()[:1], options(tmp_path))
    program = json.loads((tmp_path / "ana" / "program.json").read_text(encoding="utf-8"))
    assert dt.datetime.fromisoformat(program["generated_at"]) == NOW


def test_the_index_prints_names_literally_and_links_each_pdf(full_run: Run) -> None:
    page = (full_run.out / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Zoe &amp; Co&lt;/b&gt;" in page
    assert "<b>Zoe" not in page
    assert '<a href="ana-2/program.pdf">' in page
    assert "3 ok, 1 infeasible, 3 invalid, 0 failed" in " ".join(page.split())


def test_resume_skips_finished_clients_and_redoes_changed_ones(
    tmp_path: Path, renderer: FakeRenderer
) -> None:
    roster = [rows()[i] for i in (0, 1, 2, 5)]
    run_batch(roster, options(tmp_path))
    first = summary(tmp_path)
    assert sorted(renderer.rendered) == sorted(["Ana", "Ana", "<b>Zoe & Co</b>"])
    renderer.rendered.clear()
    run_batch(roster, options(tmp_path), resume=True)
    assert renderer.rendered == []
    assert summary(tmp_path) == first
    changed = list(roster)
    changed[0] = RosterRow(2, {**BASE, "name": "Ana", "session_minutes": 45})
    (tmp_path / "ana-2" / "program.pdf").unlink()
    (tmp_path / "ana-2" / ".program.pdf.x.tmp").write_bytes(b"half, from a killed run")
    run_batch(changed, options(tmp_path), resume=True)
    assert sorted(renderer.rendered) == ["Ana", "Ana"]
    assert not list((tmp_path / "ana-2").glob("*.tmp"))


def test_resume_runs_again_when_another_format_is_asked_for(
    tmp_path: Path, renderer: FakeRenderer
) -> None:
    run_batch(rows()[:1], options(tmp_path))
    run_batch(rows()[:1], options(tmp_path, formats=frozenset({Format.CSV})), resume=True)
    assert renderer.rendered == ["Ana", "Ana"]
    assert (tmp_path / "ana" / "program.csv").is_file()


def test_a_program_failing_the_checker_is_not_written(
    tmp_path: Path, renderer: FakeRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thrustplan.rules import checker

    def broken(program: Any, catalogue: Any) -> list[checker.Violation]:
        return [checker.Violation("session_fits_time", "too long", week=1, day="mon")]

    monkeypatch.setattr("thrustplan.planner.pipeline.check_program", broken)
    report = run_batch(rows()[:1], options(tmp_path))
    (result,) = report.results
    assert result.status is Status.FAILED
    assert result.reason.startswith("checker: [session_fits_time] week 1 mon")
    assert renderer.rendered == []
    assert not (tmp_path / "ana").exists()


def test_a_format_needing_a_missing_field_makes_the_row_invalid(
    tmp_path: Path, renderer: FakeRenderer
) -> None:
    undated = RosterRow(2, {k: v for k, v in {**BASE, "name": "Ana"}.items() if k != "start_date"})
    report = run_batch([undated], options(tmp_path, formats=frozenset({Format.ICS})))
    (result,) = report.results
    assert result.status is Status.INVALID and result.reason.startswith("start_date:")
    assert not (tmp_path / "ana").exists()


def test_a_render_error_fails_only_that_client(
    tmp_path: Path, renderer: FakeRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = renderer.render

    def picky(
        program: Any, catalogue: Any, target: Path | None = None, *, logo: Any = None
    ) -> FakeResult:
        if program.profile.days_per_week == 3:
            raise ValueError("logo: no such file")
        return real(program, catalogue, target)

    monkeypatch.setattr(renderer, "render", picky)
    report = run_batch(rows()[:2], options(tmp_path))
    assert [(r.slug, r.status.value) for r in report.results] == [
        ("ana", "ok"),
        ("ana-2", "failed"),
    ]
    assert report.results[1].reason == "ValueError: logo: no such file"


def test_a_logo_outside_the_allowed_folders_makes_the_row_invalid_before_the_solve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logo = tmp_path / "elsewhere" / "logo.png"
    logo.parent.mkdir()
    logo.write_bytes(set_boxes_png(1, 2))
    solved: list[str] = []
    monkeypatch.setattr(
        "thrustplan.planner.pipeline.generate_program", lambda p, *a, **k: solved.append(p)
    )
    row = RosterRow(7, {**BASE, "name": "Ana", "trainer": {"logo": str(logo)}})
    clients = tmp_path / "clients"
    report = run_batch([row], options(tmp_path / "out", logo_folders=(clients,)))
    (result,) = report.results
    assert result.status is Status.INVALID, result.reason
    assert result.reason.startswith(f"trainer.logo: {logo} lies outside the folders a logo")
    assert f"({clients})" in result.reason
    assert solved == [] and not (tmp_path / "out" / "ana").exists()


def test_the_dask_runner_explains_a_missing_install(
    tmp_path: Path, renderer: FakeRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_distributed(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(batch.BatchError, match=r"pip install 'thrustplan\[dask\]'"):
        run_batch(rows()[:1], options(tmp_path), dask_address="tcp://127.0.0.1:1")


def test_cli_exit_statuses(tmp_path: Path, renderer: FakeRenderer) -> None:
    runner = CliRunner()
    good = tmp_path / "good.csv"
    good.write_text(
        "name,goal,level,days_per_week,session_minutes,weeks,equipment\n"
        "Ana,glutes,beginner,2,40,1,dumbbells;bench\n",
        encoding="utf-8",
    )
    args = ["batch", str(good), "--out", str(tmp_path / "a"), "--workers", "1"]
    result = runner.invoke(app, [*args, "--now", "2027-01-04T09:00:00"])
    assert result.exit_code == 0, result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text() + "Bo,glutes,beginner,2,40,1,hoverboard\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(bad), "--out", str(tmp_path / "b"), "--workers", "1"])
    assert result.exit_code == 1
    assert "row 3 Bo: invalid: equipment" in result.output
    result = runner.invoke(app, ["batch", str(tmp_path / "nope.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_summary_csv_is_plain_csv(full_run: Run) -> None:
    text = batch.summary_csv(full_run.report)
    assert text.splitlines()[0] == ",".join(batch.SUMMARY_COLUMNS)
    assert list(csv.reader(io.StringIO(text)))[6][1] == "<b>Zoe & Co</b>"
