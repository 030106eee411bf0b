# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Score`: Counters Pieces keeps to rank an object: how often it was used, searched, referenced and so on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class Score(PiecesModel):
    """Counters Pieces keeps to rank an object: how often it was used, searched, referenced and so on.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    automatic: StrictInt = Field(alias="automatic", description="Score computed by Pieces.")
    manual: StrictInt = Field(alias="manual", description="Score set by the user.")
    priority: Optional[StrictInt] = Field(
        default=None, alias="priority", description="Priority given to the object."
    )
    reference: Optional[StrictInt] = Field(
        default=None, alias="reference", description="How often the object was referenced."
    )
    reuse: Optional[StrictInt] = Field(
        default=None, alias="reuse", description="How often the object was reused."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    searched: Optional[StrictInt] = Field(
        default=None, alias="searched", description="How often the object showed up in searches."
    )
    update: Optional[StrictInt] = Field(
        default=None, alias="update", description="How often the object was updated."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
