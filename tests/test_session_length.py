"""Sessions that end early say so: their real length and the hard rule that stops them,
on the programme and on its cover, and the coach's review accepts that."""

from __future__ import annotations

from pathlib import Path

from tests.factories import profile
from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.model.candidates import prepare
from thrustplan.planner.model.length import length_note
from thrustplan.planner.model.solve import SolverSettings, solve_input
from thrustplan.planner.output.render import Renderer
from thrustplan.planner.pipeline import generate_program
from thrustplan.rules.review import review_program

CATALOGUE = builtin_catalogue()
PANEL = Path(__file__).parent / "panel"
SETTINGS = SolverSettings(time_limit_seconds=10, deterministic_limit=10)


def test_a_ceiling_that_stops_the_sessions_is_stated_with_the_real_length() -> None:
    # A beginner's garage strength plan: the big lifts every session, and a beginner's 16
    # weekly sets a muscle leave no room for more in 60 minutes.
    client = load_profile(PANEL / "strength-beginner-garage.yaml")
    program = generate_program(client, CATALOGUE, SETTINGS)
    note = program.session_length
    assert note is not None
    assert note.startswith("Sessions take about ") and "of the 60 booked, because" in note
    assert "past the 16 weekly sets a beginner lifter recovers from" in note
    assert [f.rule for f in review_program(program, CATALOGUE)] == []
    cover = Renderer().render_html(program, CATALOGUE)
    assert note in cover


def test_sessions_that_use_the_time_need_no_note() -> None:
    client = profile(equipment=["dumbbells", "bench"], session_minutes=45, weeks=4)
    data = prepare(client, CATALOGUE)
    template = solve_input(data, SETTINGS)
    program = generate_program(client, CATALOGUE, SETTINGS)
    assert length_note(data, template, program, CATALOGUE, SETTINGS) is None
    assert program.session_length is None
