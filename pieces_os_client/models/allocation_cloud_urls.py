# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudUrls`: The addresses under which a cloud allocation can be reached."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.allocation_cloud_url import AllocationCloudUrl
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class AllocationCloudUrls(PiecesModel):
    """The addresses under which a cloud allocation can be reached.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    base: AllocationCloudUrl = Field(alias="base", description="The base address.")
    id: AllocationCloudUrl = Field(alias="id", description="The address derived from the allocation id.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    vanity: Optional[AllocationCloudUrl] = Field(
        default=None, alias="vanity", description="The address derived from the user's vanity name."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "AllocationCloudUrl": "pieces_os_client.models.allocation_cloud_url",
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
