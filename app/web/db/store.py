"""Reading and writing trainers, clients, plans and logged sets.

Every query about a trainer's rows filters on ``trainer_id``: a row of another trainer is
answered exactly as a row that does not exist (``None``), which the routers turn into 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, defer

from thrustplan.app.web.db.engine import Sessions, session_factory
from thrustplan.app.web.db.models import (
    ApiToken,
    Client,
    LoggedSet,
    LoginFailure,
    Plan,
    PlanFile,
    RosterRow,
    Setting,
    Trainer,
    utcnow,
)


@dataclass
class Database:
    """An engine and its sessions; one per process."""

    engine: Engine
    sessions: Sessions

    @classmethod
    def of(cls, engine: Engine) -> Database:
        return cls(engine, session_factory(engine))


# --- settings and accounts ---------------------------------------------------------------


def setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def put_setting(session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))


def add_trainer(session: Session, email: str, name: str, password_hash: str) -> Trainer:
    trainer = Trainer(email=email, name=name, password_hash=password_hash)
    session.add(trainer)
    session.flush()
    return trainer


def trainer_by_email(session: Session, email: str) -> Trainer | None:
    return session.scalar(select(Trainer).where(Trainer.email == email))


def trainer_by_id(session: Session, trainer_id: int) -> Trainer | None:
    return session.get(Trainer, trainer_id)


def add_token(session: Session, trainer_id: int, token_hash: str) -> None:
    session.add(ApiToken(trainer_id=trainer_id, token_hash=token_hash))


def trainer_by_token(session: Session, token_hash: str) -> Trainer | None:
    return session.scalar(select(Trainer).join(ApiToken).where(ApiToken.token_hash == token_hash))


def add_login_failure(session: Session, key: str, at: dt.datetime) -> None:
    session.add(LoginFailure(key=key, at=at))


def login_failures_since(session: Session, key: str, since: dt.datetime) -> int:
    query = select(func.count()).where(LoginFailure.key == key, LoginFailure.at > since)
    return session.scalar(query) or 0


def forget_login_failures(session: Session, before: dt.datetime | None = None) -> None:
    """Drop the failures older than ``before``, or all of them."""
    query = delete(LoginFailure)
    if before is not None:
        query = query.where(LoginFailure.at <= before)
    session.execute(query)


# --- clients -----------------------------------------------------------------------------


def clients(session: Session, trainer_id: int, search: str = "") -> Sequence[Client]:
    """A trainer's clients by name; ``search`` keeps those whose name contains it."""
    query = select(Client).where(Client.trainer_id == trainer_id)
    if search.strip():
        pattern = "%" + search.strip().lower().replace("%", r"\%").replace("_", r"\_") + "%"
        query = query.where(func.lower(Client.name).like(pattern, escape="\\"))
    return session.scalars(query.order_by(Client.name, Client.id)).all()


def client(session: Session, trainer_id: int, client_id: int) -> Client | None:
    return session.scalar(
        select(Client).where(Client.id == client_id, Client.trainer_id == trainer_id)
    )


def add_client(session: Session, trainer_id: int, profile: dict[str, object]) -> Client:
    row = Client(trainer_id=trainer_id, name=str(profile["name"]), profile=profile)
    session.add(row)
    session.flush()
    return row


def update_client(session: Session, row: Client, profile: dict[str, object]) -> None:
    row.profile, row.name, row.updated_at = profile, str(profile["name"]), utcnow()


# --- plans -------------------------------------------------------------------------------


def plans_of(session: Session, trainer_id: int, client_id: int) -> Sequence[Plan]:
    """Every version of a client's plan, newest first."""
    return session.scalars(
        select(Plan)
        .where(Plan.trainer_id == trainer_id, Plan.client_id == client_id)
        .order_by(Plan.version.desc())
        .options(_WITHOUT_PROGRAM)
    ).all()


#: Lists and headings need a plan's dates and change, not its programme JSON, which is
#: the bulk of the row: it is left unread, and reading it later raises.
_WITHOUT_PROGRAM = defer(Plan.program, raiseload=True)


def plan(session: Session, trainer_id: int, plan_id: int) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.id == plan_id, Plan.trainer_id == trainer_id))


