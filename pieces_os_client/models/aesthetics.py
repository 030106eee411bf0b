# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Aesthetics`: How the user likes Pieces to look: theme and font."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.font import Font
from pieces_os_client.models.theme import Theme


class Aesthetics(PiecesModel):
    """How the user likes Pieces to look: theme and font.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    font: Font = Field(description="Font settings.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    theme: Theme = Field(description="Colour theme.")
