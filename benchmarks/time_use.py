"""Time use on the solve grid: how many profiles' median session fills 75 % of the minutes.

Run: .venv/bin/python benchmarks/time_use.py [--quick] [--level LEVEL] [--details]

Grid: the one ``benchmarks/solve.py`` solves (days 2-6 x minutes 30/45/60/90 x five kits,
the goal turning with each profile), planned in full as the CLI plans them. For each
profile it measures the median normal session, warm-up included, as the coach's review
does (``thrustplan.rules.review.time_use``), and prints how many reach three quarters of
the client's minutes, how many fall short but state their real length and why (the
cover's ``session_length``), and, by session length, the median share of the minutes.
``--details`` lists every profile that falls short, with the reason the plan gives.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.solve import EQUIPMENT_SETS, GOALS
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.planner.model.solve import InfeasibleRequest
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.review.reading import normal_weeks, session_minutes
from thrustplan.rules.review.time_use import LEAST_SHARE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smaller grid")
    parser.add_argument("--level", default="intermediate", choices=[v.value for v in Level])
    parser.add_argument("--details", action="store_true", help="list the profiles short of 75 %")
    args = parser.parse_args()
    catalogue = builtin_catalogue()
    minutes_grid = [30, 60] if args.quick else [30, 45, 60, 90]
    days_grid = [2, 4, 6] if args.quick else [2, 3, 4, 5, 6]
    shares: dict[int, list[float]] = defaultdict(list)
    reached = stated = infeasible = count = 0
    short: list[str] = []
    started = time.perf_counter()
    for kit, equipment in EQUIPMENT_SETS.items():
        for days in days_grid:
            for minutes in minutes_grid:
                goal = GOALS[count % len(GOALS)]
                count += 1
                profile = ClientProfile(
                    name="Bench", goal=goal, level=args.level, days_per_week=days,
                    session_minutes=minutes, equipment=equipment,
                )  # fmt: skip
                try:
                    program = generate_program(profile, catalogue)
                except InfeasibleRequest:
                    infeasible += 1
                    continue
                lengths = [
                    session_minutes(s, catalogue) for w in normal_weeks(program) for s in w.sessions
                ]
                median = statistics.median(lengths)
                shares[minutes].append(median / minutes)
                if median >= LEAST_SHARE * minutes:
                    reached += 1
                    continue
                stated += program.session_length is not None
                short.append(
                    f"  {kit:16} {goal:12} {days} days {minutes:>2} min: median "
                    f"{median:.0f} min ({median / minutes:.0%}); "
                    f"{program.session_length or 'no length stated'}"
                )
    solved = count - infeasible
    print(f"Grid ({args.level}): {count} profiles, {solved} planned, {infeasible} infeasible "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
    print(f"  median session >= {LEAST_SHARE:.0%} of the minutes: {reached}/{solved}")
    print(f"  short of it, real length stated: {stated}/{solved - reached}")
    for minutes in minutes_grid:
        values = shares[minutes]
        if values:
            print(f"  {minutes:>2} min: median share {statistics.median(values):.0%}, "
                  f"lowest {min(values):.0%}")  # fmt: skip
    if args.details and short:
        print("\nShort of the mark:")
        print("\n".join(short))


if __name__ == "__main__":
    main()
