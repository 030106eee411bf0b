# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`EmbeddedModelSchema`: The version of the schema an object was written with; lets readers and writers of
different ages agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel, referred_models


class EmbeddedModelSchema(PiecesModel):
    """The version of the schema an object was written with; lets readers and writers of different ages agree.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    migration: StrictInt = Field(description="Migration number of the schema.")
    semantic: _models.EmbeddedModelSchemaSemanticVersionEnum = Field(
        description="Semantic version of the schema."
    )


# The models named as `_models.X` above are looked up through the package (which imports a model's
# module the first time its name is read) when pydantic first builds this model, on its first use:
# importing this module creates this one class. `_models` is bound only after the class, so pydantic,
# creating it, leaves those annotations for that first build. See docs/design.md.
from pieces_os_client import models as _models  # noqa: E402

if not TYPE_CHECKING:  # `from` this module `import` a model it refers to: loaded on look-up
    __getattr__ = referred_models(__name__, frozenset({"EmbeddedModelSchemaSemanticVersionEnum"}))
