# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAllowedModel`: One language model, described by a unique identifier and optional
details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictBool, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class InstanceConfigurationAllowedModel(PiecesModel):
    """One language model, described by a unique identifier and optional details.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    custom: Optional[StrictBool] = Field(
        default=None, description="True for a model the organization added itself."
    )
    foundation: Optional[_models.ModelFoundationEnum] = Field(default=None, description="Model family.")
    max_tokens: Optional[_models.ModelMaxTokens] = Field(
        default=None,
        validation_alias="maxTokens",
        serialization_alias="maxTokens",
        description="Token limits.",
    )
    name: Optional[StrictStr] = Field(default=None, description="Display name.")
    provider: Optional[_models.ExternalMLProviderEnum] = Field(
        default=None, description="Who publishes the model."
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    type: Optional[_models.ModelTypeEnum] = Field(default=None, description="What the model is tuned for.")
    unique: StrictStr = Field(description="Unique identifier of the model.")
    version: Optional[StrictStr] = Field(default=None, description="Version of the model.")


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
                "EmbeddedModelSchema",
                "ExternalMLProviderEnum",
                "ModelFoundationEnum",
                "ModelMaxTokens",
                "ModelTypeEnum",
            }
        ),
    )
