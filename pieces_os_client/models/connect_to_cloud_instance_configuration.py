# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ConnectToCloudInstanceConfiguration`: Whether users may connect to their cloud."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel, referred_models


class ConnectToCloudInstanceConfiguration(PiecesModel):
    """Whether users may connect to their cloud.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    enabled: _models.InstanceConfigurationEnabledEnum = Field(description="Whether this setting is on.")
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
        __name__, frozenset({"EmbeddedModelSchema", "InstanceConfigurationEnabledEnum"})
    )
