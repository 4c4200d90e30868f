"""Rendering speed: our programme PDF against a plain "floor" document, in one process.

    python benchmarks/render.py               # 4, 8, 12 weeks x 3, 4, 5 days, 5 runs each
    python benchmarks/render.py --repeat 9    # steadier medians
    python benchmarks/render.py --paper letter --weeks 12 --days 4

The programmes come from ``generate_program`` on the full-gym example profile, with its
weeks and days changed; a programme that cannot be generated falls back to the test
factory's (and the table says so). For each programme the floor is a document with the
same page count whose every page holds one plain table with as many cells as our
densest week page, styled by nothing but ``@page``: what WeasyPrint needs for that much
table with no design at all. One
:class:`~thrustplan.planner.output.render.Renderer` (fonts and compiled stylesheets)
serves every document, as a long-lived process would.

Times are wall-clock medians of ``--repeat`` runs after one warm-up run. Peak memory is
the process's peak resident set at the end, and the Python heap's peak during one
render of the largest programme (tracemalloc, measured in a separate untimed run).
The acceptance case is 12 weeks x 4 days: at most 24 pages, under 3 s, and at most 1.5x
the floor.
"""

from __future__ import annotations

import argparse
import math
import re
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thrustplan.app.inputs import load_profile  # noqa: E402
from thrustplan.exercise_db.catalogue import builtin_catalogue  # noqa: E402
from thrustplan.planner.output.render import PAPERS, Renderer  # noqa: E402
from thrustplan.rules.program import Program  # noqa: E402

PROFILE = ROOT / "examples" / "profiles" / "full-gym.yaml"
#: The acceptance case and its limits.
TARGET = {"weeks": 12, "days": 4, "pages": 24, "seconds": 3.0, "ratio": 1.5}
FLOOR_COLUMNS = 8


def program_for(weeks: int, days: int) -> tuple[Program, str]:
    """A generated programme of ``weeks`` x ``days``, or the test factory's if that fails."""
    catalogue = builtin_catalogue()
    try:
        from thrustplan.planner.pipeline import generate_program

        profile = load_profile(PROFILE).model_copy(
            update={"weeks": weeks, "days_per_week": days, "days": None}
        )
        return generate_program(profile, catalogue), "generated"
    except Exception as error:  # the benchmark should still say something useful
        print(f"  ({weeks}x{days}: generate_program failed: {error}; using the factory)")
        sys.path.insert(0, str(ROOT / "tests"))
        from program_factory import make_program

        return make_program(weeks=weeks, days=min(days, 5)), "factory"


def densest_week_cells(html: str) -> int:
    """Cells (td and th) of the fullest session table, i.e. of the densest week page."""
    tables = re.findall(r'<table class="log.*?</table>', html, flags=re.S)
    return max((len(re.findall(r"<t[dh][ >]", table)) for table in tables), default=0)


def floor_html(pages: int, cells: int) -> str:
    """``pages`` pages, each one unstyled table of ``cells`` short cells."""
    rows = math.ceil(cells / FLOOR_COLUMNS)
    parts = ["<!DOCTYPE html><html><head><title>floor</title></head><body>"]
    for page in range(pages):
        style = ' style="break-before: page"' if page else ""
        parts.append(f"<table{style}>")
        for row in range(rows):
            count = min(FLOOR_COLUMNS, cells - row * FLOOR_COLUMNS)
            parts.append("<tr>" + "".join(f"<td>{row}.{c} kg</td>" for c in range(count)))
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def median_time(run: object, repeat: int) -> float:
    assert callable(run)
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per document")
    parser.add_argument("--paper", choices=sorted(PAPERS), default="a4")
    parser.add_argument("--weeks", type=int, nargs="+", default=[4, 8, 12])
    parser.add_argument("--days", type=int, nargs="+", default=[3, 4, 5])
    args = parser.parse_args()

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    renderer = Renderer(paper=args.paper)
    catalogue = builtin_catalogue()
    font_config = FontConfiguration()
    page_rule = weasyprint.CSS(
        string=f"@page {{ size: {'A4' if args.paper == 'a4' else 'letter'}; "
        "margin: 13mm 12mm 10mm 12mm }",
        font_config=font_config,
    )

    print(
        f"WeasyPrint {weasyprint.__version__}, paper {args.paper}, "
        f"median of {args.repeat} runs (wall clock, seconds)"
    )
    header = f"{'programme':>12} {'source':>9} {'pages':>5} {'cells':>5} {'ours':>6} "
    header += f"{'floor':>6} {'ratio':>5}"
    print(header)
    results = {}
    largest: Program | None = None
    for weeks in args.weeks:
        for days in args.days:
            program, source = program_for(weeks, days)
            result = renderer.render(program, catalogue)
            cells = densest_week_cells(renderer.render_html(program, catalogue))
            floor = floor_html(result.pages, cells)

            def floor_pdf(floor: str = floor) -> int:
                document = weasyprint.HTML(string=floor).render(
                    stylesheets=[page_rule], font_config=font_config
                )
                document.write_pdf()
                return len(document.pages)

            floor_pages = floor_pdf()
            ours = median_time(lambda p=program: renderer.render(p, catalogue).pdf, args.repeat)
            base = median_time(floor_pdf, args.repeat)
            results[(weeks, days)] = (result.pages, ours, base)
            note = "" if floor_pages == result.pages else f" (floor has {floor_pages} pages)"
            print(
                f"{weeks:>4} wk x {days} d {source:>9} {result.pages:>5} {cells:>5} "
                f"{ours:>6.2f} {base:>6.2f} {ours / base:>5.2f}{note}",
                flush=True,
            )
            if largest is None or len(program.weeks) * days > len(largest.weeks) * len(
                largest.weeks[0].sessions
            ):
                largest = program

    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident set of this process: {peak_rss:.0f} MiB")
    if largest is not None:
        tracemalloc.start()
        renderer.render(largest, catalogue)
        _, heap = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        shape = f"{len(largest.weeks)} weeks x {len(largest.weeks[0].sessions)} days"
        print(f"Python heap peak while rendering {shape}: {heap / 2**20:.0f} MiB")

    key = (TARGET["weeks"], TARGET["days"])
    if key in results:
        pages, ours, base = results[key]
        verdicts = [
            f"pages {pages} <= {TARGET['pages']}: {'yes' if pages <= TARGET['pages'] else 'NO'}",
            f"{ours:.2f} s < {TARGET['seconds']} s: {'yes' if ours < TARGET['seconds'] else 'NO'}",
            f"{ours / base:.2f}x floor <= {TARGET['ratio']}x: "
            f"{'yes' if ours / base <= TARGET['ratio'] else 'NO'}",
        ]
        print("12 weeks x 4 days: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
