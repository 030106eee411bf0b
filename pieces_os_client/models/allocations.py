# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Allocations`: Every cloud allocation this Pieces OS knows about."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class Allocations(PiecesModel):
    """Every cloud allocation this Pieces OS knows about.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    iterable: List[AllocationCloud] = Field(description="The cloud allocations.", fail_fast=True)
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
