# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`DescopeUserMetadata`: Extra account data the Descope identity provider keeps for a user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.anonymous_temporal_range import AnonymousTemporalRange
    from pieces_os_client.models.auth0_open_ai_user_metadata import Auth0OpenAIUserMetadata
    from pieces_os_client.models.auth0_user_allocation_metadata import Auth0UserAllocationMetadata
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class DescopeUserMetadata(PiecesModel):
    """Extra account data the Descope identity provider keeps for a user.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    allocation: Optional[Auth0UserAllocationMetadata] = Field(
        default=None, alias="allocation", description="Project and region of the user's cloud allocation."
    )
    beta: Optional[AnonymousTemporalRange] = Field(
        default=None,
        alias="beta",
        description="The period during which the user takes part in the beta programme.",
    )
    descope_id: StrictStr = Field(alias="descope_id", description="The user's id at Descope.")
    global_id: StrictStr = Field(alias="global_id", description="The user's id across Pieces services.")
    open_ai: Optional[Auth0OpenAIUserMetadata] = Field(
        default=None, alias="open_AI", description="The user's own OpenAI credentials."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    vanityname: Optional[StrictStr] = Field(
        default=None,
        alias="vanityname",
        description="The user's vanity name: the readable part of their personal cloud address.",
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "AnonymousTemporalRange": "pieces_os_client.models.anonymous_temporal_range",
    "Auth0OpenAIUserMetadata": "pieces_os_client.models.auth0_open_ai_user_metadata",
    "Auth0UserAllocationMetadata": "pieces_os_client.models.auth0_user_allocation_metadata",
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
