# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedSubscriptions`: A list of subscriptions referenced by id, with optional ordering indices and a
score."""

from __future__ import annotations

from typing import Dict, List, Optional

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.score import Score


class FlattenedSubscriptions(PiecesModel):
    """A list of subscriptions referenced by id, with optional ordering indices and a score.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    indices: Optional[Dict[str, StrictInt]] = Field(
        default=None, description="Position of each item by id, for ordering.", fail_fast=True
    )
    iterable: List[ReferencedSubscription] = Field(
        description="The subscriptions, by reference.", fail_fast=True
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    score: Optional[Score] = Field(default=None, description="Ranking counters for this object.")


# These models and this one refer to each other (a cycle), so they are imported after the class: the
# modules of the cycle then import in any order, and pydantic finds the names here when it first
# builds the model.
from pieces_os_client.models.referenced_subscription import ReferencedSubscription  # noqa: E402
