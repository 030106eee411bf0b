# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedSubscription`: A billing subscription, with references to its user and entities rather than full
copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictBool, StrictInt, StrictStr

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.flattened_entities import FlattenedEntities
    from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
    from pieces_os_client.models.referenced_user import ReferencedUser
    from pieces_os_client.models.score import Score
    from pieces_os_client.models.subscription_term_enum import SubscriptionTermEnum


class FlattenedSubscription(PiecesModel):
    """A billing subscription, with references to its user and entities rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    active: StrictBool = Field(alias="active", description="True while the subscription is active.")
    cancelled: Optional[GroupedTimestamp] = Field(
        default=None, alias="cancelled", description="When the subscription was cancelled, if it was."
    )
    created: GroupedTimestamp = Field(alias="created", description="When this was created.")
    entities: Optional[FlattenedEntities] = Field(
        default=None, alias="entities", description="Entities covered by the subscription."
    )
    id: StrictStr = Field(alias="id", description="Unique id of the subscription.")
    name: StrictStr = Field(alias="name", description="Name of the plan.")
    next_billing_date: Optional[GroupedTimestamp] = Field(
        default=None, alias="next_billing_date", description="When the subscription is billed next."
    )
    paused: Optional[GroupedTimestamp] = Field(
        default=None, alias="paused", description="When the subscription was paused, if it was."
    )
    price_id: StrictStr = Field(alias="price_id", description="Price id at the payment provider.")
    product_id: StrictStr = Field(alias="product_id", description="Product id at the payment provider.")
    quantity: StrictInt = Field(alias="quantity", description="Number of seats.")
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    score: Optional[Score] = Field(
        default=None, alias="score", description="Ranking counters for this object."
    )
    subscription_id: StrictStr = Field(
        alias="subscription_id", description="Subscription id at the payment provider."
    )
    term: SubscriptionTermEnum = Field(alias="term", description="How often the subscription is billed.")
    updated: GroupedTimestamp = Field(alias="updated", description="When this was last updated.")
    user: ReferencedUser = Field(alias="user", description="The user who owns the subscription.")


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "FlattenedEntities": "pieces_os_client.models.flattened_entities",
    "GroupedTimestamp": "pieces_os_client.models.grouped_timestamp",
    "ReferencedUser": "pieces_os_client.models.referenced_user",
    "Score": "pieces_os_client.models.score",
    "SubscriptionTermEnum": "pieces_os_client.models.subscription_term_enum",
}
