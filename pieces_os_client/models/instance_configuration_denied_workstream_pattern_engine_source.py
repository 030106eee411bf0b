# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationDeniedWorkstreamPatternEngineSource`: One application the workstream pattern engine
must ignore."""

from __future__ import annotations

from typing import List, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class InstanceConfigurationDeniedWorkstreamPatternEngineSource(PiecesModel):
    """One application the workstream pattern engine must ignore.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    application: Optional[StrictStr] = Field(default=None, description="Name of the application.")
    bundle_identifiers: Optional[List[StrictStr]] = Field(
        default=None, description="Bundle identifiers of the application.", fail_fast=True
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
