# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAllowedModel`: One language model, described by a unique identifier and optional
details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictBool, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
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
        default=None, alias="custom", description="True for a model the organization added itself."
    )
    foundation: Optional[ModelFoundationEnum] = Field(
        default=None, alias="foundation", description="Model family."
    )
    max_tokens: Optional[ModelMaxTokens] = Field(default=None, alias="maxTokens", description="Token limits.")
    name: Optional[StrictStr] = Field(default=None, alias="name", description="Display name.")
    provider: Optional[ExternalMLProviderEnum] = Field(
        default=None, alias="provider", description="Who publishes the model."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    type: Optional[ModelTypeEnum] = Field(
        default=None, alias="type", description="What the model is tuned for."
    )
    unique: StrictStr = Field(alias="unique", description="Unique identifier of the model.")
    version: Optional[StrictStr] = Field(default=None, alias="version", description="Version of the model.")


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "ExternalMLProviderEnum": "pieces_os_client.models.external_ml_provider_enum",
    "ModelFoundationEnum": "pieces_os_client.models.model_foundation_enum",
    "ModelMaxTokens": "pieces_os_client.models.model_max_tokens",
    "ModelTypeEnum": "pieces_os_client.models.model_type_enum",
}
