# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAllowedCloudModelsDefaultModels`: The cloud models used by default for each
purpose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.instance_configuration_allowed_model import InstanceConfigurationAllowedModel


class InstanceConfigurationAllowedCloudModelsDefaultModels(PiecesModel):
    """The cloud models used by default for each purpose.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    accurate: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None, alias="accurate", description="Model for answers that need accuracy."
    )
    fallback_accurate: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None, alias="fallbackAccurate", description="Model used when the accurate one is unavailable."
    )
    fallback_fast: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None, alias="fallbackFast", description="Model used when the fast one is unavailable."
    )
    fast: Optional[InstanceConfigurationAllowedModel] = Field(
        default=None, alias="fast", description="Model for answers that need speed."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "InstanceConfigurationAllowedModel": "pieces_os_client.models.instance_configuration_allowed_model",
}
