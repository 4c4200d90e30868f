"""Clients, plans, edits and logs for one trainer: what the routers call.

Every function takes the trainer's id and answers :class:`NotFound` for a row that is
not theirs, exactly as for a row that does not exist. Plans are made on the job queue
(:mod:`thrustplan.app.web.services.worker`); these functions only queue them.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from thrustplan.app.inputs import open_catalogue
from thrustplan.app.service import alternatives
from thrustplan.app.web.db import queue, store
from thrustplan.app.web.db.models import Client, Job, LoggedSet, Plan
from thrustplan.app.web.db.store import Database, SetValues
from thrustplan.app.web.services.profiles import ProfileInvalid, check_profile, stored
from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules.profile import ClientProfile
from thrustplan.rules.program import Program

#: Files every plan is printed to; a calendar too when the profile has a start date.
DOWNLOADS = ("pdf", "json", "csv", "ics")
LOG_HEADER = ("week", "day", "exercise_id", "set", "load", "reps", "rir")

_Row = TypeVar("_Row")


class NotFound(LookupError):
    """No such row for this trainer: it does not exist, or it is another trainer's."""


def _found(row: _Row | None, what: str) -> _Row:
    """``row`` itself, or :class:`NotFound` naming ``what`` (``client 7``) where it is None."""
    if row is None:
        raise NotFound(what)
    return row


@functools.cache
def catalogue() -> Catalogue:
    """Our catalogue, loaded once per process: the one every plan of the workspace uses."""
    return open_catalogue(None)


# --- clients -----------------------------------------------------------------------------


def list_clients(db: Database, trainer_id: int, search: str = "") -> Sequence[Client]:
    with db.sessions() as session:
        return store.clients(session, trainer_id, search)


def get_client(db: Database, trainer_id: int, client_id: int) -> Client:
    with db.sessions() as session:
        return _found(store.client(session, trainer_id, client_id), f"client {client_id}")


def add_client(db: Database, trainer_id: int, profile: ClientProfile) -> Client:
    with db.sessions.begin() as session:
        return store.add_client(session, trainer_id, stored(profile))


def update_client(db: Database, trainer_id: int, client_id: int, profile: ClientProfile) -> None:
    with db.sessions.begin() as session:
        row = _found(store.client(session, trainer_id, client_id), f"client {client_id}")
        store.update_client(session, row, stored(profile))


# --- plans and jobs ----------------------------------------------------------------------


def request_plan(db: Database, trainer_id: int, client_id: int) -> Job:
    """Queue a new plan from the client's profile as it stands."""
    with db.sessions.begin() as session:
        row = _found(store.client(session, trainer_id, client_id), f"client {client_id}")
        payload: dict[str, object] = {"profile": row.profile, "change": "planned from the profile"}
        return queue.enqueue(session, trainer_id, client_id, "plan", payload)


def get_job(db: Database, trainer_id: int, job_id: int) -> Job:
    with db.sessions() as session:
        return _found(queue.job(session, trainer_id, job_id), f"job {job_id}")


def get_plan(db: Database, trainer_id: int, plan_id: int) -> Plan:
    with db.sessions() as session:
        return _found(store.plan(session, trainer_id, plan_id), f"plan {plan_id}")


def plan_history(db: Database, trainer_id: int, client_id: int) -> Sequence[Plan]:
    with db.sessions() as session:
        return store.plans_of(session, trainer_id, client_id)


def plan_file(db: Database, trainer_id: int, plan_id: int, fmt: str) -> bytes:
    with db.sessions() as session:
        data = store.plan_file(session, trainer_id, plan_id, fmt)
    if data is None:
        raise NotFound(f"plan {plan_id} {fmt}")
    return data


def plan_heading(db: Database, trainer_id: int, plan_id: int) -> tuple[Plan, Client]:
    """The plan without its programme, and its client: what a heading or a file name needs."""
    with db.sessions() as session:
        found = store.plan_with_client(session, trainer_id, plan_id)
    if found is None:
        raise NotFound(f"plan {plan_id}")
    return found


def program_of(plan: Plan) -> Program:
    return Program.model_validate(plan.program)


