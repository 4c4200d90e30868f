"""Solving the weekly model, ordering each session, and explaining impossible requests."""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model
from pydantic import BaseModel, Field

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import ExerciseId
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.planner.model.candidates import Candidate, ModelInput, Pair, prepare, superset_pairs
from thrustplan.planner.model.cuts import bound_sets_by_time, price_sets_by_time
from thrustplan.planner.model.rule_model import RuleModel
from thrustplan.planner.model.rulebook import HARD_RULES, build
from thrustplan.planner.model.symmetry import break_day_symmetry
from thrustplan.planner.template import (
    PlannedExercise,
    PlannedSession,
    WeeklyTemplate,
    pairing_note,
)
from thrustplan.rules.profile import ClientProfile, Include
from thrustplan.rules.program import SolveReport
from thrustplan.rules.sessions import Role, leads_with_main_lift
from thrustplan.rules.slot_prescription import light_days
from thrustplan.rules.split import choose_split
from thrustplan.rules.timing import session_minutes, superset_seconds


class SolverSettings(BaseModel):
    """How hard the solver tries. Fixed values give the same plan for the same input."""

    time_limit_seconds: float = Field(default=10.0, gt=0, description="Wall-clock cap.")
    deterministic_limit: float = Field(
        default=5.0,
        gt=0,
        description="Cap in the solver's deterministic time units, so that a plan cut "
        "short by the limit is still the same plan on every run and machine.",
    )
    workers: int = Field(default=1, ge=1, description="1 is fastest per plan on 2 cores.")
    seed: int = 0


class InfeasibleRequest(ValueError):
    """No plan meets every hard rule; names the rules in conflict and a change that works."""

    def __init__(self, rules: Sequence[str], fix: str, detail: str) -> None:
        self.rules = list(rules)
        self.fix = fix
        super().__init__(f"{detail} {fix}".strip())


#: Patterns that are done before others of the same mechanic: big lifts first.
_PATTERN_ORDER = (
    "hip_thrust", "squat", "hinge", "lunge", "horizontal_push", "vertical_pull",
    "horizontal_pull", "vertical_push", "knee_flexion", "knee_extension", "hip_abduction",
    "glute_kickback", "hip_adduction", "shoulder_isolation", "arms", "calves", "core",
)  # fmt: skip


def order_key(
    candidate: Candidate, lead_with_main: bool = False, light: bool = False
) -> tuple[int, int, str]:
    """Hip-thrust family first while the client is fresh, then compounds, then isolation;
    with ``lead_with_main`` (a strength plan, ``rules.sessions.leads_with_main_lift``) the
    day's main barbell lifts come before the hip thrust, a lift on its ``light`` day after
    the day's heavy ones (GZCLP's T2 after its T1)."""
    exercise = candidate.exercise
    if lead_with_main and candidate.role is Role.MAIN and not exercise.is_hip_thrust_family:
        tier = 1 if light else 0
    elif exercise.is_hip_thrust_family:
        tier = 2
    else:
        tier = 3 if exercise.is_compound else 4
    pattern = (
        _PATTERN_ORDER.index(exercise.pattern)
        if exercise.pattern in _PATTERN_ORDER
        else len(_PATTERN_ORDER)
    )
    return tier, pattern, exercise.id


def _equipment_phrase(candidate: Candidate) -> str:
    needed = [e for e in candidate.exercise.equipment if e != "bodyweight"]
    if not needed:
        return "needs no equipment"
    names = [VOCABULARY.name("equipment", e).lower() for e in needed]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"you have {listed}"


def reason(candidate: Candidate, position: int) -> str:
    """One line saying why this exercise is in this place of the session."""
    exercise = candidate.exercise
    if exercise.is_hip_thrust_family:
        place = "first, while you are fresh" if position == 1 else "early, while you are fresh"
    else:
        muscles = ", ".join(
            VOCABULARY.name("muscles", m).lower() for m in exercise.primary_muscles[:2]
        )
        kind = "compound" if exercise.is_compound else "isolation"
        place = f"{kind} work for {muscles}"
    if candidate.preference > 0:
        place += "; one of your favourites"
    return f"{exercise.name}: {_equipment_phrase(candidate)}; {place}"


