# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedEntity`: An organization or team, with references to its users and subscriptions rather than full
copies."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.entity_type_enum import EntityTypeEnum
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
from pieces_os_client.models.instance_configuration import InstanceConfiguration


class FlattenedEntity(PiecesModel):
    """An organization or team, with references to its users and subscriptions rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    configuration: InstanceConfiguration = Field(
        description="Settings the entity applies to its members' Pieces instances."
    )
    created: GroupedTimestamp = Field(description="When this was created.")
    deleted: Optional[GroupedTimestamp] = Field(
        default=None, description="When the entity was deleted, if it was."
    )
    id: StrictStr = Field(description="Unique id of the entity.")
    name: StrictStr = Field(description="Name of the entity.")
    org_identifier: Optional[StrictStr] = Field(
        default=None, description="Id of the organization this entity belongs to."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    subscriptions: Optional[FlattenedSubscriptions] = Field(
        default=None, description="Subscriptions of the entity."
    )
    team_identifier: Optional[StrictStr] = Field(
        default=None, description="Id of the team, when the entity is a team."
    )
    type: EntityTypeEnum = Field(description="Whether the entity is an organization or a team.")
    updated: GroupedTimestamp = Field(description="When this was last updated.")
    users: Optional[FlattenedUsers] = Field(default=None, description="Members of the entity.")


# These models and this one refer to each other (a cycle), so they are imported after the class: the
# modules of the cycle then import in any order, and pydantic finds the names here when it first
# builds the model.
from pieces_os_client.models.flattened_subscriptions import FlattenedSubscriptions  # noqa: E402
from pieces_os_client.models.flattened_users import FlattenedUsers  # noqa: E402
