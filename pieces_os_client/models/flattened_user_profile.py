# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedUserProfile`: A user profile that holds references to its entities and subscriptions rather than
full copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class FlattenedUserProfile(PiecesModel):
    """A user profile that holds references to its entities and subscriptions rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    email: Optional[StrictStr] = Field(default=None, description="The user's email address.")
    entities: Optional[_models.FlattenedEntities] = Field(
        default=None, description="Organizations and teams the user belongs to."
    )
    id: StrictStr = Field(description="Unique id of the user.")
    name: Optional[StrictStr] = Field(default=None, description="The user's display name.")
    picture: Optional[StrictStr] = Field(default=None, description="Address of the user's profile picture.")
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    subscriptions: Optional[_models.FlattenedSubscriptions] = Field(
        default=None, description="The user's subscriptions."
    )
    username: Optional[StrictStr] = Field(default=None, description="The user's unique username.")
    vanityname: Optional[StrictStr] = Field(
        default=None, description="The user's vanity name: the readable part of their personal cloud address."
    )


# The models named as `_models.X` above are looked up through the package (which imports a model's
# module the first time its name is read) when pydantic first builds this model, on its first use:
# importing this module creates this one class. `_models` is bound only after the class, so pydantic,
# creating it, leaves those annotations for that first build. See docs/design.md.
from pieces_os_client import models as _models  # noqa: E402

if not TYPE_CHECKING:  # `from` this module `import` a model it refers to: loaded on look-up
    __getattr__ = referred_models(
        __name__, frozenset({"EmbeddedModelSchema", "FlattenedEntities", "FlattenedSubscriptions"})
    )
