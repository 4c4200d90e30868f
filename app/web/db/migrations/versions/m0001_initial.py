"""The first schema: trainers, tokens, clients, plans, logs, jobs, rosters

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _column(name: str, kind: sa.types.TypeEngine[Any], nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, kind, nullable=nullable)


def _when(name: str, nullable: bool = False) -> sa.Column[Any]:
    return _column(name, sa.DateTime(timezone=True), nullable)


def _refers(column: str, table: str, cascade: bool = True) -> sa.ForeignKeyConstraint:
    """``column`` holds an id of ``table``; with ``cascade`` the row goes when that one does."""
    if cascade:
        return sa.ForeignKeyConstraint([column], [f"{table}.id"], ondelete="CASCADE")
    return sa.ForeignKeyConstraint([column], [f"{table}.id"])


def _trainers_table(
    name: str,
    *columns: sa.Column[Any],
    refers: tuple[sa.ForeignKeyConstraint, ...] = (),
    unique: tuple[str, ...] = (),
) -> None:
    """A table of one trainer's rows: an integer id and the trainer (the rows go with
    them), then ``columns``; the keys in the order the first schema listed them."""
    op.create_table(
        name,
        _column("id", sa.Integer()),
        _column("trainer_id", sa.Integer()),
        *columns,
        *refers,
        _refers("trainer_id", "trainers"),
        sa.PrimaryKeyConstraint("id"),
        *([sa.UniqueConstraint(*unique)] if unique else []),
    )


def upgrade() -> None:
    op.create_table(
        "settings",
        _column("key", sa.String(length=64)),
        _column("value", sa.Text()),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "trainers",
        _column("id", sa.Integer()),
        _column("email", sa.String(length=254)),
        _column("name", sa.String(length=120)),
        _column("password_hash", sa.String(length=255)),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    _trainers_table(
        "api_tokens",
        _column("token_hash", sa.String(length=64)),
        _when("created_at"),
        unique=("token_hash",),
    )
    _trainers_table(
        "clients",
        _column("name", sa.String(length=120)),
        _column("profile", sa.JSON()),
        _when("created_at"),
        _when("updated_at"),
    )
    op.create_index("ix_clients_trainer", "clients", ["trainer_id", "name"], unique=False)
    _trainers_table(
        "plans",
        _column("client_id", sa.Integer()),
        _column("version", sa.Integer()),
        _column("parent_id", sa.Integer(), nullable=True),
        _column("change", sa.Text()),
        _column("program", sa.JSON()),
        _column("pages", sa.Integer()),
        _when("created_at"),
        refers=(_refers("client_id", "clients"), _refers("parent_id", "plans", cascade=False)),
        unique=("client_id", "version"),
    )
    _trainers_table(
        "jobs",
        _column("client_id", sa.Integer()),
        _column("kind", sa.String(length=16)),
        _column("payload", sa.JSON()),
        _column("status", sa.String(length=16)),
        _column("attempts", sa.Integer()),
        _column("worker", sa.String(length=128), nullable=True),
        _when("lease_until", nullable=True),
        _column("plan_id", sa.Integer(), nullable=True),
        _column("error", sa.Text(), nullable=True),
        _when("created_at"),
        _when("finished_at", nullable=True),
        refers=(_refers("client_id", "clients"), _refers("plan_id", "plans", cascade=False)),
    )
    op.create_index("ix_jobs_status", "jobs", ["status", "id"], unique=False)
    _trainers_table(
        "logged_sets",
        _column("plan_id", sa.Integer()),
        _column("week", sa.Integer()),
        _column("day", sa.String(length=3)),
        _column("exercise_id", sa.String(length=80)),
        _column("set_number", sa.Integer()),
        _column("load", sa.Float(), nullable=True),
        _column("reps", sa.Integer()),
        _column("rir", sa.Integer(), nullable=True),
        refers=(_refers("plan_id", "plans"),),
        unique=("plan_id", "week", "day", "exercise_id", "set_number"),
    )
    op.create_table(
        "plan_files",
        _column("plan_id", sa.Integer()),
        _column("format", sa.String(length=8)),
        _column("data", sa.LargeBinary()),
        _refers("plan_id", "plans"),
        sa.PrimaryKeyConstraint("plan_id", "format"),
    )
    _trainers_table(
        "roster_rows",
        _column("upload", sa.String(length=32)),
        _column("row", sa.Integer()),
        _column("label", sa.String(length=160)),
        _column("client_id", sa.Integer(), nullable=True),
        _column("job_id", sa.Integer(), nullable=True),
        _column("problem", sa.Text(), nullable=True),
        refers=(
            _refers("client_id", "clients", cascade=False),
            _refers("job_id", "jobs", cascade=False),
        ),
    )


def downgrade() -> None:
    op.drop_table("roster_rows")
    op.drop_table("plan_files")
    op.drop_table("logged_sets")
    op.drop_index("ix_jobs_status", table_name="jobs")
    op.drop_table("jobs")
    op.drop_table("plans")
    op.drop_index("ix_clients_trainer", table_name="clients")
    op.drop_table("clients")
    op.drop_table("api_tokens")
    op.drop_table("trainers")
    op.drop_table("settings")
