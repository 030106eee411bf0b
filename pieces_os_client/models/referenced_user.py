# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ReferencedUser`: A reference to a user by id, optionally with a flattened copy of the profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.flattened_user_profile import FlattenedUserProfile


class ReferencedUser(PiecesModel):
    """A reference to a user by id, optionally with a flattened copy of the profile.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    id: StrictStr = Field(alias="id", description="Id of the user.")
    reference: Optional[FlattenedUserProfile] = Field(
        default=None, alias="reference", description="A flattened copy of the user's profile, when included."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "FlattenedUserProfile": "pieces_os_client.models.flattened_user_profile",
}
