"""Command-line interface: ``thrustplan plan | check | review | schema | exercises | replan |
batch | serve | db | users``."""

from thrustplan.app.cli.app import app

# Each module registers its commands on ``app`` when imported.
from thrustplan.app.cli import batch, exercises, plan, replan, review, serve  # noqa: F401  isort: skip


def main() -> None:
    app()
