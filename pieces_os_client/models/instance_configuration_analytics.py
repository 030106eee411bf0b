# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAnalytics`: Analytics settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel, referred_models


class InstanceConfigurationAnalytics(PiecesModel):
    """Analytics settings.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    big_query: Optional[_models.BigQueryInstanceConfiguration] = Field(
        default=None,
        validation_alias="bigQuery",
        serialization_alias="bigQuery",
        description="BigQuery analytics.",
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    segment: Optional[_models.SegmentInstanceConfiguration] = Field(
        default=None, description="Segment analytics."
    )
    send_internal_summary_reports_to_user_team_service: Optional[
        _models.SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration
    ] = Field(
        default=None,
        validation_alias="sendInternalSummaryReportsToUserTeamService",
        serialization_alias="sendInternalSummaryReportsToUserTeamService",
        description="Internal summary reports.",
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
            {
                "BigQueryInstanceConfiguration",
                "EmbeddedModelSchema",
                "SegmentInstanceConfiguration",
                "SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration",
            }
        ),
    )
