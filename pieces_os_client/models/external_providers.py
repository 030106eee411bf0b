# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ExternalProviders`: The external sign-in accounts linked to a user."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.external_provider import ExternalProvider


class ExternalProviders(PiecesModel):
    """The external sign-in accounts linked to a user.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    iterable: List[ExternalProvider] = Field(description="The linked accounts.", fail_fast=True)
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
