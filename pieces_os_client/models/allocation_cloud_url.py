# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudUrl`: One address of a cloud allocation together with the state of that address."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class AllocationCloudUrl(PiecesModel):
    """One address of a cloud allocation together with the state of that address.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    status: AllocationStatusEnum = Field(alias="status", description="State of this address.")
    url: StrictStr = Field(alias="url", description="The address.")


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "AllocationStatusEnum": "pieces_os_client.models.allocation_status_enum",
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
