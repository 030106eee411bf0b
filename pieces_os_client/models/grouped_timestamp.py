# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`GroupedTimestamp`: A point in time, as an RFC 3339 UTC value and optionally in human-readable form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel, UtcDateTime

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema


class GroupedTimestamp(PiecesModel):
    """A point in time, as an RFC 3339 UTC value and optionally in human-readable form.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    readable: Optional[StrictStr] = Field(
        default=None,
        alias="readable",
        description="The same instant written for people, e.g. 'a minute ago'.",
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    value: UtcDateTime = Field(
        alias="value", description="The instant, RFC 3339 in UTC (Pieces OS sends 3 or 6 fractional digits)."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
}
