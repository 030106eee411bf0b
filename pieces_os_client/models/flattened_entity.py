# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedEntity`: An organization or team, with references to its users and subscriptions rather than full
copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class FlattenedEntity(PiecesModel):
    """An organization or team, with references to its users and subscriptions rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    configuration: _models.InstanceConfiguration = Field(
        description="Settings the entity applies to its members' Pieces instances."
    )
    created: _models.GroupedTimestamp = Field(description="When this was created.")
    deleted: Optional[_models.GroupedTimestamp] = Field(
        default=None, description="When the entity was deleted, if it was."
    )
    id: StrictStr = Field(description="Unique id of the entity.")
    name: StrictStr = Field(description="Name of the entity.")
    org_identifier: Optional[StrictStr] = Field(
        default=None, description="Id of the organization this entity belongs to."
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    subscriptions: Optional[_models.FlattenedSubscriptions] = Field(
        default=None, description="Subscriptions of the entity."
    )
    team_identifier: Optional[StrictStr] = Field(
        default=None, description="Id of the team, when the entity is a team."
    )
    type: _models.EntityTypeEnum = Field(description="Whether the entity is an organization or a team.")
    updated: _models.GroupedTimestamp = Field(description="When this was last updated.")
    users: Optional[_models.FlattenedUsers] = Field(default=None, description="Members of the entity.")


# The models named as `_models.X` above are looked up through the package (which imports a model's
# module the first time its name is read) when pydantic first builds this model, on its first use:
# importing this module creates this one class. `_models` is bound only after the class, so pydantic,
# creating it, leaves those annotations for that first build. See docs/design.md.
from pieces_os_client import models as _models  # noqa: E402

if not TYPE_CHECKING:  # `from` this module `import` a model it refers to: loaded on look-up
    __getattr__ = referred_models(
        __name__,
        frozenset(
            {
                "EmbeddedModelSchema",
                "EntityTypeEnum",
                "FlattenedSubscriptions",
                "FlattenedUsers",
                "GroupedTimestamp",
                "InstanceConfiguration",
            }
        ),
    )
