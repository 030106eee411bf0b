# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAnalytics`: Analytics settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.big_query_instance_configuration import BigQueryInstanceConfiguration
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.segment_instance_configuration import SegmentInstanceConfiguration
    from pieces_os_client.models.send_internal_summary_reports_to_user_team_service_instance_configuration import (
        SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration,
    )


class InstanceConfigurationAnalytics(PiecesModel):
    """Analytics settings.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    big_query: Optional[BigQueryInstanceConfiguration] = Field(
        default=None, alias="bigQuery", description="BigQuery analytics."
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None, alias="schema", description="Version of the schema this object was written with."
    )
    segment: Optional[SegmentInstanceConfiguration] = Field(
        default=None, alias="segment", description="Segment analytics."
    )
    send_internal_summary_reports_to_user_team_service: Optional[
        SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration
    ] = Field(
        default=None,
        alias="sendInternalSummaryReportsToUserTeamService",
        description="Internal summary reports.",
    )


# The models the annotations above refer to. `PiecesModel` imports them when pydantic first builds this
# model, so importing this module stays cheap and models that refer to each other (in a cycle) import
# in any order.
_MODEL_REFERENCES: Dict[str, str] = {
    "BigQueryInstanceConfiguration": "pieces_os_client.models.big_query_instance_configuration",
    "EmbeddedModelSchema": "pieces_os_client.models.embedded_model_schema",
    "SegmentInstanceConfiguration": "pieces_os_client.models.segment_instance_configuration",
    "SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration": "pieces_os_client.models.send_internal_summary_reports_to_user_team_service_instance_configuration",
}
