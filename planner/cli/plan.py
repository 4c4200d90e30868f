"""``thrustplan plan``, ``check`` and ``schema``: filled in with the solver."""

from planner.cli.app import app


@app.command()
def schema() -> None:
    """Print the JSON Schema of the programme file."""
    import json

    from planner.program import Program

    print(json.dumps(Program.model_json_schema(), indent=2))
