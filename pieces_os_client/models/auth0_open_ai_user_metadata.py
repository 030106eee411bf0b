# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Auth0OpenAIUserMetadata`: A user's own OpenAI credentials, as kept by the identity provider."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class Auth0OpenAIUserMetadata(PiecesModel):
    """A user's own OpenAI credentials, as kept by the identity provider.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    api_key: Optional[StrictStr] = Field(default=None, description="The OpenAI API key.")
    api_key_name: Optional[StrictStr] = Field(default=None, description="The name the user gave the key.")
    organization_key: Optional[StrictStr] = Field(default=None, description="The OpenAI organization id.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
