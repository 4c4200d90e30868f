"""Write the replan example: a plan from ``logs/sample-profile.yaml`` and a 9-week log.

Run from the repository root: ``python examples/make_sample_log.py``. It writes
``logs/sample-plan.json`` (the plan, as ``thrustplan plan --json`` would), ``logs/sample-log.csv``
(what the client lifted) and ``logs/bad-rows.csv`` (the same log with nine broken rows).
The client in the log:

- beats the hip thrust: heavier than planned every session, ending at 4 x 10 at 60 kg
  with 1-2 reps in reserve;
- misses the second loaded lift in the last two sessions it appears in (two reps short);
- does every other lift as planned, holds included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.profile import parse_profile
from thrustplan.rules.program import ExerciseEntry, Program

LOGS = Path(__file__).resolve().parent / "logs"
HEADER = "week,day,exercise_id,set,load,reps,rir"
THRUST = "barbell_hip_thrust"
#: The hip thrust climbs from 40 kg to this, 10 reps a set.
THRUST_TOP = 60.0


def _thrust(week: int, weeks: int, entry: ExerciseEntry) -> list[tuple[float, int, int]]:
    """Heavier than planned: 40 kg in week 1 to 60 kg in the last week, 10 reps."""
    load = 40 + (THRUST_TOP - 40) * (week - 1) / max(weeks - 1, 1)
    load = max(2.5 * round(load / 2.5), entry.load or 0)
    reserve = [2, 2, 1, 1] if week == weeks else [2] * entry.sets
    return [
        (load, max(10, entry.target_reps), reserve[i % len(reserve)]) for i in range(entry.sets)
    ]


def log_lines(program: Program) -> list[str]:
    """The log of a client who beats the thrust and stalls on one other lift."""
    loaded = [
        e.exercise_id
        for w in program.weeks
        for s in w.sessions
        for e in s.exercises
        if e.load is not None and e.exercise_id != THRUST
    ]
    stalls = loaded[0]
    stall_sessions = [
        (w.number, s.day) for w in program.weeks for s in w.sessions
        if any(e.exercise_id == stalls for e in s.exercises)
    ][-2:]  # fmt: skip
    weeks = len(program.weeks)
    lines = [HEADER]
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                if entry.exercise_id == THRUST:
                    sets = _thrust(week.number, weeks, entry)
                else:
                    short = (
                        2
                        if entry.exercise_id == stalls
                        and (week.number, session.day) in stall_sessions
                        else 0
                    )
                    sets = [(entry.load or 0, entry.target_reps - short, entry.rir)] * entry.sets
                for number, (load, reps, rir) in enumerate(sets, start=1):
                    shown = f"{load:g}" if entry.load is not None else ""
                    lines.append(
                        f"{week.number},{session.day.value},{entry.exercise_id},{number},"
                        f"{shown},{reps},{rir}"
                    )
    return lines


def bad_lines(good: list[str], program: Program) -> list[str]:
    """The good log with nine rows that cannot be used, at fixed line numbers."""
    first = good[1].split(",")
    week2 = program.weeks[1].sessions
    unloaded = next(
        (e.exercise_id for e in week2[-1].exercises if e.load is None),
        week2[-1].exercises[-1].exercise_id,
    )
    planned = {e.exercise_id for s in program.weeks[4].sessions for e in s.exercises}
    stranger = next(
        i for i in ("leg_extension", "dumbbell_frog_pump", "back_squat") if i not in planned
    )
    thrust = next(line for line in good[60:] if f",{THRUST}," in line).split(",")
    bad = {
        6: ",".join([*first[:4], "-35", *first[5:]]),
        11: ",".join([*first[:3], "5", first[4], "500", first[6]]),
        17: f"2,{week2[0].day.value},banana_press,1,20,10,2",
        24: f"2,{week2[-1].day.value},{unloaded},1,,,2",
        35: ",".join(["12", *thrust[1:]]),
        46: ",".join([thrust[0], "funday", *thrust[2:]]),
        61: "",  # a repeat of the line before it
        68: ",".join([*thrust[:3], "2", "forty", *thrust[5:]]),
        79: f"5,{program.weeks[4].sessions[-1].day.value},{stranger},1,,9,2",
    }
    lines = list(good)
    for number in sorted(bad):
        lines.insert(number - 1, bad[number] or lines[number - 2])
    return lines


def main() -> None:
    data = yaml.safe_load((LOGS / "sample-profile.yaml").read_text(encoding="utf-8"))
    profile = parse_profile(data, "sample-profile.yaml")
    program = generate_program(
        profile, builtin_catalogue(), now=dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    )
    (LOGS / "sample-plan.json").write_text(program.model_dump_json(indent=2) + "\n")
    good = log_lines(program)
    (LOGS / "sample-log.csv").write_text("\n".join(good) + "\n")
    (LOGS / "bad-rows.csv").write_text("\n".join(bad_lines(good, program)) + "\n")


if __name__ == "__main__":
    main()
