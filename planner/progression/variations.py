"""Variation progression between blocks: which exercise each template slot uses.

Bodyweight and band work moves to a harder variation at each new block; a beginner's
glute programme progresses the movement itself (glute bridge -> bodyweight hip thrust ->
barbell hip thrust, ``docs/training-rules.md``, "Progression"). A swap is kept only when
the week still meets the hard rules, asked of :mod:`thrustplan.rules.week_rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level
from thrustplan.planner.template import PlannedExercise, PlannedSession, WeeklyTemplate
from thrustplan.rules.bodyweight import below_ability
from thrustplan.rules.eligibility import exclusion_reason
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.sessions import role_of
from thrustplan.rules.slot_prescription import client_prescription
from thrustplan.rules.supersets import pairing_problem
from thrustplan.rules.volume import MAX_WEEKLY_SETS
from thrustplan.rules.week_rules import (
    TrialItem,
    TrialSession,
    TrialWeek,
    compounds_after_isolation,
    fits_time,
    heavy_back_to_back,
    repeated_exercises,
    repeated_week,
    session_seconds,
    sets_over_ceiling,
)


@dataclass(frozen=True)
class Choice:
    """The exercise a template slot uses in one block, and why it changed."""

    exercise: Exercise
    why: str = ""
    #: The template's exercise was swapped for an easier one for this block only.
    eased: bool = False


def trial_session(
    planned: PlannedSession, exercises: Sequence[Exercise], profile: ClientProfile
) -> TrialSession:
    """Session ``planned`` with ``exercises`` in its slots, as the week's rules read it: each
    slot keeps its sets and superset letter, and each exercise takes the rest it is
    prescribed in the role of the lift it stands in for (as progression prescribes it)."""

    def rest(x: Exercise, p: PlannedExercise) -> int:
        role = role_of(p.exercise, profile.goal, profile.rep_maxes)
        return client_prescription(x, profile, role).rest_seconds

    return TrialSession(
        planned.day,
        tuple(
            TrialItem.of(x, p.sets, rest(x, p), p.superset)
            for x, p in zip(exercises, planned.exercises, strict=True)
        ),
    )


def breaks_rules_anew(
    before: TrialWeek, after: TrialWeek, changed: int, profile: ClientProfile
) -> bool:
    """Whether week ``after``, which differs from ``before`` in session ``changed`` only,
    breaks a hard rule that the variation planner must keep.

    The changed session must hold no exercise twice, its compounds ahead of isolation work,
    and fit the client's minutes. Across the week (which repeats, Sunday to Monday
    included) no heavy session may newly follow another, and no muscle may go over the
    level's weekly ceiling or, if it was already over, further over.
    """
    session = after[changed]
    if repeated_exercises(session) or compounds_after_isolation(session):
        return True
    if not fits_time(session_seconds(session), profile.session_minutes):
        return True
    if not set(heavy_back_to_back(repeated_week(after))) <= set(
        heavy_back_to_back(repeated_week(before))
    ):
        return True
    over_before = sets_over_ceiling(before, profile.level, profile.goal)
    ceiling = MAX_WEEKLY_SETS[profile.level]
    return any(
        sets > over_before.get(m, ceiling)
        for m, sets in sets_over_ceiling(after, profile.level, profile.goal).items()
    )


@dataclass
class _VariationPlanner:
    profile: ClientProfile
    template: WeeklyTemplate
    catalogue: Catalogue
    #: Lifts whose working load is already known (from a log): never eased.
    known: frozenset[ExerciseId] = frozenset()
    #: choices[block][session][slot]
    choices: list[list[list[Choice]]] = field(default_factory=list)

    def trial_week(self, week: list[list[Exercise]]) -> list[TrialSession]:
        return [
            trial_session(planned, exercises, self.profile)
            for planned, exercises in zip(self.template.sessions, week, strict=True)
        ]

    def allowed(
        self,
        candidate: Exercise,
        session: int,
        slot: int,
        week: list[list[Exercise]],
    ) -> bool:
        """May ``candidate`` replace the exercise of ``slot`` in ``session``, given the rest
        of the week as it stands?"""
        profile = self.profile
        current = week[session][slot]
        if candidate.pattern != current.pattern or exclusion_reason(candidate, profile):
            return False
        if candidate.id in profile.dislikes or candidate.level.rank > profile.level.rank + 1:
            return False
        partner = partner_slot(self.template.sessions[session], slot)
        keys = (profile.goal, profile.rep_maxes)
        if partner is not None and pairing_problem(candidate, week[session][partner], *keys):
            return False
        trial = [list(xs) for xs in week]
        trial[session][slot] = candidate
        return not breaks_rules_anew(
            self.trial_week(week), self.trial_week(trial), session, profile
        )

    def first_allowed(
        self, ids: Sequence[ExerciseId], session: int, slot: int, week: list[list[Exercise]]
    ) -> Exercise | None:
        for candidate_id in ids:
            candidate = self.catalogue.get(candidate_id)
            if candidate is not None and self.allowed(candidate, session, slot, week):
                return candidate
        return None

    def first_block(
        self, template_x: Exercise, s: int, i: int, week: list[list[Exercise]], blocks: int
    ) -> Choice:
        """The first block's choice for a slot: the template's exercise, or an easier one
        to learn it on (a beginner's loaded hip thrust, unless the client named it, with a
        rep max or as a favourite: they know it and want it) or to build up to it (a
        chin-up the client cannot do yet)."""
        profile = self.profile
        learn_first = (
            blocks > 1
            and profile.level is Level.BEGINNER
            and template_x.is_hip_thrust_family
            and template_x.load_kind.external
            and template_x.id not in profile.rep_maxes
            and template_x.id not in profile.favourites
            and template_x.id not in self.known
        )
        if learn_first:
            easier = self.first_allowed(template_x.easier, s, i, week)
            if easier is not None:
                return Choice(
                    easier,
                    f"block 1: {easier.name.lower()} to learn the movement "
                    f"before {template_x.name.lower()}",
                    eased=True,
                )
        elif below_ability(template_x, profile.level):
            easier = self.first_allowed(template_x.easier, s, i, week)
            if easier is not None:
                return Choice(
                    easier,
                    f"block 1: {easier.name.lower()} to build up to {template_x.name.lower()}",
                    eased=True,
                )
        return Choice(template_x)

    def plan(self, blocks: int) -> list[list[list[Choice]]]:
        previous = [[Choice(p.exercise) for p in s.exercises] for s in self.template.sessions]
        for block in range(1, blocks + 1):
            week = [[c.exercise for c in s] for s in previous]
            chosen = [list(s) for s in previous]
            for s, session in enumerate(self.template.sessions):
                for i, planned in enumerate(session.exercises):
                    template_x = planned.exercise
                    before = previous[s][i]
                    choice = before
                    if block == 1:
                        choice = self.first_block(template_x, s, i, week, blocks)
                    elif before.eased:
                        if self.allowed(template_x, s, i, week):
                            done = (
                                "loaded variation, the movement learnt"
                                if template_x.load_kind.external
                                else f"{template_x.name.lower()} itself"
                            )
                            choice = Choice(template_x, f"block {block}: {done}")
                    elif not before.exercise.load_kind.external:
                        harder = self.first_allowed(before.exercise.harder, s, i, week)
                        if harder is not None:
                            choice = Choice(
                                harder,
                                f"block {block}: harder than {before.exercise.name.lower()}",
                            )
                    chosen[s][i] = choice
                    week[s][i] = choice.exercise
            self.choices.append(chosen)
            previous = chosen
        return self.choices


def plan_variations(
    profile: ClientProfile,
    template: WeeklyTemplate,
    catalogue: Catalogue,
    blocks: int,
    known: frozenset[ExerciseId] = frozenset(),
) -> list[list[list[Choice]]]:
    """The exercise of every template slot in every block: ``result[block - 1][session][slot]``.

    Bodyweight and band work moves to the first allowed ``harder`` variation at each new
    block; a beginner's loaded hip thrust is eased to an ``easier`` variation for the
    first block when the plan has more than one and neither the profile nor ``known``
    gives its load. A swap only goes to an exercise of the
    same pattern that the client has the equipment for, that the profile does not exclude
    or dislike, that is not already in the session, and that keeps the session within
    time, its compounds ahead of isolation work, the 48-hour spacing of heavy hip work and
    the weekly set ceiling.
    """
    return _VariationPlanner(profile, template, catalogue, known).plan(blocks)


def partner_slot(session: PlannedSession, index: int) -> int | None:
    """The slot of the other exercise in slot ``index``'s superset pair, if it is paired."""
    letter = session.exercises[index].superset
    if letter is None:
        return None
    return next(
        (j for j, p in enumerate(session.exercises) if j != index and p.superset == letter),
        None,
    )