def _parameters(
    settings: SolverSettings, *, spent: Sequence[cp_model.CpSolver] = ()
) -> cp_model.CpSolver:
    """A solver with ``settings``, its limits less what the ``spent`` solvers used of them."""
    solver = cp_model.CpSolver()
    wall = sum(s.wall_time for s in spent)
    deterministic = sum(s.response_proto.deterministic_time for s in spent)
    solver.parameters.max_time_in_seconds = max(settings.time_limit_seconds - wall, 0.0)
    solver.parameters.max_deterministic_time = max(
        settings.deterministic_limit - deterministic, 0.0
    )
    solver.parameters.num_workers = settings.workers
    solver.parameters.random_seed = settings.seed
    # Tighter LP relaxation: proves this model's optimum several times faster.
    solver.parameters.linearization_level = 2
    return solver


def session_steps(
    chosen: Sequence[Candidate],
    pairs: Sequence[Pair],
    lead_with_main: bool = False,
    light: Collection[ExerciseId] = (),
) -> list[tuple[Candidate, ...]]:
    """A session's exercises as the steps they are done in: a superset pair is one step.

    Steps follow :func:`order_key` by their first exercise, the ``light`` lifts on their
    light day. A pair holds two compounds or two isolation exercises and never the hip
    thrust or a main lift, so the hip thrust still comes first and compounds still come
    before isolation work.
    """

    def key(c: Candidate) -> tuple[int, int, str]:
        return order_key(c, lead_with_main, c.id in light)

    paired = {c.id for p in pairs for c in (p.first, p.second)}
    steps = [tuple(sorted((p.first, p.second), key=key)) for p in pairs]
    steps += [(c,) for c in chosen if c.id not in paired]
    return sorted(steps, key=lambda step: key(step[0]))


def _sets(candidate: Candidate, light: Collection[ExerciseId]) -> int:
    """``candidate``'s working sets in a session where the ``light`` lifts are on their
    light day."""
    if candidate.id in light and candidate.light_sets is not None:
        return candidate.light_sets
    return candidate.sets


def _planned(
    steps: list[tuple[Candidate, ...]], light: Collection[ExerciseId]
) -> tuple[PlannedExercise, ...]:
    """The session's exercises in order, superset pairs lettered A, B... in session order."""
    planned: list[PlannedExercise] = []
    letters = iter(string.ascii_uppercase)
    for step in steps:
        letter = next(letters) if len(step) == 2 else None
        for index, c in enumerate(step):
            why = reason(c, len(planned) + 1)
            if letter is not None:
                partner = step[1 - index]
                why += "; " + pairing_note(partner.exercise, f"{letter}{2 - index}")
            planned.append(
                PlannedExercise(
                    exercise=c.exercise,
                    sets=_sets(c, light),
                    prescription=c.prescription,
                    reason=why,
                    superset=letter,
                )
            )
    return tuple(planned)


def _template(
    data: ModelInput,
    chosen: dict[int, list[Candidate]],
    pairs: dict[int, list[Pair]],
    report: SolveReport,
) -> WeeklyTemplate:
    sessions = []
    # As the model reads light days (``WeekVariables.is_repeat``).
    has_light_sets = {c.id for c in data.candidates if c.light_sets is not None}
    lights = light_days(
        ([c.id for c in chosen[d]] for d in range(len(data.split.days))),
        has_light_sets.__contains__,
    )
    for d, day in enumerate(data.split.days):
        light = lights[d]
        steps = session_steps(chosen[d], pairs[d], leads_with_main_lift(data.profile.goal), light)
        seconds = sum(
            superset_seconds(
                _sets(step[0], light),
                [c.work_seconds for c in step],
                [c.rest_seconds for c in step],
            )
            for step in steps
        )
        sessions.append(
            PlannedSession(day.day, day.focus, _planned(steps, light), session_minutes(seconds))
        )
    return WeeklyTemplate(split=data.split.name, sessions=tuple(sessions), report=report)


