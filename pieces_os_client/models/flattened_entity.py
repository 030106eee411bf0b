# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedEntity`: An organization or team, with references to its users and subscriptions rather than full
copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.entity_type_enum import EntityTypeEnum
    from pieces_os_client.models.flattened_subscriptions import FlattenedSubscriptions
    from pieces_os_client.models.flattened_users import FlattenedUsers
    from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
    from pieces_os_client.models.instance_configuration import InstanceConfiguration


class FlattenedEntity(PiecesModel):
    """An organization or team, with references to its users and subscriptions rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    configuration: InstanceConfiguration = Field(
        alias="configuration", description="Settings the entity applies to its members' Pieces instances."
    )
    created: GroupedTimestamp = Field(alias="created", description="When this was created.")
    deleted: Optional[GroupedTimestamp] = Field(
        default=None, alias="deleted", description="When the entity was deleted, if it was."
    )
    id: StrictStr = Field(alias="id", description="Unique id of the entity.")
    name: StrictStr = Field(alias="name", description="Name of the entity.")
    org_identifier: Optional[StrictStr] = Field(
        default=None, alias="org_identifier", description="Id of the organization this entity belongs to."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    subscriptions: Optional[FlattenedSubscriptions] = Field(
        default=None, alias="subscriptions", description="Subscriptions of the entity."
    )
    team_identifier: Optional[StrictStr] = Field(
        default=None, alias="team_identifier", description="Id of the team, when the entity is a team."
    )
    type: EntityTypeEnum = Field(alias="type", description="Whether the entity is an organization or a team.")
    updated: GroupedTimestamp = Field(alias="updated", description="When this was last updated.")
    users: Optional[FlattenedUsers] = Field(default=None, alias="users", description="Members of the entity.")


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "EntityTypeEnum": "pieces_os_client.models.entity_type_enum",
    "FlattenedSubscriptions": "pieces_os_client.models.flattened_subscriptions",
    "FlattenedUsers": "pieces_os_client.models.flattened_users",
    "GroupedTimestamp": "pieces_os_client.models.grouped_timestamp",
    "InstanceConfiguration": "pieces_os_client.models.instance_configuration",
}
