# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudUrl`: One address of a cloud allocation together with the state of that address."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class AllocationCloudUrl(PiecesModel):
    """One address of a cloud allocation together with the state of that address.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    status: AllocationStatusEnum = Field(description="State of this address.")
    url: StrictStr = Field(description="The address.")
