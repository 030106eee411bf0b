# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAllowedCloudModelsDefaultModels`: The cloud models used by default for each
purpose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel, referred_models


class InstanceConfigurationAllowedCloudModelsDefaultModels(PiecesModel):
    """The cloud models used by default for each purpose.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    accurate: Optional[_models.InstanceConfigurationAllowedModel] = Field(
        default=None, description="Model for answers that need accuracy."
    )
    fallback_accurate: Optional[_models.InstanceConfigurationAllowedModel] = Field(
        default=None,
        validation_alias="fallbackAccurate",
        serialization_alias="fallbackAccurate",
        description="Model used when the accurate one is unavailable.",
    )
    fallback_fast: Optional[_models.InstanceConfigurationAllowedModel] = Field(
        default=None,
        validation_alias="fallbackFast",
        serialization_alias="fallbackFast",
        description="Model used when the fast one is unavailable.",
    )
    fast: Optional[_models.InstanceConfigurationAllowedModel] = Field(
        default=None, description="Model for answers that need speed."
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
        __name__, frozenset({"EmbeddedModelSchema", "InstanceConfigurationAllowedModel"})
    )
