"""Alembic migrations of the workspace's database, applied on start and by ``db upgrade``."""
