"""Alembic's entry point: runs the migrations against the URL the caller configured."""

from __future__ import annotations

from alembic import context

from thrustplan.app.web.db.engine import make_engine
from thrustplan.app.web.db.models import Base


def run_migrations(url: str) -> None:
    """Apply the pending migrations to the database at ``url`` in one transaction."""
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


# Alembic runs this file with its context set up; imported anywhere else (the docstring
# tests import every module), it does nothing.
_config = getattr(context, "config", None)
if _config is not None:
    run_migrations(_config.get_main_option("sqlalchemy.url") or "")