def plan_with_client(session: Session, trainer_id: int, plan_id: int) -> tuple[Plan, Client] | None:
    """The plan, without its programme, and its client, in one query."""
    row = session.execute(
        select(Plan, Client)
        .join(Client, Client.id == Plan.client_id)
        .where(Plan.id == plan_id, Plan.trainer_id == trainer_id)
        .options(_WITHOUT_PROGRAM)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def plan_program(session: Session, plan_id: int) -> dict[str, object]:
    """The programme JSON of a plan the caller has found already."""
    program: dict[str, object] = session.execute(
        select(Plan.program).where(Plan.id == plan_id)
    ).scalar_one()
    return program


def plan_file(session: Session, trainer_id: int, plan_id: int, fmt: str) -> bytes | None:
    return session.scalar(
        select(PlanFile.data)
        .join(Plan, Plan.id == PlanFile.plan_id)
        .where(Plan.id == plan_id, Plan.trainer_id == trainer_id, PlanFile.format == fmt)
    )


def plan_formats(session: Session, plan_id: int) -> list[str]:
    return list(session.scalars(select(PlanFile.format).where(PlanFile.plan_id == plan_id)))


def add_plan(
    session: Session,
    *,
    trainer_id: int,
    client_id: int,
    parent_id: int | None,
    change: str,
    program: dict[str, object],
    pages: int,
    files: Mapping[str, bytes],
) -> Plan:
    """A new version of the client's plan with all its files, in the caller's transaction."""
    latest = session.scalar(select(func.max(Plan.version)).where(Plan.client_id == client_id))
    row = Plan(
        trainer_id=trainer_id,
        client_id=client_id,
        version=(latest or 0) + 1,
        parent_id=parent_id,
        change=change,
        program=program,
        pages=pages,
    )
    session.add(row)
    session.flush()
    session.add_all(PlanFile(plan_id=row.id, format=fmt, data=data) for fmt, data in files.items())
    return row


# --- logged sets -------------------------------------------------------------------------


def logged_sets(session: Session, trainer_id: int, plan_id: int) -> Sequence[LoggedSet]:
    return session.scalars(
        select(LoggedSet)
        .where(LoggedSet.plan_id == plan_id, LoggedSet.trainer_id == trainer_id)
        .order_by(LoggedSet.week, LoggedSet.day, LoggedSet.exercise_id, LoggedSet.set_number)
    ).all()


@dataclass(frozen=True)
class SetValues:
    """One set as logged: where it belongs in the plan and what was done."""

    week: int
    day: str
    exercise_id: str
    set_number: int
    load: float | None
    reps: int
    rir: int | None


def save_sets(session: Session, trainer_id: int, plan_id: int, sets: Iterable[SetValues]) -> int:
    """Store each set, replacing one logged before at the same place; returns the count."""
    count = 0
    for values in sets:
        session.execute(
            delete(LoggedSet).where(
                LoggedSet.plan_id == plan_id,
                LoggedSet.week == values.week,
                LoggedSet.day == values.day,
                LoggedSet.exercise_id == values.exercise_id,
                LoggedSet.set_number == values.set_number,
            )
        )
        session.add(LoggedSet(trainer_id=trainer_id, plan_id=plan_id, **values.__dict__))
        count += 1
    return count


def forget_set(
    session: Session, plan_id: int, week: int, day: str, exercise_id: str, set_number: int
) -> None:
    session.execute(
        delete(LoggedSet).where(
            LoggedSet.plan_id == plan_id,
            LoggedSet.week == week,
            LoggedSet.day == day,
            LoggedSet.exercise_id == exercise_id,
            LoggedSet.set_number == set_number,
        )
    )


# --- rosters -----------------------------------------------------------------------------


def add_roster_row(session: Session, row: RosterRow) -> None:
    session.add(row)


def roster_rows(session: Session, trainer_id: int, upload: str) -> Sequence[RosterRow]:
    return session.scalars(
        select(RosterRow)
        .where(RosterRow.trainer_id == trainer_id, RosterRow.upload == upload)
        .order_by(RosterRow.row)
    ).all()
