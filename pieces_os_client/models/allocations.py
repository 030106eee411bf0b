# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Allocations`: Every cloud allocation this Pieces OS knows about."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class Allocations(PiecesModel):
    """Every cloud allocation this Pieces OS knows about.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    iterable: List[AllocationCloud] = Field(alias="iterable", description="The cloud allocations.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "AllocationCloud": "pieces_os_client.models.allocation_cloud",
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
