# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedEntities`: A list of entities referenced by id, with optional ordering indices and a score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.referenced_entity import ReferencedEntity
    from pieces_os_client.models.score import Score


class FlattenedEntities(PiecesModel):
    """A list of entities referenced by id, with optional ordering indices and a score.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    indices: Optional[Dict[str, StrictInt]] = Field(
        default=None, alias="indices", description="Position of each item by id, for ordering."
    )
    iterable: List[ReferencedEntity] = Field(alias="iterable", description="The entities, by reference.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    score: Optional[Score] = Field(
        default=None, alias="score", description="Ranking counters for this object."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "ReferencedEntity": "pieces_os_client.models.referenced_entity",
    "Score": "pieces_os_client.models.score",
}
