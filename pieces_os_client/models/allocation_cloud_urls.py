# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloudUrls`: The addresses under which a cloud allocation can be reached."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.allocation_cloud_url import AllocationCloudUrl
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class AllocationCloudUrls(PiecesModel):
    """The addresses under which a cloud allocation can be reached.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    base: AllocationCloudUrl = Field(description="The base address.")
    id: AllocationCloudUrl = Field(description="The address derived from the allocation id.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    vanity: Optional[AllocationCloudUrl] = Field(
        default=None, description="The address derived from the user's vanity name."
    )
