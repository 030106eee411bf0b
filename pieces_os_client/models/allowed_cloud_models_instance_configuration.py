# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllowedCloudModelsInstanceConfiguration`: Which cloud language models an organization allows, and which it
uses by default."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel


class AllowedCloudModelsInstanceConfiguration(PiecesModel):
    """Which cloud language models an organization allows, and which it uses by default.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    allowed_models: Optional[InstanceConfigurationAllowedModels] = Field(
        default=None, alias="allowedModels", description="The models users may pick."
    )
    default_models: Optional[InstanceConfigurationAllowedCloudModelsDefaultModels] = Field(
        default=None, alias="defaultModels", description="The models used by default."
    )
    enabled: InstanceConfigurationEnabledEnum = Field(
        alias="enabled", description="Whether this setting is on."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# Imported after the class so that models which refer to each other (directly or in a cycle) can be
# imported in any order; pydantic resolves the names when the model is first used.
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.instance_configuration_allowed_cloud_models_default_models import (
    InstanceConfigurationAllowedCloudModelsDefaultModels,
)
from pieces_os_client.models.instance_configuration_allowed_models import InstanceConfigurationAllowedModels
from pieces_os_client.models.instance_configuration_enabled_enum import InstanceConfigurationEnabledEnum
