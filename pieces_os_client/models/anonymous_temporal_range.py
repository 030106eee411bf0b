# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AnonymousTemporalRange`: A span of time, open at either end, or continuous."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictBool

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp


class AnonymousTemporalRange(PiecesModel):
    """A span of time, open at either end, or continuous.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    between: Optional[StrictBool] = Field(
        default=None, description="True when the range is bounded at both ends."
    )
    continuous: Optional[StrictBool] = Field(default=None, description="True when the range has no end.")
    var_from: Optional[GroupedTimestamp] = Field(
        default=None, validation_alias="from", serialization_alias="from", description="Start of the range."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    to: Optional[GroupedTimestamp] = Field(default=None, description="End of the range.")
