"""Command-line interface: ``thrustplan plan | check | review | schema | exercises | replan |
batch``."""

from thrustplan.app.cli.app import app

# Each module registers its commands on ``app`` when imported.
from thrustplan.app.cli import batch, exercises, plan, replan, review  # noqa: F401  isort: skip


def main() -> None:
    app()