def _report(data: ModelInput, plan: _Plan) -> SolveReport:
    objective, bound = plan.objective, plan.bound
    return SolveReport(
        status="optimal" if plan.optimal else "feasible",
        objective=objective,
        best_bound=bound,
        gap=0.0 if objective == 0 else round(abs(objective - bound) / abs(objective), 6),
        candidates=len(data.candidates),
        deterministic_seconds=round(plan.deterministic_seconds, 4),
    )


@dataclass(frozen=True)
class _Plan:
    """A solved week: its choices, and what the solver proved about it."""

    chosen: dict[int, list[Candidate]]
    pairs: dict[int, list[Pair]]
    optimal: bool
    objective: float
    bound: float
    deterministic_seconds: float


def _solved(
    m: RuleModel, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus
) -> _Plan | None:
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _Plan(
        m.vars.extract(solver),
        m.vars.extract_pairs(solver),
        status == cp_model.OPTIMAL,
        solver.objective_value,
        solver.best_objective_bound,
        solver.response_proto.deterministic_time,
    )


def solve_input(data: ModelInput, settings: SolverSettings | None = None) -> WeeklyTemplate:
    """Solve a prepared request; raise :class:`InfeasibleRequest` with an explanation.

    A request with supersets is one model like any other: its superset literals join
    neighbouring slots (``WeekVariables``), a few per session, so it is barely larger
    than the model of straight sets and is solved in one go.
    """
    settings = settings or SolverSettings()
    m = build(data)
    break_day_symmetry(m)
    bound_sets_by_time(m)
    price_sets_by_time(m)
    solver = _parameters(settings)
    plan = _solved(m, solver, solver.solve(m.model))
    if plan is None:
        raise explain(data, settings)
    report = _report(data, plan)
    return _template(data, plan.chosen, plan.pairs, report)


def solve_week(
    profile: ClientProfile, catalogue: Catalogue, settings: SolverSettings | None = None
) -> WeeklyTemplate:
    """The best weekly template for ``profile`` from ``catalogue``."""
    return solve_input(prepare(profile, catalogue), settings)


