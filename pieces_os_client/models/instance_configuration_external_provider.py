# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationExternalProvider`: Settings for external model providers and the workstream pattern
engine."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.allowed_cloud_models_instance_configuration import (
    AllowedCloudModelsInstanceConfiguration,
)
from pieces_os_client.models.denied_workstream_pattern_engine_sources_instance_configuration import (
    DeniedWorkstreamPatternEngineSourcesInstanceConfiguration,
)
from pieces_os_client.models.denied_workstream_pattern_engine_websites_instance_configuration import (
    DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration,
)
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.processing_instance_configuration import ProcessingInstanceConfiguration


class InstanceConfigurationExternalProvider(PiecesModel):
    """Settings for external model providers and the workstream pattern engine.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    allowed_cloud_models: Optional[AllowedCloudModelsInstanceConfiguration] = Field(
        default=None,
        validation_alias="allowedCloudModels",
        serialization_alias="allowedCloudModels",
        description="Allowed cloud models.",
    )
    denied_workstream_pattern_engine_sources: Optional[
        DeniedWorkstreamPatternEngineSourcesInstanceConfiguration
    ] = Field(
        default=None,
        validation_alias="deniedWorkstreamPatternEngineSources",
        serialization_alias="deniedWorkstreamPatternEngineSources",
        description="Applications to ignore.",
    )
    denied_workstream_pattern_engine_websites: Optional[
        DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration
    ] = Field(
        default=None,
        validation_alias="deniedWorkstreamPatternEngineWebsites",
        serialization_alias="deniedWorkstreamPatternEngineWebsites",
        description="Websites to ignore.",
    )
    processing: Optional[ProcessingInstanceConfiguration] = Field(
        default=None, description="Where processing may happen."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