@dataclass(frozen=True)
class Edit:
    """A change to a plan: ``ban`` an exercise, swap it ``for_`` another, or lock it
    into a ``day``."""

    exercise_id: str
    for_: str | None = None
    day: str | None = None

    def describe(self) -> str:
        if self.day:
            return f"locked {self.exercise_id} into {self.day}"
        if self.for_:
            return f"swapped {self.exercise_id} for {self.for_}"
        return f"banned {self.exercise_id}"


def edited_fields(data: dict[str, Any], edit: Edit, days: Sequence[str]) -> dict[str, Any]:
    """The profile fields ``data`` with ``edit`` applied.

    A ban adds the exercise to ``exclude``. A swap excludes it too, and locks the other
    exercise into each of the ``days`` the old one held (``include``). The new exercise
    is taken off ``exclude`` and ``dislikes``, and the old one off ``include`` and
    ``favourites``.

    >>> edited_fields({"exclude": ["a"]}, Edit("a"), [])
    {'exclude': ['a']}
    >>> edited_fields({}, Edit("a", "b"), ["mon", "thu"])["include"]
    [{'exercise': 'b', 'day': 'mon'}, {'exercise': 'b', 'day': 'thu'}]
    >>> edited_fields({"favourites": ["a", "c"]}, Edit("a", "b"), ["mon"])["favourites"]
    ['c']

    A lock adds the exercise to ``include`` on its day:

    >>> edited_fields({"include": []}, Edit("a", day="fri"), [])
    {'include': [{'exercise': 'a', 'day': 'fri'}]}
    """
    data = dict(data)
    if edit.day:
        entry = {"exercise": edit.exercise_id, "day": edit.day}
        data["include"] = [e for e in data.get("include", []) if e != entry] + [entry]
        return data
    exclude = [e for e in data.get("exclude", []) if e != edit.for_]
    data["exclude"] = [*dict.fromkeys([*exclude, edit.exercise_id])]
    if not edit.for_:
        return data
    data["dislikes"] = [e for e in data.get("dislikes", []) if e != edit.for_]
    kept = [e for e in data.get("include", []) if e.get("exercise") != edit.exercise_id]
    added = [{"exercise": edit.for_, "day": day} for day in days]
    data["include"] = [*kept, *(e for e in added if e not in kept)]
    if edit.exercise_id in data.get("favourites", []):
        data["favourites"] = [e for e in data["favourites"] if e != edit.exercise_id]
    return data


def days_holding(program: Program, exercise_id: str) -> list[str]:
    """The training days on which ``exercise_id`` appears in any week, in week order."""
    held = (
        s.day.value
        for w in program.weeks
        for s in w.sessions
        if any(e.exercise_id == exercise_id for e in s.exercises)
    )
    return [*dict.fromkeys(held)]


def training_days(program: Program) -> list[str]:
    """The days of the programme's sessions, in week order."""
    return [*dict.fromkeys(s.day.value for w in program.weeks for s in w.sessions)]


def edited_profile(program: Program, edit: Edit) -> ClientProfile:
    """The programme's profile with ``edit`` applied through its own fields (see
    :func:`edited_fields`); ``ValueError`` with the field's message when it is invalid."""
    days = days_holding(program, edit.exercise_id)
    data = edited_fields(stored(program.profile), edit, days)
    try:
        return check_profile(data)
    except ProfileInvalid as error:
        raise ValueError(str(error)) from error


def swap_choices(program: Program, exercise_id: str) -> list[tuple[str, str]]:
    """What ``exercise_id`` may be swapped for in ``program``: the model's other
    candidates of its pattern that the programme does not hold already."""
    used = exercises_of(program)
    choices = alternatives(program.profile, catalogue(), exercise_id)
    return [(ex_id, name) for ex_id, name in choices if ex_id not in used]


def exercises_of(program: Program) -> dict[str, str]:
    """Every exercise of ``program`` by id, with its name, in order of appearance."""
    return {e.exercise_id: e.name for w in program.weeks for s in w.sessions for e in s.exercises}


