# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedSubscriptions`: A list of subscriptions referenced by id, with optional ordering indices and a
score."""

from __future__ import annotations

from typing import Dict, List, Optional

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel


class FlattenedSubscriptions(PiecesModel):
    """A list of subscriptions referenced by id, with optional ordering indices and a score.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    indices: Optional[Dict[str, StrictInt]] = Field(
        default=None, alias="indices", description="Position of each item by id, for ordering."
    )
    iterable: List[ReferencedSubscription] = Field(
        alias="iterable", description="The subscriptions, by reference."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    score: Optional[Score] = Field(
        default=None, alias="score", description="Ranking counters for this object."
    )


# Imported after the class so that models which refer to each other (directly or in a cycle) can be
# imported in any order; pydantic resolves the names when the model is first used.
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.referenced_subscription import ReferencedSubscription
from pieces_os_client.models.score import Score
