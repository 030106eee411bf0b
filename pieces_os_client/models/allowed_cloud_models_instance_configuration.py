# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllowedCloudModelsInstanceConfiguration`: Which cloud language models an organization allows, and which it
uses by default."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.instance_configuration_allowed_cloud_models_default_models import (
    InstanceConfigurationAllowedCloudModelsDefaultModels,
)
from pieces_os_client.models.instance_configuration_allowed_models import InstanceConfigurationAllowedModels
from pieces_os_client.models.instance_configuration_enabled_enum import InstanceConfigurationEnabledEnum


class AllowedCloudModelsInstanceConfiguration(PiecesModel):
    """Which cloud language models an organization allows, and which it uses by default.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    allowed_models: Optional[InstanceConfigurationAllowedModels] = Field(
        default=None,
        validation_alias="allowedModels",
        serialization_alias="allowedModels",
        description="The models users may pick.",
    )
    default_models: Optional[InstanceConfigurationAllowedCloudModelsDefaultModels] = Field(
        default=None,
        validation_alias="defaultModels",
        serialization_alias="defaultModels",
        description="The models used by default.",
    )
    enabled: InstanceConfigurationEnabledEnum = Field(description="Whether this setting is on.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
