# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`Auth0UserAllocationMetadata`: Where a user's cloud allocation lives (project and region), as kept by the
identity provider."""

from __future__ import annotations

from pydantic import Field, StrictStr

from pieces_os_client._model import PiecesModel


class Auth0UserAllocationMetadata(PiecesModel):
    """Where a user's cloud allocation lives (project and region), as kept by the identity provider.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    project: StrictStr = Field(description="The cloud project that hosts the allocation.")
    region: StrictStr = Field(description="The cloud region that hosts the allocation.")
