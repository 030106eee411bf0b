# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Theme`: The user's colour theme."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictBool

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class Theme(PiecesModel):
    """The user's colour theme.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    dark: StrictBool = Field(description="True for the dark theme.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
