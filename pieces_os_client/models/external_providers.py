# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ExternalProviders`: The external sign-in accounts linked to a user."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel


class ExternalProviders(PiecesModel):
    """The external sign-in accounts linked to a user.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    iterable: List[ExternalProvider] = Field(alias="iterable", description="The linked accounts.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# Imported after the class so that models which refer to each other (directly or in a cycle) can be
# imported in any order; pydantic resolves the names when the model is first used.
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.external_provider import ExternalProvider
