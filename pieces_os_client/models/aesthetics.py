# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Aesthetics`: How the user likes Pieces to look: theme and font."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.font import Font
    from pieces_os_client.models.theme import Theme


class Aesthetics(PiecesModel):
    """How the user likes Pieces to look: theme and font.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    font: Font = Field(alias="font", description="Font settings.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    theme: Theme = Field(alias="theme", description="Colour theme.")


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "Font": "pieces_os_client.models.font",
    "Theme": "pieces_os_client.models.theme",
}