@dataclass(frozen=True)
class PlanView:
    """What the plan page shows besides the plan itself, worked out once per plan."""

    #: Every exercise in order of appearance, with what it may be swapped for.
    swaps: dict[str, list[tuple[str, str]]]
    names: dict[str, str]
    #: (week, day, focus) of every session, for the log links.
    sessions: list[tuple[int, str, str]]
    #: The files the plan may be downloaded as.
    formats: list[str]


@dataclass(frozen=True)
class PlanPage:
    """A plan without its programme, its client, and its view."""

    plan: Plan
    client: Client
    view: PlanView

    @property
    def lock_days(self) -> list[str]:
        """The plan's training days, any of which an exercise may be locked into."""
        return [*dict.fromkeys(day for _week, day, _focus in self.view.sessions)]


#: Plan views by database and plan. A stored plan never changes, and neither does its
#: view; the swap choices cost a candidate set-up per exercise, and the programme JSON
#: is the bulk of a plan's row. Bounded, the least recently used dropped first.
_VIEWS: OrderedDict[tuple[object, ...], PlanView] = OrderedDict()
_VIEWS_LOCK = threading.Lock()
VIEWS_KEPT = 256


#: The plan page's view of a plan, stored with it as one more file.
VIEW_FILE = "view"


def _view_of(program: Program, formats: Sequence[str]) -> PlanView:
    names = exercises_of(program)
    return PlanView(
        swaps={exercise_id: swap_choices(program, exercise_id) for exercise_id in names},
        names=names,
        sessions=[(w.number, s.day.value, s.focus) for w in program.weeks for s in w.sessions],
        formats=[f for f in DOWNLOADS if f in formats],
    )


def view_file(program: Program) -> bytes:
    """The plan page's view of ``program``, to store with the plan: the worker that made
    the plan pays for the swap choices (a candidate set-up per exercise), not a page."""
    view = _view_of(program, ())
    return json.dumps(
        {"swaps": view.swaps, "names": view.names, "sessions": view.sessions}
    ).encode()


def _view_from_file(data: bytes, formats: Sequence[str]) -> PlanView:
    stored_view = json.loads(data)
    return PlanView(
        swaps={
            exercise_id: [(choice[0], choice[1]) for choice in choices]
            for exercise_id, choices in stored_view["swaps"].items()
        },
        names=stored_view["names"],
        sessions=[(s[0], s[1], s[2]) for s in stored_view["sessions"]],
        formats=[f for f in DOWNLOADS if f in formats],
    )


def _load_view(session: Session, trainer_id: int, plan_id: int) -> PlanView:
    """The view stored with the plan; worked out from its programme for a plan stored
    without one."""
    formats = store.plan_formats(session, plan_id)
    data = store.plan_file(session, trainer_id, plan_id, VIEW_FILE)
    if data is not None:
        return _view_from_file(data, formats)
    return _view_of(Program.model_validate(store.plan_program(session, plan_id)), formats)


def forget_views() -> None:
    """Empty this process's cache of plan views."""
    with _VIEWS_LOCK:
        _VIEWS.clear()


def plan_page(db: Database, trainer_id: int, plan_id: int) -> PlanPage:
    """The plan page's rows in one query, and its view from the cache when it is there."""
    with db.sessions() as session:
        found = store.plan_with_client(session, trainer_id, plan_id)
        if found is None:
            raise NotFound(f"plan {plan_id}")
        plan, client = found
        key = (db.engine.url, plan.id, plan.created_at)
        with _VIEWS_LOCK:
            view = _VIEWS.get(key)
            if view is not None:
                _VIEWS.move_to_end(key)
        if view is None:
            view = _load_view(session, trainer_id, plan.id)
            with _VIEWS_LOCK:
                _VIEWS[key] = view
                while len(_VIEWS) > VIEWS_KEPT:
                    _VIEWS.popitem(last=False)
    return PlanPage(plan, client, view)


