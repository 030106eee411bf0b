# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ReconnectToCloudInstanceConfiguration`: Whether users may reconnect to their cloud."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.instance_configuration_enabled_enum import InstanceConfigurationEnabledEnum


class ReconnectToCloudInstanceConfiguration(PiecesModel):
    """Whether users may reconnect to their cloud.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    enabled: InstanceConfigurationEnabledEnum = Field(description="Whether this setting is on.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
