# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ModelMaxTokens`: Token limits of a language model. Counts may be sent as integers or as numbers."""

from __future__ import annotations

from typing import Optional, Union

from pydantic import Field, StrictFloat, StrictInt

from pieces_os_client._model import PiecesModel


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


# Imported after the class so that models which refer to each other (directly or in a cycle) can be
# imported in any order; pydantic resolves the names when the model is first used.
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
