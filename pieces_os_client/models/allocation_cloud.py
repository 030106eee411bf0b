# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationCloud`: One cloud allocation: the personal cloud instance Pieces runs for a user, with its
addresses and state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class AllocationCloud(PiecesModel):
    """One cloud allocation: the personal cloud instance Pieces runs for a user, with its addresses and state.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    id: StrictStr = Field(description="Unique id of the allocation (a uuid).")
    project: StrictStr = Field(description="The cloud project that hosts the allocation.")
    region: Optional[StrictStr] = Field(
        default=None, description="The cloud region that hosts the allocation."
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    status: _models.AllocationCloudStatus = Field(description="Overall state of the allocation.")
    updated: Optional[_models.GroupedTimestamp] = Field(
        default=None, description="When this was last updated."
    )
    urls: _models.AllocationCloudUrls = Field(
        description="Addresses of the allocation and the state of each."
    )
    user: StrictStr = Field(description="Id of the user the allocation belongs to.")
    version: Optional[StrictStr] = Field(
        default=None, description="Version of the software running on the allocation."
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
            {"AllocationCloudStatus", "AllocationCloudUrls", "EmbeddedModelSchema", "GroupedTimestamp"}
        ),
    )
