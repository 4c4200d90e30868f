"""``/api/v1/clients``: a trainer's clients, by Bearer token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse

from thrustplan.app.web.db.models import Trainer
from thrustplan.app.web.db.store import Database
from thrustplan.app.web.routers.schemas import Accepted, ClientOut, ProfileProblems
from thrustplan.app.web.security import api_trainer, database
from thrustplan.app.web.services import plans
from thrustplan.app.web.services.profiles import ProfileInvalid, check_profile

router = APIRouter(prefix="/api/v1", tags=["clients"])
Db = Annotated[Database, Depends(database)]
Me = Annotated[Trainer, Depends(api_trainer)]


def problems_response(error: ProfileInvalid) -> JSONResponse:
    detail = [
        {"loc": ["body", field], "field": field, "msg": message, "type": "profile"}
        for field, message in error.problems.items()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


@router.post(
    "/clients",
    status_code=201,
    response_model=ClientOut,
    responses={422: {"model": ProfileProblems, "description": "The profile is invalid."}},
)
def create_client(
    db: Db,
    me: Me,
    profile: Annotated[
        dict[str, Any],
        Body(description="The profile: a profile YAML's fields as JSON (`thrustplan schema`)."),
    ],
) -> Any:
    """Add a client from a profile; 422 names each bad field and how to fix it."""
    try:
        checked = check_profile(profile)
    except ProfileInvalid as error:
        return problems_response(error)
    return ClientOut.model_validate(plans.add_client(db, me.id, checked))


@router.get("/clients", response_model=list[ClientOut])
def list_clients(db: Db, me: Me, q: str = "") -> list[ClientOut]:
    """Your clients by name; ``q`` keeps those whose name contains it."""
    return [ClientOut.model_validate(row) for row in plans.list_clients(db, me.id, q)]


@router.get("/clients/{client_id}", response_model=ClientOut)
def get_client(db: Db, me: Me, client_id: int) -> ClientOut:
    """One of your clients; 404 for any other id."""
    return ClientOut.model_validate(plans.get_client(db, me.id, client_id))


@router.post("/clients/{client_id}/plans", status_code=202, response_model=Accepted)
def plan_client(db: Db, me: Me, client_id: int) -> Accepted:
    """Queue a plan from the client's profile; poll the job for its plan."""
    job = plans.request_plan(db, me.id, client_id)
    return Accepted(job_id=job.id, status=job.status)
