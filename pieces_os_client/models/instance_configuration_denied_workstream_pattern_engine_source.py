# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationDeniedWorkstreamPatternEngineSource`: One application the workstream pattern engine
must ignore."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class InstanceConfigurationDeniedWorkstreamPatternEngineSource(PiecesModel):
    """One application the workstream pattern engine must ignore.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    application: Optional[StrictStr] = Field(
        default=None, alias="application", description="Name of the application."
    )
    bundle_identifiers: Optional[List[StrictStr]] = Field(
        default=None, alias="bundle_identifiers", description="Bundle identifiers of the application."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
