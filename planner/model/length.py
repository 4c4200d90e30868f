"""Why sessions run short: the hard rules that stop a session from holding one more
exercise, and the sentence the programme prints about it.

The model fills the client's minutes where it can (``use_the_time``); where a session
still ends well before them, a coach says so and says why, rather than printing the
booked length. The reason is found, not guessed: the finished week is fixed, one more
exercise is asked of the short session, and the rules that refuse it are named by the
same deletion search that explains an impossible request.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.planner.model.candidates import ModelInput
from thrustplan.planner.model.rule_model import RuleModel
from thrustplan.planner.model.rulebook import build
from thrustplan.planner.model.solve import (
    SolverSettings,
    _parameters,
    infeasible_with,
    shrink_conflict,
)
from thrustplan.planner.template import WeeklyTemplate
from thrustplan.rules.program import Program
from thrustplan.rules.review.reading import normal_weeks, session_minutes
from thrustplan.rules.timing import TIME_USED_PERCENT

#: What each rule that can stop a session early means to the client.
_WHY: dict[str, str] = {
    "weekly_sets_ceiling": "one more exercise would take a muscle past the {ceiling} weekly "
    "sets {a_level} lifter recovers from",
    "pull_push_balance": "one more exercise would tip the balance of pulling and pushing",
    "session_size": "a session holds eight exercises at most",
    "no_duplicate_variants": "the only exercises left would repeat a movement the session "
    "already holds",
    "one_hip_thrust_per_session": "the only exercises left are a second hip thrust",
    "heavy_sessions_apart": "the only exercises left are heavy hip work that needs 48 hours "
    "after the day before",
}
#: When no rule is to blame: the session's skeleton has no place left to fill.
_SLOTS_FULL = "the sessions already hold an exercise for every place a coach would write"


def _stoppers(
    data: ModelInput, template: WeeklyTemplate, day: int, settings: SolverSettings
) -> list[str]:
    """The hard rules that refuse day ``day`` one more exercise, the rest of the week as
    ``template`` has it; none when the day could take one (the model chose not to), and
    ``[""]`` when only the day's slots forbid it."""
    m = build(data, guarded=True)
    v = m.vars
    chosen = {d: {p.exercise.id for p in s.exercises} for d, s in enumerate(template.sessions)}
    for d in v.days:
        for c in v.candidates():
            if c.id in chosen[d]:
                v.fix(d, c, True)
            elif d != day:
                v.fix(d, c, False)
    count = sum(v.is_assigned(day, c) for c in v.candidates())
    m.model.add(count >= len(chosen[day]) + 1)
    return _core(m, settings)


def _core(m: RuleModel, settings: SolverSettings) -> list[str]:
    solver = _parameters(settings)
    names = list(m.guards)
    if not infeasible_with(m, solver, names):
        return []
    if infeasible_with(m, solver, []):
        return [""]
    return shrink_conflict(m, solver, names)


def _reason(names: Sequence[str], data: ModelInput) -> str:
    level = data.profile.level.value
    a_level = f"an {level}" if level[0] in "aeiou" else f"a {level}"
    words = [
        _WHY.get(name, _SLOTS_FULL if not name else name.replace("_", " ")).format(
            ceiling=data.max_weekly_sets, a_level=a_level
        )
        for name in names
    ]
    return " and ".join(dict.fromkeys(words))


def length_note(
    data: ModelInput,
    template: WeeklyTemplate,
    program: Program,
    catalogue: Catalogue,
    settings: SolverSettings | None = None,
) -> str | None:
    """The sentence that states the real length of the sessions and why, or None when the
    median normal session uses at least three quarters of the client's minutes, or when
    a short session could have held more (then nothing but taste stopped it, and there is
    no true reason to print).

    The length is the median normal session of ``program`` with its warm-up, as the
    review measures it (``thrustplan.rules.review.reading.session_minutes``).
    """
    settings = settings or SolverSettings()
    booked = data.profile.session_minutes
    lengths = [session_minutes(s, catalogue) for w in normal_weeks(program) for s in w.sessions]
    if not lengths:
        return None
    median = round(statistics.median(lengths))
    if 100 * median >= TIME_USED_PERCENT * booked:
        return None
    # The short days as the programme measures them: the template rounds each session up
    # to the minute, and a day that rounds past the mark would leave no reason to name.
    first = normal_weeks(program)[0].sessions
    short = [
        d
        for d, s in enumerate(first)
        if 100 * session_minutes(s, catalogue) < TIME_USED_PERCENT * booked
    ]
    names: list[str] = []
    for day in short:
        found = _stoppers(data, template, day, settings)
        if not found:
            return None
        names.extend(n for n in found if n not in names)
    if not names:
        return None
    return (
        f"Sessions take about {median} minutes of the {booked} booked, "
        f"because {_reason(names, data)}."
    )
