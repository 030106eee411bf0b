"""`ApiResponse`: what the ``*_with_http_info`` methods return."""

from __future__ import annotations

from typing import Generic, Mapping, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBytes, StrictInt

T = TypeVar("T")


class ApiResponse(BaseModel, Generic[T]):
    """A decoded response with its status, headers and the raw body bytes."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    status_code: StrictInt = Field(description="HTTP status code")
    headers: Optional[Mapping[str, str]] = Field(default=None, description="HTTP headers")
    data: T = Field(description="The body decoded into the declared type")
    raw_data: StrictBytes = Field(description="The body exactly as received")
