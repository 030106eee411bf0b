# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudStatus`: The state of a cloud allocation as a whole."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class AllocationCloudStatus(PiecesModel):
    """The state of a cloud allocation as a whole.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    cloud: AllocationStatusEnum = Field(description="State of the cloud instance.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
