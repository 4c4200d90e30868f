"""Alembic's entry point: runs the migrations against the URL the caller configured."""

from __future__ import annotations

from alembic import context

from thrustplan.app.web.db.engine import make_engine
from thrustplan.app.web.db.models import Base

config = context.config
engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
