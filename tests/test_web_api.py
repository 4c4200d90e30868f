"""The JSON API under /api/v1, against SQLite and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web_factory import BACKENDS, PROFILE, Workspace, start_workspace
from thrustplan.rules.program import Program

THRUST = "barbell_hip_thrust"


@pytest.fixture(scope="module", params=BACKENDS)
def ws(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    yield from start_workspace(request.param, tmp_path_factory.mktemp(f"api-{request.param}"))


@pytest.fixture(scope="module")
def planned(ws: Workspace) -> dict[str, Any]:
    """Ann's client with one plan, made through the API: shared by the tests below."""
    created = ws.client.post("/api/v1/clients", json=PROFILE, headers=ws.api())
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    accepted = ws.client.post(f"/api/v1/clients/{client_id}/plans", headers=ws.api())
    assert accepted.status_code == 202
    job = ws.wait_job(accepted.json()["job_id"])
    assert job["status"] == "done", job
    return {"client_id": client_id, "plan_id": job["plan_id"], "job_id": job["id"]}


def test_healthz_and_openapi_document_every_call(ws: Workspace) -> None:
    assert ws.client.get("/healthz").status_code == 200
    paths = ws.client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/clients",
        "/api/v1/clients/{client_id}",
        "/api/v1/clients/{client_id}/plans",
        "/api/v1/jobs/{job_id}",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/{plan_id}/pdf",
        "/api/v1/plans/{plan_id}/log",
        "/api/v1/plans/{plan_id}/replan",
    ):
        assert path in paths
    assert not any(path.startswith("/clients") for path in paths), "pages are not API"


def test_requests_without_a_valid_token_get_401(ws: Workspace) -> None:
    assert ws.client.get("/api/v1/clients").status_code == 401
    bad = {"Authorization": "Bearer tp_not-a-token"}
    assert ws.client.get("/api/v1/clients", headers=bad).status_code == 401


def test_an_invalid_profile_is_422_naming_the_field_and_the_fix(ws: Workspace) -> None:
    answer = ws.client.post(
        "/api/v1/clients", json={**PROFILE, "days_per_week": 9}, headers=ws.api()
    )
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert problem["field"] == "days_per_week"
    assert "less than or equal to 6" in problem["msg"]
    answer = ws.client.post(
        "/api/v1/clients", json={**PROFILE, "equipment": ["barbel"]}, headers=ws.api()
    )
    assert answer.status_code == 422
    assert "did you mean 'barbell'" in answer.json()["detail"][0]["msg"]


def test_a_plan_is_made_by_a_job_and_served_as_json_and_pdf(
    ws: Workspace, planned: dict[str, Any]
) -> None:
    client = ws.client.get(f"/api/v1/clients/{planned['client_id']}", headers=ws.api()).json()
    assert client["name"] == PROFILE["name"]
    assert [c["id"] for c in ws.client.get("/api/v1/clients", headers=ws.api()).json()] == [
        planned["client_id"]
    ]
    program = Program.model_validate(
        ws.client.get(f"/api/v1/plans/{planned['plan_id']}", headers=ws.api()).json()
    )
    assert len(program.weeks) == PROFILE["weeks"]
    pdf = ws.client.get(f"/api/v1/plans/{planned['plan_id']}/pdf", headers=ws.api())
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and pdf.content.rstrip().endswith(b"%%EOF")


def test_a_log_upload_takes_good_rows_and_refuses_bad_ones_then_replans(
    ws: Workspace, planned: dict[str, Any]
) -> None:
    plan_id = planned["plan_id"]
    program = Program.model_validate(
        ws.client.get(f"/api/v1/plans/{plan_id}", headers=ws.api()).json()
    )
    session = next(
        s for s in program.weeks[0].sessions for e in s.exercises if e.exercise_id == THRUST
    )
    entry = next(e for e in session.exercises if e.exercise_id == THRUST)
    day = session.day.value
    log = (
        "week,day,exercise_id,set,load,reps,rir\n"
        f"1,{day},{entry.exercise_id},1,{entry.load or 40},{entry.target_reps},2\n"
        f"1,{day},{entry.exercise_id},2,-5,{entry.target_reps},2\n"
        f"1,{day},banana_press,1,10,10,2\n"
    )
    answer = ws.client.post(
        f"/api/v1/plans/{plan_id}/log",
        content=log,
        headers={**ws.api(), "content-type": "text/csv"},
    )
    assert answer.status_code == 200, answer.text
    summary = answer.json()
    assert summary["taken"] == 1
    assert [row["line"] for row in summary["refused"]] == [3, 4]
    assert "impossible" in summary["refused"][0]["reason"]
    assert "banana_press" in summary["refused"][1]["reason"]
    no_header = ws.client.post(
        f"/api/v1/plans/{plan_id}/log", content="a,b\n1,2\n", headers=ws.api()
    )
    assert no_header.status_code == 422 and "lacks" in no_header.json()["detail"]

    accepted = ws.client.post(f"/api/v1/plans/{plan_id}/replan", headers=ws.api())
    assert accepted.status_code == 202
    job = ws.wait_job(accepted.json()["job_id"])
    assert job["status"] == "done", job
    nxt = Program.model_validate(
        ws.client.get(f"/api/v1/plans/{job['plan_id']}", headers=ws.api()).json()
    )
    assert nxt.generated_at >= program.generated_at


def test_another_trainer_gets_404_for_every_id(ws: Workspace, planned: dict[str, Any]) -> None:
    bob = ws.api("bob")
    client_id, plan_id, job_id = planned["client_id"], planned["plan_id"], planned["job_id"]
    assert ws.client.get("/api/v1/clients", headers=bob).json() == []
    answers = [
        ws.client.get(f"/api/v1/clients/{client_id}", headers=bob),
        ws.client.post(f"/api/v1/clients/{client_id}/plans", headers=bob),
        ws.client.get(f"/api/v1/jobs/{job_id}", headers=bob),
        ws.client.get(f"/api/v1/plans/{plan_id}", headers=bob),
        ws.client.get(f"/api/v1/plans/{plan_id}/pdf", headers=bob),
        ws.client.post(
            f"/api/v1/plans/{plan_id}/log",
            content="week,day,exercise_id,set,load,reps,rir\n",
            headers=bob,
        ),
        ws.client.post(f"/api/v1/plans/{plan_id}/replan", headers=bob),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    missing = ws.client.get("/api/v1/clients/999999", headers=bob)
    assert missing.json() == answers[0].json(), "another's id reads as a missing one"
