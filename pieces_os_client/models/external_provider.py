# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ExternalProvider`: An account the user signed in with at another service (GitHub, Google, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field, StrictBool, StrictInt, StrictStr

from pieces_os_client._model import PiecesModel, referred_models


class ExternalProvider(PiecesModel):
    """An account the user signed in with at another service (GitHub, Google, ...).

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    access_token: Optional[StrictStr] = Field(
        default=None, description="Access token issued by the provider."
    )
    connection: Optional[StrictStr] = Field(default=None, description="Name of the sign-in connection used.")
    created: _models.GroupedTimestamp = Field(description="When the account was linked.")
    expires_in: Optional[StrictInt] = Field(
        default=None, description="Lifetime of the access token in seconds."
    )
    is_social: Optional[StrictBool] = Field(
        default=None,
        validation_alias="isSocial",
        serialization_alias="isSocial",
        description="True for a social sign-in (GitHub, Google, ...).",
    )
    profile_data: Optional[_models.ExternalProviderProfileData] = Field(
        default=None,
        validation_alias="profileData",
        serialization_alias="profileData",
        description="Profile data shared by the provider.",
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    type: _models.ExternalProviderTypeEnum = Field(description="Which service the account belongs to.")
    updated: _models.GroupedTimestamp = Field(description="When the link was last updated.")
    user_id: StrictStr = Field(description="The user's id at the provider.")


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
                "ExternalProviderProfileData",
                "ExternalProviderTypeEnum",
                "GroupedTimestamp",
            }
        ),
    )
