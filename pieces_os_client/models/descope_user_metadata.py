# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`DescopeUserMetadata`: Extra account data the Descope identity provider keeps for a user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class DescopeUserMetadata(PiecesModel):
    """Extra account data the Descope identity provider keeps for a user.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    allocation: Optional[_models.Auth0UserAllocationMetadata] = Field(
        default=None, description="Project and region of the user's cloud allocation."
    )
    beta: Optional[_models.AnonymousTemporalRange] = Field(
        default=None, description="The period during which the user takes part in the beta programme."
    )
    descope_id: StrictStr = Field(description="The user's id at Descope.")
    global_id: StrictStr = Field(description="The user's id across Pieces services.")
    open_ai: Optional[_models.Auth0OpenAIUserMetadata] = Field(
        default=None,
        validation_alias="open_AI",
        serialization_alias="open_AI",
        description="The user's own OpenAI credentials.",
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    vanityname: Optional[StrictStr] = Field(
        default=None, description="The user's vanity name: the readable part of their personal cloud address."
    )


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
                "AnonymousTemporalRange",
                "Auth0OpenAIUserMetadata",
                "Auth0UserAllocationMetadata",
                "EmbeddedModelSchema",
            }
        ),
    )
