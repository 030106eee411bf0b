# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ReferencedEntity`: A reference to an entity by id, optionally with a flattened copy of it."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class ReferencedEntity(PiecesModel):
    """A reference to an entity by id, optionally with a flattened copy of it.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    id: StrictStr = Field(description="Id of the entity.")
    reference: Optional[FlattenedEntity] = Field(
        default=None, description="A flattened copy of the entity, when included."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )


# These models and this one refer to each other (a cycle), so they are imported after the class: the
# modules of the cycle then import in any order, and pydantic finds the names here when it first
# builds the model.
from pieces_os_client.models.flattened_entity import FlattenedEntity  # noqa: E402
