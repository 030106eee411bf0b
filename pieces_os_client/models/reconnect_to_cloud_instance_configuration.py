# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ReconnectToCloudInstanceConfiguration`: Whether users may reconnect to their cloud."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.instance_configuration_enabled_enum import InstanceConfigurationEnabledEnum


class ReconnectToCloudInstanceConfiguration(PiecesModel):
    """Whether users may reconnect to their cloud.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    enabled: InstanceConfigurationEnabledEnum = Field(
        alias="enabled", description="Whether this setting is on."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "InstanceConfigurationEnabledEnum": "pieces_os_client.models.instance_configuration_enabled_enum",
}
