# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedUserProfile`: A user profile that holds references to its entities and subscriptions rather than
full copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.flattened_entities import FlattenedEntities
    from pieces_os_client.models.flattened_subscriptions import FlattenedSubscriptions


class FlattenedUserProfile(PiecesModel):
    """A user profile that holds references to its entities and subscriptions rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    email: Optional[StrictStr] = Field(default=None, alias="email", description="The user's email address.")
    entities: Optional[FlattenedEntities] = Field(
        default=None, alias="entities", description="Organizations and teams the user belongs to."
    )
    id: StrictStr = Field(alias="id", description="Unique id of the user.")
    name: Optional[StrictStr] = Field(default=None, alias="name", description="The user's display name.")
    picture: Optional[StrictStr] = Field(
        default=None, alias="picture", description="Address of the user's profile picture."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    subscriptions: Optional[FlattenedSubscriptions] = Field(
        default=None, alias="subscriptions", description="The user's subscriptions."
    )
    username: Optional[StrictStr] = Field(
        default=None, alias="username", description="The user's unique username."
    )
    vanityname: Optional[StrictStr] = Field(
        default=None,
        alias="vanityname",
        description="The user's vanity name: the readable part of their personal cloud address.",
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "FlattenedEntities": "pieces_os_client.models.flattened_entities",
    "FlattenedSubscriptions": "pieces_os_client.models.flattened_subscriptions",
}
