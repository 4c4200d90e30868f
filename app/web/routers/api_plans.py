"""``/api/v1/jobs`` and ``/api/v1/plans``: queued work, plans, their PDFs and logs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from thrustplan.app.web.db.models import Trainer
from thrustplan.app.web.db.store import Database
from thrustplan.app.web.routers.schemas import Accepted, JobOut, LogOut, RefusedRow
from thrustplan.app.web.security import api_trainer, database
from thrustplan.app.web.services import plans

router = APIRouter(prefix="/api/v1", tags=["plans"])
Db = Annotated[Database, Depends(database)]
Me = Annotated[Trainer, Depends(api_trainer)]


@router.get("/jobs/{job_id}", response_model=JobOut)
def get_job(db: Db, me: Me, job_id: int) -> JobOut:
    """A job's status: queued, running, done (with ``plan_id``) or failed (with ``error``)."""
    return JobOut.model_validate(plans.get_job(db, me.id, job_id))


@router.get(
    "/plans/{plan_id}",
    responses={200: {"content": {"application/json": {}}, "description": "`plan --json`"}},
)
def get_plan(db: Db, me: Me, plan_id: int) -> Response:
    """The programme JSON, the schema of ``thrustplan plan --json``."""
    return Response(plans.plan_file(db, me.id, plan_id, "json"), media_type="application/json")


@router.get(
    "/plans/{plan_id}/pdf",
    responses={200: {"content": {"application/pdf": {}}, "description": "The printed plan."}},
)
def get_pdf(db: Db, me: Me, plan_id: int) -> Response:
    """The plan's PDF, stored whole with the plan."""
    data = plans.plan_file(db, me.id, plan_id, "pdf")
    return Response(data, media_type="application/pdf")


@router.post(
    "/plans/{plan_id}/log",
    response_model=LogOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "The log CSV: week,day,exercise_id,set,load,reps,rir.",
        }
    },
)
async def post_log(db: Db, me: Me, plan_id: int, request: Request) -> LogOut:
    """Store the sets of a log CSV; each refused row is listed with its line and reason."""
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(422, "the log is not UTF-8 text; save the CSV as UTF-8") from error
    try:
        summary = plans.take_log(db, me.id, plan_id, text)
    except ValueError as error:
        raise HTTPException(422, str(error)) from error
    return LogOut(taken=summary.taken, refused=[RefusedRow(**row) for row in summary.refused])


@router.post("/plans/{plan_id}/replan", status_code=202, response_model=Accepted)
def replan(db: Db, me: Me, plan_id: int) -> Accepted:
    """Queue the next block from the plan and the sets logged against it."""
    job = plans.request_next_block(db, me.id, plan_id)
    return Accepted(job_id=job.id, status=job.status)
