# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationDeniedWorkstreamPatternEngineWebsites`: A list of websites the workstream pattern
engine must ignore."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.instance_configuration_denied_workstream_pattern_engine_website import (
    InstanceConfigurationDeniedWorkstreamPatternEngineWebsite,
)


class InstanceConfigurationDeniedWorkstreamPatternEngineWebsites(PiecesModel):
    """A list of websites the workstream pattern engine must ignore.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    iterable: List[InstanceConfigurationDeniedWorkstreamPatternEngineWebsite] = Field(
        description="The websites.", fail_fast=True
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
