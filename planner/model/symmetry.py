"""Search aids that are not training rules: sessions of interchangeable days in a fixed
order, so that the solver proves a week once rather than once per order of its days.
"""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from thrustplan.planner.model.candidates import ModelInput
from thrustplan.planner.model.rule_model import RuleModel


def interchangeable_days(data: ModelInput) -> list[list[int]]:
    """Groups of days whose sessions could swap without any rule noticing: the same focus
    and skeleton, the same training days beside them (heavy work on consecutive days
    tells days apart), no lift whose later sessions of a week are light days
    (``Candidate.light_sets``: which session is the light one follows the days' order),
    and no trainer's include naming the day (ordering it among its twins could leave the
    include only a worse week). Groups of two or more, days in split order."""
    days = data.split.days
    named = {wanted.day for wanted in data.profile.include if wanted.day is not None}

    def ordered(d: int) -> bool:
        return any(c.light_sets is not None for slot in data.slot_options(d) for c in slot)

    def beside(a: int) -> set[int]:
        return {
            b
            for b in range(len(days))
            if b != a
            and 1 in (days[a].day.days_until(days[b].day), days[b].day.days_until(days[a].day))
        }

    groups: list[list[int]] = []
    for d, day in enumerate(days):
        if ordered(d) or day.day in named:
            continue
        for group in groups:
            first = group[0]
            same = days[first].focus == day.focus and data.slots.get(first) == data.slots.get(d)
            if same and all(beside(g) - {d} == beside(d) - {g} for g in group):
                group.append(d)
                break
        else:
            groups.append([d])
    return [g for g in groups if len(g) > 1]


def _slot_keys(m: RuleModel, d: int) -> list[cp_model.LinearExpr]:
    """Each slot of day ``d`` as a number: its exercise's place among the candidates
    (one-based), 0 when the slot is empty."""
    rank = {c.id: i + 1 for i, c in enumerate(m.vars.candidates())}
    return [
        cp_model.LinearExpr.weighted_sum(m.vars.slot_fill(d, s), [rank[c.id] for c in options])
        for s, options in enumerate(m.data.slot_options(d))
    ]


def _lex_not_below(
    m: RuleModel, high: list[cp_model.LinearExpr], low: list[cp_model.LinearExpr]
) -> None:
    """``high`` is lexicographically at least ``low``: ``tied[s]`` says the two agree on
    every slot before ``s``; while tied, ``high`` is not below ``low``, and it is above
    it where the tie ends."""
    tied = m.model.new_constant(1)
    for s, (a, b) in enumerate(zip(high, low, strict=True)):
        m.model.add(a >= b).only_enforce_if(tied)
        after = m.model.new_bool_var(f"tied[{s}]")
        m.model.add_implication(after, tied)
        m.model.add(a == b).only_enforce_if(after)
        m.model.add(a >= b + 1).only_enforce_if([tied, ~after])
        tied = after


def break_day_symmetry(m: RuleModel) -> None:
    """Among interchangeable days, sessions come in a fixed order: each day's slots, read
    as the numbers of :func:`_slot_keys`, are lexicographically at least the next day's.
    Any plan can be reordered so, and the solver no longer proves the same week once for
    every order of its sessions.

    Not a training rule and never guarded; added only where a plan is searched for, so
    that tests may fix any day's session as they please.
    """
    for group in interchangeable_days(m.data):
        if not m.vars.slots(group[0]):
            continue
        keys = [_slot_keys(m, d) for d in group]
        for earlier, later in itertools.pairwise(keys):
            _lex_not_below(m, earlier, later)
