"""The JSON API's request and response bodies, as the OpenAPI document shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    profile: dict[str, Any] = Field(description="The profile, as `plan` reads it.")
    created_at: dt.datetime
    updated_at: dt.datetime


class Accepted(BaseModel):
    """A plan queued: poll ``GET /api/v1/jobs/{job_id}`` until it is done or failed."""

    job_id: int
    status: str


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str = Field(description="plan or replan")
    status: str = Field(description="queued, running, done or failed")
    client_id: int
    plan_id: int | None = Field(default=None, description="Set when done.")
    error: str | None = Field(default=None, description="Set when failed: why.")
    attempts: int


class RefusedRow(BaseModel):
    line: int
    reason: str


class LogOut(BaseModel):
    taken: int = Field(description="Rows stored.")
    refused: list[RefusedRow] = Field(description="Rows skipped, each with its line and why.")


class FieldProblem(BaseModel):
    loc: list[str]
    field: str
    msg: str
    type: str = "profile"


class ProfileProblems(BaseModel):
    """An invalid profile: one entry per field, each message naming the fix."""

    detail: list[FieldProblem]
