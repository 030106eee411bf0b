# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationExternalProvider`: Settings for external model providers and the workstream pattern
engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel, referred_models


class InstanceConfigurationExternalProvider(PiecesModel):
    """Settings for external model providers and the workstream pattern engine.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    allowed_cloud_models: Optional[_models.AllowedCloudModelsInstanceConfiguration] = Field(
        default=None,
        validation_alias="allowedCloudModels",
        serialization_alias="allowedCloudModels",
        description="Allowed cloud models.",
    )
    denied_workstream_pattern_engine_sources: Optional[
        _models.DeniedWorkstreamPatternEngineSourcesInstanceConfiguration
    ] = Field(
        default=None,
        validation_alias="deniedWorkstreamPatternEngineSources",
        serialization_alias="deniedWorkstreamPatternEngineSources",
        description="Applications to ignore.",
    )
    denied_workstream_pattern_engine_websites: Optional[
        _models.DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration
    ] = Field(
        default=None,
        validation_alias="deniedWorkstreamPatternEngineWebsites",
        serialization_alias="deniedWorkstreamPatternEngineWebsites",
        description="Websites to ignore.",
    )
    processing: Optional[_models.ProcessingInstanceConfiguration] = Field(
        default=None, description="Where processing may happen."
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )


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
                "AllowedCloudModelsInstanceConfiguration",
                "DeniedWorkstreamPatternEngineSourcesInstanceConfiguration",
                "DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration",
                "EmbeddedModelSchema",
                "ProcessingInstanceConfiguration",
            }
        ),
    )