def request_edit(db: Database, trainer_id: int, plan_id: int, edit: Edit) -> Job:
    """Queue the plan solved again with ``edit``; refused (``ValueError``) when the
    exercise is not in the plan or the swap is not one the model offers."""
    row = get_plan(db, trainer_id, plan_id)
    program = program_of(row)
    if edit.exercise_id not in exercises_of(program):
        raise ValueError(f"exercise {edit.exercise_id!r} is not in this plan; pick one of it")
    days = training_days(program)
    if edit.day and edit.day not in days:
        raise ValueError(
            f"day {edit.day!r} is not a training day of this plan; pick one of {', '.join(days)}"
        )
    if edit.for_ and edit.for_ not in {c for c, _ in swap_choices(program, edit.exercise_id)}:
        raise ValueError(
            f"{edit.for_!r} is not an alternative to {edit.exercise_id}; pick one listed"
        )
    profile = edited_profile(program, edit)
    payload: dict[str, object] = {
        "profile": stored(profile),
        "parent_id": plan_id,
        "change": edit.describe(),
        "update_client": True,
    }
    with db.sessions.begin() as session:
        return queue.enqueue(session, trainer_id, row.client_id, "plan", payload)


# --- logs and the next block -------------------------------------------------------------


@dataclass
class LogSummary:
    """What a log upload did: the rows taken, and each refused row with its reason."""

    taken: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)


def _values(row: Any) -> SetValues:
    """A parsed log row as stored: its fields in SetValues' order, the day as its word."""
    return SetValues(row.week, row.day.value, row.exercise_id, row.set, row.load, row.reps, row.rir)


def take_log(db: Database, trainer_id: int, plan_id: int, text: str) -> LogSummary:
    """Store every usable row of a log CSV (``docs/log-format.md``) against the plan.

    A row at the place of one logged before replaces it. Raises ``ValueError`` naming
    the fix when the log cannot be read at all (a missing column).
    """
    from thrustplan.planner.progression.replan import LogError, parse_log

    program = program_of(get_plan(db, trainer_id, plan_id))
    try:
        parsed = parse_log(text, program, catalogue())
    except LogError as error:
        raise ValueError(str(error)) from error
    with db.sessions.begin() as session:
        taken = store.save_sets(session, trainer_id, plan_id, map(_values, parsed.rows))
    refused = [{"line": p.line, "reason": p.message} for p in parsed.problems]
    return LogSummary(taken, refused)


def save_set(
    db: Database,
    trainer_id: int,
    plan_id: int,
    place: tuple[int, str, str, int],
    done: dict[str, str],
) -> str | None:
    """Store one set typed on the log page, or clear it when ``reps`` is empty.

    ``place`` is (week, day, exercise, set); ``done`` holds the typed ``load``, ``reps``
    and ``rir``. Returns the reason the set was refused, in the log reader's words, or
    ``None`` when it was saved.
    """
    week, day, exercise_id, set_number = place
    if not done.get("reps", "").strip():
        get_plan(db, trainer_id, plan_id)
        with db.sessions.begin() as session:
            store.forget_set(session, plan_id, week, day, exercise_id, set_number)
        return None
    line = [str(week), day, exercise_id, str(set_number)]
    line += [done.get(key, "").strip() for key in ("load", "reps", "rir")]
    summary = take_log(db, trainer_id, plan_id, _csv([LOG_HEADER, line]))
    return summary.refused[0]["reason"] if summary.refused else None


def logged(db: Database, trainer_id: int, plan_id: int) -> Sequence[LoggedSet]:
    with db.sessions() as session:
        return store.logged_sets(session, trainer_id, plan_id)


def _csv(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def log_text(sets: Sequence[LoggedSet]) -> str:
    """The logged sets as a log CSV, the form ``replan`` reads."""
    rows: list[Sequence[object]] = [LOG_HEADER]
    for s in sets:
        load = "" if s.load is None else f"{s.load:g}"
        rir = "" if s.rir is None else s.rir
        rows.append([s.week, s.day, s.exercise_id, s.set_number, load, s.reps, rir])
    return _csv(rows)


def request_next_block(db: Database, trainer_id: int, plan_id: int) -> Job:
    """Queue the next block from the plan and every set logged against it."""
    row = get_plan(db, trainer_id, plan_id)
    sets = logged(db, trainer_id, plan_id)
    payload: dict[str, object] = {
        "parent_id": plan_id,
        "log": log_text(sets),
        "change": f"next block from {len(sets)} logged sets of version {row.version}",
    }
    with db.sessions.begin() as session:
        return queue.enqueue(session, trainer_id, row.client_id, "replan", payload)
