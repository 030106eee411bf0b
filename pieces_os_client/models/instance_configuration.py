# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfiguration`: The settings an organization or team applies to the Pieces instances of its
members."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.instance_configuration_analytics import InstanceConfigurationAnalytics
from pieces_os_client.models.instance_configuration_external_cloud import InstanceConfigurationExternalCloud
from pieces_os_client.models.instance_configuration_external_provider import (
    InstanceConfigurationExternalProvider,
)


class InstanceConfiguration(PiecesModel):
    """The settings an organization or team applies to the Pieces instances of its members.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    analytics: Optional[InstanceConfigurationAnalytics] = Field(
        default=None, description="Analytics settings."
    )
    external_cloud: Optional[InstanceConfigurationExternalCloud] = Field(
        default=None,
        validation_alias="externalCloud",
        serialization_alias="externalCloud",
        description="Cloud feature settings.",
    )
    external_provider: Optional[InstanceConfigurationExternalProvider] = Field(
        default=None,
        validation_alias="externalProvider",
        serialization_alias="externalProvider",
        description="External model provider settings.",
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
