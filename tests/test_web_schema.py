"""The migrations and the table classes describe one schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tests.web_factory import BACKENDS, fresh_database
from thrustplan.app.web.db.engine import make_engine, upgrade
from thrustplan.app.web.db.models import Base


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_migrated_schema_is_the_models_schema(backend: str, tmp_path: Path) -> None:
    url, drop = fresh_database(backend, tmp_path)
    try:
        upgrade(url)
        engine = make_engine(url)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            tables = set(inspect(connection).get_table_names())
        engine.dispose()
        assert differences == []
        assert {"login_failures", "trainers", "jobs"} <= tables
    finally:
        drop()
