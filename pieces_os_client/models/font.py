# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Font`: The user's font settings."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class Font(PiecesModel):
    """The user's font settings.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    size: StrictInt = Field(description="Font size.")
