# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudStatus`: The state of a cloud allocation as a whole."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class AllocationCloudStatus(PiecesModel):
    """The state of a cloud allocation as a whole.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    cloud: AllocationStatusEnum = Field(alias="cloud", description="State of the cloud instance.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "AllocationStatusEnum": "pieces_os_client.models.allocation_status_enum",
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
