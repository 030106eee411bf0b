# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`EmbeddedModelSchema`: The version of the schema an object was written with; lets readers and writers of
different ages agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.embedded_model_schema_semantic_version_enum import (
        EmbeddedModelSchemaSemanticVersionEnum,
    )


class EmbeddedModelSchema(PiecesModel):
    """The version of the schema an object was written with; lets readers and writers of different ages agree.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    migration: StrictInt = Field(alias="migration", description="Migration number of the schema.")
    semantic: EmbeddedModelSchemaSemanticVersionEnum = Field(
        alias="semantic", description="Semantic version of the schema."
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "EmbeddedModelSchemaSemanticVersionEnum": "pieces_os_client.models.embedded_model_schema_semantic_version_enum",
}
