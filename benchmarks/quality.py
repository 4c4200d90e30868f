"""Plan quality on the review panel: what a coach would send back, rule by rule.

Run: .venv/bin/python benchmarks/quality.py [--panel DIR] [--catalogue FILE] [--details]

Plans every profile of the panel (``tests/panel`` by default), runs the independent
checker (``thrustplan check``) and the coach's review (``thrustplan review``) on it, and
prints two tables: per review rule, how many plans it affects and how many findings it
makes in all; per profile, the check violations, the review findings and the rules hit.
``--details`` adds the first finding of each rule for each profile. The aim is a panel
that passes both; the figures measure how far the model is from it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import load_catalogue
from thrustplan.planner.model.solve import InfeasibleRequest
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.checker import check_program
from thrustplan.rules.review import REVIEWS, Finding, review_program

PANEL = Path(__file__).resolve().parents[1] / "tests" / "panel"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--panel", type=Path, default=PANEL, help="folder of profile YAMLs")
    parser.add_argument("--catalogue", type=Path, help="catalogue merged over the built-in one")
    parser.add_argument("--details", action="store_true", help="first finding of each rule")
    args = parser.parse_args()
    catalogue = load_catalogue(args.catalogue)
    files = sorted(args.panel.glob("*.yaml"))
    plans: dict[str, int] = Counter()
    totals: dict[str, int] = Counter()
    rows: list[tuple[str, str, int, int, str]] = []
    details: list[str] = []
    clean = infeasible = 0
    started = time.perf_counter()
    for path in files:
        try:
            program = generate_program(load_profile(path), catalogue)
        except InfeasibleRequest as error:
            infeasible += 1
            rows.append((path.stem, "infeasible", 0, 0, str(error).splitlines()[0]))
            continue
        violations = check_program(program, catalogue)
        findings = review_program(program, catalogue)
        by_rule: dict[str, list[Finding]] = {}
        for finding in findings:
            by_rule.setdefault(finding.rule, []).append(finding)
        for rule, found in by_rule.items():
            plans[rule] += 1
            totals[rule] += len(found)
            details.append(f"  {path.stem}: {found[0]}")
        clean += not violations and not findings
        hit = ", ".join(f"{rule} {len(found)}" for rule, found in by_rule.items())
        rows.append((path.stem, "planned", len(violations), len(findings), hit or "-"))
    seconds = time.perf_counter() - started

    panel = f"{args.panel.parent.name}/{args.panel.name}"
    print(f"Panel {panel}: {len(files)} profiles, {infeasible} infeasible, "
          f"{clean} pass check and review ({seconds:.0f} s)")  # fmt: skip
    print(f"\n{'review rule':28} {'plans':>5} {'findings':>8}")
    for rule in REVIEWS:
        print(f"{rule:28} {plans[rule]:>5} {totals[rule]:>8}")
    print(f"{'all rules':28} {sum(1 for r in rows if r[3]):>5} {sum(totals.values()):>8}")
    width = max(len(r[0]) for r in rows)
    print(f"\n{'profile':{width}} {'check':>5} {'review':>6}  rules hit (findings)")
    for name, status, violations, count, hit in rows:
        if status != "planned":
            print(f"{name:{width}} {status}: {hit}")
            continue
        print(f"{name:{width}} {violations:>5} {count:>6}  {hit}")
    if args.details:
        print("\nFirst finding of each rule, per profile:")
        print("\n".join(details))


if __name__ == "__main__":
    main()
