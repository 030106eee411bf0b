# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedSubscription`: A billing subscription, with references to its user and entities rather than full
copies."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictBool, StrictInt, StrictStr

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
from pieces_os_client.models.score import Score
from pieces_os_client.models.subscription_term_enum import SubscriptionTermEnum


class FlattenedSubscription(PiecesModel):
    """A billing subscription, with references to its user and entities rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    active: StrictBool = Field(description="True while the subscription is active.")
    cancelled: Optional[GroupedTimestamp] = Field(
        default=None, description="When the subscription was cancelled, if it was."
    )
    created: GroupedTimestamp = Field(description="When this was created.")
    entities: Optional[FlattenedEntities] = Field(
        default=None, description="Entities covered by the subscription."
    )
    id: StrictStr = Field(description="Unique id of the subscription.")
    name: StrictStr = Field(description="Name of the plan.")
    next_billing_date: Optional[GroupedTimestamp] = Field(
        default=None, description="When the subscription is billed next."
    )
    paused: Optional[GroupedTimestamp] = Field(
        default=None, description="When the subscription was paused, if it was."
    )
    price_id: StrictStr = Field(description="Price id at the payment provider.")
    product_id: StrictStr = Field(description="Product id at the payment provider.")
    quantity: StrictInt = Field(description="Number of seats.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    score: Optional[Score] = Field(default=None, description="Ranking counters for this object.")
    subscription_id: StrictStr = Field(description="Subscription id at the payment provider.")
    term: SubscriptionTermEnum = Field(description="How often the subscription is billed.")
    updated: GroupedTimestamp = Field(description="When this was last updated.")
    user: ReferencedUser = Field(description="The user who owns the subscription.")


# These models and this one refer to each other (a cycle), so they are imported after the class: the
# modules of the cycle then import in any order, and pydantic finds the names here when it first
# builds the model.
from pieces_os_client.models.flattened_entities import FlattenedEntities  # noqa: E402
from pieces_os_client.models.referenced_user import ReferencedUser  # noqa: E402
