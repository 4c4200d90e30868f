"""The workspace's tables. Every row a trainer can reach carries its ``trainer_id``.

The schema is created and changed only by the Alembic migrations beside this module;
these classes must describe the same tables.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    """Now, in UTC, to the second: the time every row is stamped with."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Values the server keeps between restarts, such as the cookie signing key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LoginFailure(Base):
    """A failed sign-in, once under its address and once under its email, each as a
    SHA-256 (an email field sometimes holds a mistyped password). Kept in the database,
    so that every page process and server sharing it counts the same failures."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Trainer(Base):
    __tablename__ = "trainers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiToken(Base):
    """A Bearer token; only its SHA-256 is kept, so a stolen database holds no token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Client(Base):
    __tablename__ = "clients"
    __table_args__ = (Index("ix_clients_trainer", "trainer_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    #: The profile as ``plan`` reads it, in its JSON form.
    profile: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Plan(Base):
    """One version of a client's programme; versions are never changed, only added."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("client_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), nullable=True)
    #: What is new in this version, for the history.
    change: Mapped[str] = mapped_column(Text)
    #: The programme JSON (the schema of ``plan --json``).
    program: Mapped[dict[str, object]] = mapped_column(JSON)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlanFile(Base):
    """A printed file of a plan, stored in the same transaction as the plan itself."""

    __tablename__ = "plan_files"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    format: Mapped[str] = mapped_column(String(8), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class LoggedSet(Base):
    """One set the client did, as typed on the log page or uploaded as CSV."""

    __tablename__ = "logged_sets"
    __table_args__ = (UniqueConstraint("plan_id", "week", "day", "exercise_id", "set_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    week: Mapped[int] = mapped_column(Integer)
    day: Mapped[str] = mapped_column(String(3))
    exercise_id: Mapped[str] = mapped_column(String(80))
    set_number: Mapped[int] = mapped_column(Integer)
    load: Mapped[float | None] = mapped_column(Float, nullable=True)
    reps: Mapped[int] = mapped_column(Integer)
    rir: Mapped[int | None] = mapped_column(Integer, nullable=True)


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(Base):
    """A plan to make, waiting for a worker or made by one.

    ``payload`` holds what the worker needs and nothing it must look up elsewhere: the
    profile for a new plan, the parent plan for an edit or the next block.
    """

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: ``host:pid`` of the worker holding the job, while it runs.
    worker: Mapped[str | None] = mapped_column(String(128), nullable=True)
    #: A running job whose lease has passed is taken to have lost its worker.
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class RosterRow(Base):
    """One row of an uploaded roster: its client, its job, or why it was refused."""

    __tablename__ = "roster_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"))
    upload: Mapped[str] = mapped_column(String(32))
    row: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(160))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"), nullable=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), nullable=True)
    problem: Mapped[str | None] = mapped_column(Text, nullable=True)