def _feasible(data: ModelInput, settings: SolverSettings) -> bool:
    m = build(data)
    solver = _parameters(settings)
    solver.parameters.stop_after_first_solution = True
    return solver.solve(m.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def conflicting_rules(data: ModelInput, settings: SolverSettings) -> list[str]:
    """Names of hard rules that together admit no plan, none of them redundant.

    CP-SAT's own core (``sufficient_assumptions_for_infeasibility``) is sound but often
    lists every rule, so it is shrunk by deletion: a rule stays only if the others alone
    admit a plan.
    """
    m = build(data, guarded=True)
    solver = _parameters(settings)
    names = list(m.guards)
    if not infeasible_with(m, solver, names):
        return []
    core = set(solver.sufficient_assumptions_for_infeasibility())
    names = [name for name in names if m.guards[name].index in core] or names
    return shrink_conflict(m, solver, names)


def infeasible_with(m: RuleModel, solver: cp_model.CpSolver, names: Sequence[str]) -> bool:
    """Whether the guarded model admits no solution with only the named hard rules on."""
    m.model.clear_assumptions()
    m.model.add_assumptions([m.guards[name] for name in names])
    return solver.solve(m.model) == cp_model.INFEASIBLE


def shrink_conflict(m: RuleModel, solver: cp_model.CpSolver, names: Sequence[str]) -> list[str]:
    """The rules of an infeasible set ``names`` with every redundant one deleted.

    A rule is dropped when the others alone still admit no solution, so each rule left
    is needed for the conflict; at least one rule always stays.
    """
    kept = list(names)
    for name in names:
        rest = [n for n in kept if n != name]
        if rest and infeasible_with(m, solver, rest):
            kept = rest
    return kept


def _fix(profile: ClientProfile, base: ModelInput, settings: SolverSettings) -> str:
    """A concrete change that would work: supersets, more minutes, or more days."""
    options: list[str] = []
    if not profile.pairs_exercises:
        trial = profile.model_copy(update={"supersets": True})
        if _feasible(_with_profile(base, trial), settings):
            options.append("set supersets: true (pairs share their rest)")
    for minutes in range(profile.session_minutes + 5, 181, 5):
        trial = profile.model_copy(update={"session_minutes": minutes})
        if _feasible(_with_profile(base, trial), settings):
            options.append(f"allow {minutes} minutes per session")
            break
    for days in range(profile.days_per_week + 1, 7):
        trial = profile.model_copy(update={"days_per_week": days, "days": None})
        if _feasible(_with_profile(base, trial), settings):
            options.append(f"train {days} days a week")
            break
    if not options:
        return "Add equipment (a bench opens most hip-thrust variations) or relax the limits."
    return "To fix it: " + " or ".join(options) + "."


def _with_profile(data: ModelInput, profile: ClientProfile) -> ModelInput:
    """``data`` for another profile, to test a fix: the candidates and targets kept, the
    split and superset pairs chosen afresh, and no day skeletons or unfit includes."""
    split = choose_split(profile)
    pairs = superset_pairs(data.candidates, split, profile) if profile.pairs_exercises else {}
    return replace(data, profile=profile, split=split, pairs=pairs, slots={}, unfit_includes={})


def _include_problem(data: ModelInput, wanted: Include) -> str | None:
    """Why no session can hold the trainer's include ``wanted`` on its own, or None."""
    if wanted.exercise in data.unfit_includes:
        return data.unfit_includes[wanted.exercise]
    days = data.split.days
    if wanted.day is not None and wanted.day not in {d.day for d in days}:
        trained = ", ".join(d.day.value for d in days)
        return f"{wanted.day.value} is not a training day ({trained})"
    held = [
        d
        for d, day in enumerate(days)
        if wanted.day in (None, day.day)
        and any(c.id == wanted.exercise for options in data.slot_options(d) for c in options)
    ]
    if held:
        return None
    where = f"the {wanted.day.value} session" if wanted.day else "no session"
    return f"{where} has a place for it in its focus"


def _override_fix(data: ModelInput, names: Sequence[str]) -> str | None:
    """The change to the trainer's overrides that removes the conflict, when they are in it."""
    profile = data.profile
    options: list[str] = []
    if "trainer_includes" in names:
        for wanted in profile.include:
            if (why := _include_problem(data, wanted)) is not None:
                options.append(f"remove {wanted.exercise} from include ({why})")
        if not options:
            listed = ", ".join(dict.fromkeys(w.exercise for w in profile.include))
            options.append(f"remove one of {listed} from include")
    if "trainer_excludes" in names:
        kept_out = ", ".join(c.id for c in data.candidates if c.trainer_excluded)
        options.append(f"take some of {kept_out} out of exclude")
    return "To fix it: " + " or ".join(options) + "." if options else None


def explain(data: ModelInput, settings: SolverSettings) -> InfeasibleRequest:
    """Build the message for an impossible request: which rules clash, and what to change."""
    profile = data.profile
    names = conflicting_rules(data, settings)
    statements = {rule.name: rule.statement for rule in HARD_RULES}
    listed = "; ".join(f"{name} ({statements[name]})" for name in names)
    detail = (
        f"{profile.days_per_week} sessions of {profile.session_minutes} minutes with this "
        f"equipment cannot meet every rule. In conflict: {listed}"
    )
    fix = _override_fix(data, names) or _fix(profile, data, settings)
    return InfeasibleRequest(names, fix, detail)
