# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ModelMaxTokens`: Token limits of a language model. Counts may be sent as integers or as numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional, Union

from pydantic import Field, StrictFloat, StrictInt

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class ModelMaxTokens(PiecesModel):
    """Token limits of a language model. Counts may be sent as integers or as numbers.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    input: Optional[Union[StrictInt, StrictFloat]] = Field(
        default=None, alias="input", description="Most tokens accepted as input."
    )
    output: Optional[Union[StrictInt, StrictFloat]] = Field(
        default=None, alias="output", description="Most tokens produced as output."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    total: Union[StrictInt, StrictFloat] = Field(alias="total", description="Most tokens in total.")


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
