# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudStatus`: The state of a cloud allocation as a whole."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel


class AllocationCloudStatus(PiecesModel):
    """The state of a cloud allocation as a whole.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    cloud: AllocationStatusEnum = Field(alias="cloud", description="State of the cloud instance.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# Imported after the class so that models which refer to each other (directly or in a cycle) can be
# imported in any order; pydantic resolves the names when the model is first used.
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
