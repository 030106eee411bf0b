# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`UserProfile`: A Pieces user: identity, preferences, linked accounts and, when connected, the cloud
allocation."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.aesthetics import Aesthetics
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.auth0_user_metadata import Auth0UserMetadata
from pieces_os_client.models.descope_user_metadata import DescopeUserMetadata
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.external_providers import ExternalProviders
from pieces_os_client.models.flattened_entities import FlattenedEntities
from pieces_os_client.models.flattened_subscriptions import FlattenedSubscriptions
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp


class UserProfile(PiecesModel):
    """A Pieces user: identity, preferences, linked accounts and, when connected, the cloud allocation.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    aesthetics: Aesthetics = Field(description="Look-and-feel preferences.")
    allocation: Optional[AllocationCloud] = Field(
        default=None, description="The user's cloud allocation, when there is one."
    )
    api_keys: Optional[List[StrictStr]] = Field(
        default=None,
        validation_alias="apiKeys",
        serialization_alias="apiKeys",
        description="API keys that belong to the user.",
        fail_fast=True,
    )
    auth0: Optional[Auth0UserMetadata] = Field(default=None, description="Account data kept by Auth0.")
    created: Optional[GroupedTimestamp] = Field(default=None, description="When the profile was created.")
    descope: Optional[DescopeUserMetadata] = Field(default=None, description="Account data kept by Descope.")
    email: Optional[StrictStr] = Field(default=None, description="The user's email address.")
    entities: Optional[FlattenedEntities] = Field(
        default=None, description="Organizations and teams the user belongs to."
    )
    id: StrictStr = Field(description="Unique id of the user.")
    name: Optional[StrictStr] = Field(default=None, description="The user's display name.")
    picture: Optional[StrictStr] = Field(default=None, description="Address of the user's profile picture.")
    providers: Optional[ExternalProviders] = Field(
        default=None, description="External sign-in accounts linked to the user."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    subscriptions: Optional[FlattenedSubscriptions] = Field(
        default=None, description="The user's billing subscriptions."
    )
    updated: Optional[GroupedTimestamp] = Field(
        default=None, description="When the profile was last updated."
    )
    username: Optional[StrictStr] = Field(default=None, description="The user's unique username.")
    vanityname: Optional[StrictStr] = Field(
        default=None, description="The user's vanity name: the readable part of their personal cloud address."
    )
