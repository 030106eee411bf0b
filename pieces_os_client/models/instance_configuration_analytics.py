# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationAnalytics`: Analytics settings."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
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
        default=None,
        validation_alias="bigQuery",
        serialization_alias="bigQuery",
        description="BigQuery analytics.",
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    segment: Optional[SegmentInstanceConfiguration] = Field(default=None, description="Segment analytics.")
    send_internal_summary_reports_to_user_team_service: Optional[
        SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration
    ] = Field(
        default=None,
        validation_alias="sendInternalSummaryReportsToUserTeamService",
        serialization_alias="sendInternalSummaryReportsToUserTeamService",
        description="Internal summary reports.",
    )
