# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedUserProfile`: A user profile that holds references to its entities and subscriptions rather than
full copies."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class FlattenedUserProfile(PiecesModel):
    """A user profile that holds references to its entities and subscriptions rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    email: Optional[StrictStr] = Field(default=None, description="The user's email address.")
    entities: Optional[FlattenedEntities] = Field(
        default=None, description="Organizations and teams the user belongs to."
    )
    id: StrictStr = Field(description="Unique id of the user.")
    name: Optional[StrictStr] = Field(default=None, description="The user's display name.")
    picture: Optional[StrictStr] = Field(default=None, description="Address of the user's profile picture.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    subscriptions: Optional[FlattenedSubscriptions] = Field(
        default=None, description="The user's subscriptions."
    )
    username: Optional[StrictStr] = Field(default=None, description="The user's unique username.")
    vanityname: Optional[StrictStr] = Field(
        default=None, description="The user's vanity name: the readable part of their personal cloud address."
    )


# These models and this one refer to each other (a cycle), so they are imported after the class: the
# modules of the cycle then import in any order, and pydantic finds the names here when it first
# builds the model.
from pieces_os_client.models.flattened_entities import FlattenedEntities  # noqa: E402
from pieces_os_client.models.flattened_subscriptions import FlattenedSubscriptions  # noqa: E402
