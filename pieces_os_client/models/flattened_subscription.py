# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`FlattenedSubscription`: A billing subscription, with references to its user and entities rather than full
copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictBool, StrictInt, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class FlattenedSubscription(PiecesModel):
    """A billing subscription, with references to its user and entities rather than full copies.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    active: StrictBool = Field(description="True while the subscription is active.")
    cancelled: Optional[_models.GroupedTimestamp] = Field(
        default=None, description="When the subscription was cancelled, if it was."
    )
    created: _models.GroupedTimestamp = Field(description="When this was created.")
    entities: Optional[_models.FlattenedEntities] = Field(
        default=None, description="Entities covered by the subscription."
    )
    id: StrictStr = Field(description="Unique id of the subscription.")
    name: StrictStr = Field(description="Name of the plan.")
    next_billing_date: Optional[_models.GroupedTimestamp] = Field(
        default=None, description="When the subscription is billed next."
    )
    paused: Optional[_models.GroupedTimestamp] = Field(
        default=None, description="When the subscription was paused, if it was."
    )
    price_id: StrictStr = Field(description="Price id at the payment provider.")
    product_id: StrictStr = Field(description="Product id at the payment provider.")
    quantity: StrictInt = Field(description="Number of seats.")
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    score: Optional[_models.Score] = Field(default=None, description="Ranking counters for this object.")
    subscription_id: StrictStr = Field(description="Subscription id at the payment provider.")
    term: _models.SubscriptionTermEnum = Field(description="How often the subscription is billed.")
    updated: _models.GroupedTimestamp = Field(description="When this was last updated.")
    user: _models.ReferencedUser = Field(description="The user who owns the subscription.")


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
                "EmbeddedModelSchema",
                "FlattenedEntities",
                "GroupedTimestamp",
                "ReferencedUser",
                "Score",
                "SubscriptionTermEnum",
            }
        ),
    )
