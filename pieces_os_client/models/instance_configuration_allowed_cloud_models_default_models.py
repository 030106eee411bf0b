# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAllowedCloudModelsDefaultModels`: The cloud models used by default for each
purpose."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.instance_configuration_allowed_model import InstanceConfigurationAllowedModel


class InstanceConfigurationAllowedCloudModelsDefaultModels(PiecesModel):
    """The cloud models used by default for each purpose.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    accurate: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None, description="Model for answers that need accuracy."
    )
    fallback_accurate: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None,
        validation_alias="fallbackAccurate",
        serialization_alias="fallbackAccurate",
        description="Model used when the accurate one is unavailable.",
    )
    fallback_fast: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None,
        validation_alias="fallbackFast",
        serialization_alias="fallbackFast",
        description="Model used when the fast one is unavailable.",
    )
    fast: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None, description="Model for answers that need speed."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
