"""Progression schemes and the calendar: which scheme, which weeks deload, which phase.

Sources (``docs/training-rules.md``, "Progression"):

- Daily undulating vs linear: no difference in size (Grgic et al. 2017) nor strength
  (Harries et al. 2015); both are offered, the simpler one is the default.
- Deloads by need (``docs/progression.md``, "Deloads by need"): beginner programmes
  (Strong Curves, GZCLP, Starting Strength) schedule none, so a beginner's plan of up to
  12 weeks has none, in 4-week phases instead; the re-planner adds one after a stall.
  Intermediates take one about every 4-6 weeks (Rogerson et al. 2024: about 5-6; Bell
  et al. 2023); advanced lifters end every block with one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from thrustplan.exercise_db.models import Level
from thrustplan.rules.goals import Goal
from thrustplan.rules.profile import ClientProfile, ProgressionScheme

#: Names printed on the plan.
SCHEME_NAMES: Mapping[ProgressionScheme, str] = {
    ProgressionScheme.LINEAR: "linear",
    ProgressionScheme.DOUBLE: "double progression",
    ProgressionScheme.UNDULATING: "daily undulating",
    ProgressionScheme.BLOCK: "block (accumulation, intensification, deload)",
}
#: Weeks from one deload to the next, deload included (Rogerson et al. 2024: about 5-6;
#: strength blocks run 3 hard weeks and 1 light, a common practitioner rhythm).
DELOAD_EVERY: Mapping[ProgressionScheme, int] = {
    ProgressionScheme.LINEAR: 6,
    ProgressionScheme.DOUBLE: 5,
    ProgressionScheme.UNDULATING: 5,
    ProgressionScheme.BLOCK: 4,
}
#: Programmes longer than this end with a lighter week.
LONGEST_WITHOUT_FINAL_DELOAD = 6
#: A beginner's plan up to this long schedules no deload (beginner programmes have none).
BEGINNER_WEEKS_WITHOUT_DELOAD = 12
#: A beginner's phases (blocks without a deload) last at most this many weeks, as
#: Strong Curves' do; variations change between them.
BEGINNER_PHASE_WEEKS = 4
#: A beginner's plan this short is one phase.
ONE_PHASE_WEEKS = 5


def choose_scheme(profile: ClientProfile) -> ProgressionScheme:
    """The scheme for this client: the profile's choice, else one from goal and level.

    Double progression for glutes and hypertrophy at any level; linear for other
    beginners; block periodization for strength, daily undulating for general fitness.

    >>> from thrustplan.rules.profile import ClientProfile
    >>> def client(goal, level):
    ...     return ClientProfile(name="A", goal=goal, level=level, days_per_week=3,
    ...                          session_minutes=60)
    >>> choose_scheme(client("glutes", "beginner")).value
    'double'
    >>> choose_scheme(client("strength", "beginner")).value
    'linear'
    >>> choose_scheme(client("strength", "advanced")).value
    'block'
    >>> choose_scheme(client("general", "intermediate")).value
    'undulating'
    """
    if profile.progression is not None:
        return profile.progression
    if profile.goal in (Goal.GLUTES, Goal.HYPERTROPHY):
        return ProgressionScheme.DOUBLE
    if profile.level is Level.BEGINNER:
        return ProgressionScheme.LINEAR
    if profile.goal is Goal.STRENGTH:
        return ProgressionScheme.BLOCK
    return ProgressionScheme.UNDULATING


def deload_weeks(total: int, every: int) -> tuple[int, ...]:
    """Which weeks are deloads in a ``total``-week programme with one about every ``every``.

    A programme longer than 6 weeks is cut into near-equal blocks of at most ``every``
    weeks, each ending with a deload, so it also ends with a lighter week. A shorter one
    gets a deload only where a full ``every`` weeks fit before its last week.

    >>> deload_weeks(8, 5)
    (4, 8)
    >>> deload_weeks(12, 5)
    (4, 8, 12)
    >>> deload_weeks(12, 6)
    (6, 12)
    >>> deload_weeks(7, 5)
    (4, 7)
    >>> deload_weeks(6, 5), deload_weeks(6, 6), deload_weeks(3, 4)
    ((5,), (), ())
    """
    if total > LONGEST_WITHOUT_FINAL_DELOAD:
        return even_blocks(total, every)
    return tuple(range(every, total, every))


def even_blocks(total: int, longest: int) -> tuple[int, ...]:
    """The last week of each of the near-equal blocks of at most ``longest`` weeks that
    make up ``total`` weeks.

    >>> even_blocks(12, 4), even_blocks(10, 4), even_blocks(3, 4)
    ((4, 8, 12), (4, 7, 10), (3,))
    """
    blocks = math.ceil(total / longest)
    base, longer = divmod(total, blocks)
    ends, week = [], 0
    for index in range(blocks):
        week += base + (1 if index < longer else 0)
        ends.append(week)
    return tuple(ends)


def scheduled_deloads(
    scheme: ProgressionScheme, total: int, level: Level
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The deload weeks and the block ends of a ``total``-week plan at ``level``.

    >>> scheduled_deloads(ProgressionScheme.DOUBLE, 12, Level.BEGINNER)
    ((), (4, 8, 12))
    >>> scheduled_deloads(ProgressionScheme.DOUBLE, 12, Level.INTERMEDIATE)
    ((4, 8, 12), (4, 8, 12))
    >>> scheduled_deloads(ProgressionScheme.LINEAR, 16, Level.BEGINNER)
    ((6, 11, 16), (6, 11, 16))
    """
    if level is Level.BEGINNER and total <= BEGINNER_WEEKS_WITHOUT_DELOAD:
        if total <= ONE_PHASE_WEEKS:
            return (), (total,)
        return (), even_blocks(total, BEGINNER_PHASE_WEEKS)
    deloads = deload_weeks(total, DELOAD_EVERY[scheme])
    ends = deloads if deloads and deloads[-1] == total else (*deloads, total)
    return deloads, ends


