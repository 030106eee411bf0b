# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAllowedModel`: One language model, described by a unique identifier and optional
details."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictBool, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.external_ml_provider_enum import ExternalMLProviderEnum
from pieces_os_client.models.model_foundation_enum import ModelFoundationEnum
from pieces_os_client.models.model_max_tokens import ModelMaxTokens
from pieces_os_client.models.model_type_enum import ModelTypeEnum


class InstanceConfigurationAllowedModel(PiecesModel):
    """One language model, described by a unique identifier and optional details.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    custom: Optional[StrictBool] = Field(
        default=None, description="True for a model the organization added itself."
    )
    foundation: Optional[ModelFoundationEnum] = Field(default=None, description="Model family.")
    max_tokens: Optional[ModelMaxTokens] = Field(
        default=None,
        validation_alias="maxTokens",
        serialization_alias="maxTokens",
        description="Token limits.",
    )
    name: Optional[StrictStr] = Field(default=None, description="Display name.")
    provider: Optional[ExternalMLProviderEnum] = Field(default=None, description="Who publishes the model.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    type: Optional[ModelTypeEnum] = Field(default=None, description="What the model is tuned for.")
    unique: StrictStr = Field(description="Unique identifier of the model.")
    version: Optional[StrictStr] = Field(default=None, description="Version of the model.")