PhaseKind = Literal["build", "accumulation", "intensification"]


@dataclass(frozen=True)
class WeekShape:
    """Where a week sits in the programme; everything progression needs to know about it."""

    number: int
    deload: bool
    #: 1-based block; a block ends with its deload. Variations change between blocks.
    block: int
    phase: int
    phase_name: str
    kind: PhaseKind
    #: Normal (non-deload) weeks before this one, in the whole programme.
    step: int
    #: Normal weeks before this one in its block, and how many normal weeks the block has.
    block_step: int
    block_weeks: int


def calendar(
    scheme: ProgressionScheme,
    total: int,
    level: Level = Level.INTERMEDIATE,
    *,
    deload_first: bool = False,
) -> tuple[WeekShape, ...]:
    """Every week of a ``total``-week programme under ``scheme`` for a client at ``level``;
    ``deload_first`` makes week 1 a lighter week (after a stall).

    >>> [(w.number, w.block, w.deload) for w in calendar(ProgressionScheme.DOUBLE, 5)]
    [(1, 1, False), (2, 1, False), (3, 1, False), (4, 1, False), (5, 1, False)]
    >>> weeks = calendar(ProgressionScheme.BLOCK, 8)
    >>> [(w.phase, w.kind[0], w.deload) for w in weeks]  # doctest: +NORMALIZE_WHITESPACE
    [(1, 'a', False), (1, 'a', False), (2, 'i', False), (2, 'i', True),
     (3, 'a', False), (3, 'a', False), (4, 'i', False), (4, 'i', True)]
    >>> [(w.block, w.deload) for w in calendar(ProgressionScheme.DOUBLE, 8, Level.BEGINNER)]
    [(1, False), (1, False), (1, False), (1, False), (2, False), (2, False), (2, False), (2, False)]
    >>> [w.deload for w in calendar(ProgressionScheme.DOUBLE, 4, deload_first=True)]
    [True, False, False, False]
    """
    deloads, ends = scheduled_deloads(scheme, total, level)
    if deload_first:
        deloads = (1, *deloads)
    shapes: list[WeekShape] = []
    start, step, phase = 1, 0, 0
    for block, end in enumerate(ends, start=1):
        weeks = list(range(start, end + 1))
        normal = [w for w in weeks if w not in deloads] or weeks
        if scheme is ProgressionScheme.BLOCK:
            accumulation = math.ceil(len(normal) / 2)
            kinds: list[PhaseKind] = [
                "accumulation" if i < accumulation else "intensification"
                for i in range(len(normal))
            ]
        else:
            kinds = ["build" for _ in normal]
        previous_kind: PhaseKind | None = None
        block_step = 0
        for week in weeks:
            deload = week in deloads
            kind = (
                previous_kind
                if deload and previous_kind
                else kinds[min(block_step, len(kinds) - 1)]
            )
            if kind != previous_kind:
                phase += 1
            shapes.append(
                WeekShape(
                    number=week,
                    deload=deload,
                    block=block,
                    phase=phase,
                    phase_name=(
                        kind.capitalize() if scheme is ProgressionScheme.BLOCK else f"Block {block}"
                    ),
                    kind=kind,
                    step=step,
                    block_step=min(block_step, len(normal)),
                    block_weeks=len(normal),
                )
            )
            previous_kind = kind
            if not deload:
                step += 1
                block_step += 1
        start = end + 1
    return tuple(shapes)
