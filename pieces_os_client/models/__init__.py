# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""Every model of ``openapi.yaml``, one module each; names here are loaded on first use (PEP 562).

``import pieces_os_client.models`` imports no model module: ``pieces_os_client.models.UserProfile``
imports ``pieces_os_client.models.user_profile`` the first time it is looked up, and so does
``pieces_os_client.models.user_profile`` (a module read as an attribute, as with the official SDK,
whose model modules import one another).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:  # pragma: no cover - names for type checkers and IDEs only
    from pieces_os_client.models.aesthetics import Aesthetics as Aesthetics
    from pieces_os_client.models.allocation_cloud import AllocationCloud as AllocationCloud
    from pieces_os_client.models.allocation_cloud_status import AllocationCloudStatus as AllocationCloudStatus
    from pieces_os_client.models.allocation_cloud_url import AllocationCloudUrl as AllocationCloudUrl
    from pieces_os_client.models.allocation_cloud_urls import AllocationCloudUrls as AllocationCloudUrls
    from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum as AllocationStatusEnum
    from pieces_os_client.models.allocations import Allocations as Allocations
    from pieces_os_client.models.allowed_cloud_models_instance_configuration import (
        AllowedCloudModelsInstanceConfiguration as AllowedCloudModelsInstanceConfiguration,
    )
    from pieces_os_client.models.anonymous_temporal_range import (
        AnonymousTemporalRange as AnonymousTemporalRange,
    )
    from pieces_os_client.models.auth0_open_ai_user_metadata import (
        Auth0OpenAIUserMetadata as Auth0OpenAIUserMetadata,
    )
    from pieces_os_client.models.auth0_user_allocation_metadata import (
        Auth0UserAllocationMetadata as Auth0UserAllocationMetadata,
    )
    from pieces_os_client.models.auth0_user_metadata import Auth0UserMetadata as Auth0UserMetadata
    from pieces_os_client.models.big_query_instance_configuration import (
        BigQueryInstanceConfiguration as BigQueryInstanceConfiguration,
    )
    from pieces_os_client.models.capabilities_enum import CapabilitiesEnum as CapabilitiesEnum
    from pieces_os_client.models.cloud_backup_creation_instance_configuration import (
        CloudBackupCreationInstanceConfiguration as CloudBackupCreationInstanceConfiguration,
    )
    from pieces_os_client.models.connect_to_cloud_instance_configuration import (
        ConnectToCloudInstanceConfiguration as ConnectToCloudInstanceConfiguration,
    )
    from pieces_os_client.models.delete_cloud_backup_instance_configuration import (
        DeleteCloudBackupInstanceConfiguration as DeleteCloudBackupInstanceConfiguration,
    )
    from pieces_os_client.models.denied_workstream_pattern_engine_sources_instance_configuration import (
        DeniedWorkstreamPatternEngineSourcesInstanceConfiguration as DeniedWorkstreamPatternEngineSourcesInstanceConfiguration,
    )
    from pieces_os_client.models.denied_workstream_pattern_engine_websites_instance_configuration import (
        DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration as DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration,
    )
    from pieces_os_client.models.descope_user_metadata import DescopeUserMetadata as DescopeUserMetadata
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema as EmbeddedModelSchema
    from pieces_os_client.models.embedded_model_schema_semantic_version_enum import (
        EmbeddedModelSchemaSemanticVersionEnum as EmbeddedModelSchemaSemanticVersionEnum,
    )
    from pieces_os_client.models.entity_type_enum import EntityTypeEnum as EntityTypeEnum
    from pieces_os_client.models.external_ml_provider_enum import (
        ExternalMLProviderEnum as ExternalMLProviderEnum,
    )
    from pieces_os_client.models.external_provider import ExternalProvider as ExternalProvider
    from pieces_os_client.models.external_provider_profile_data import (
        ExternalProviderProfileData as ExternalProviderProfileData,
    )
    from pieces_os_client.models.external_provider_type_enum import (
        ExternalProviderTypeEnum as ExternalProviderTypeEnum,
    )
    from pieces_os_client.models.external_providers import ExternalProviders as ExternalProviders
    from pieces_os_client.models.flattened_entities import FlattenedEntities as FlattenedEntities
    from pieces_os_client.models.flattened_entity import FlattenedEntity as FlattenedEntity
    from pieces_os_client.models.flattened_subscription import FlattenedSubscription as FlattenedSubscription
    from pieces_os_client.models.flattened_subscriptions import (
        FlattenedSubscriptions as FlattenedSubscriptions,
    )
    from pieces_os_client.models.flattened_user_profile import FlattenedUserProfile as FlattenedUserProfile
    from pieces_os_client.models.flattened_users import FlattenedUsers as FlattenedUsers
    from pieces_os_client.models.font import Font as Font
    from pieces_os_client.models.grouped_timestamp import GroupedTimestamp as GroupedTimestamp
    from pieces_os_client.models.instance_configuration import InstanceConfiguration as InstanceConfiguration
    from pieces_os_client.models.instance_configuration_allowed_cloud_models_default_models import (
        InstanceConfigurationAllowedCloudModelsDefaultModels as InstanceConfigurationAllowedCloudModelsDefaultModels,
    )
    from pieces_os_client.models.instance_configuration_allowed_model import (
        InstanceConfigurationAllowedModel as InstanceConfigurationAllowedModel,
    )
    from pieces_os_client.models.instance_configuration_allowed_models import (
        InstanceConfigurationAllowedModels as InstanceConfigurationAllowedModels,
    )
    from pieces_os_client.models.instance_configuration_analytics import (
        InstanceConfigurationAnalytics as InstanceConfigurationAnalytics,
    )
    from pieces_os_client.models.instance_configuration_denied_workstream_pattern_engine_source import (
        InstanceConfigurationDeniedWorkstreamPatternEngineSource as InstanceConfigurationDeniedWorkstreamPatternEngineSource,
    )
    from pieces_os_client.models.instance_configuration_denied_workstream_pattern_engine_sources import (
        InstanceConfigurationDeniedWorkstreamPatternEngineSources as InstanceConfigurationDeniedWorkstreamPatternEngineSources,
    )
    from pieces_os_client.models.instance_configuration_denied_workstream_pattern_engine_website import (
        InstanceConfigurationDeniedWorkstreamPatternEngineWebsite as InstanceConfigurationDeniedWorkstreamPatternEngineWebsite,
    )
    from pieces_os_client.models.instance_configuration_denied_workstream_pattern_engine_websites import (
        InstanceConfigurationDeniedWorkstreamPatternEngineWebsites as InstanceConfigurationDeniedWorkstreamPatternEngineWebsites,
    )
    from pieces_os_client.models.instance_configuration_enabled_enum import (
        InstanceConfigurationEnabledEnum as InstanceConfigurationEnabledEnum,
    )
    from pieces_os_client.models.instance_configuration_external_cloud import (
        InstanceConfigurationExternalCloud as InstanceConfigurationExternalCloud,
    )
    from pieces_os_client.models.instance_configuration_external_provider import (
        InstanceConfigurationExternalProvider as InstanceConfigurationExternalProvider,
    )
    from pieces_os_client.models.list_cloud_backups_instance_configuration import (
        ListCloudBackupsInstanceConfiguration as ListCloudBackupsInstanceConfiguration,
    )
    from pieces_os_client.models.list_specific_cloud_backup_instance_configuration import (
        ListSpecificCloudBackupInstanceConfiguration as ListSpecificCloudBackupInstanceConfiguration,
    )
    from pieces_os_client.models.model_foundation_enum import ModelFoundationEnum as ModelFoundationEnum
    from pieces_os_client.models.model_max_tokens import ModelMaxTokens as ModelMaxTokens
    from pieces_os_client.models.model_type_enum import ModelTypeEnum as ModelTypeEnum
    from pieces_os_client.models.processing_instance_configuration import (
        ProcessingInstanceConfiguration as ProcessingInstanceConfiguration,
    )
    from pieces_os_client.models.reconnect_to_cloud_instance_configuration import (
        ReconnectToCloudInstanceConfiguration as ReconnectToCloudInstanceConfiguration,
    )
    from pieces_os_client.models.referenced_entity import ReferencedEntity as ReferencedEntity
    from pieces_os_client.models.referenced_subscription import (
        ReferencedSubscription as ReferencedSubscription,
    )
    from pieces_os_client.models.referenced_user import ReferencedUser as ReferencedUser
    from pieces_os_client.models.restore_cloud_backup_instance_configuration import (
        RestoreCloudBackupInstanceConfiguration as RestoreCloudBackupInstanceConfiguration,
    )
    from pieces_os_client.models.score import Score as Score
    from pieces_os_client.models.segment_instance_configuration import (
        SegmentInstanceConfiguration as SegmentInstanceConfiguration,
    )
    from pieces_os_client.models.send_internal_summary_reports_to_user_team_service_instance_configuration import (
        SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration as SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration,
    )
    from pieces_os_client.models.share_snippet_instance_configuration import (
        ShareSnippetInstanceConfiguration as ShareSnippetInstanceConfiguration,
    )
    from pieces_os_client.models.subscription_term_enum import SubscriptionTermEnum as SubscriptionTermEnum
    from pieces_os_client.models.theme import Theme as Theme
    from pieces_os_client.models.update_allocation_cloud_instance_configuration import (
        UpdateAllocationCloudInstanceConfiguration as UpdateAllocationCloudInstanceConfiguration,
    )
    from pieces_os_client.models.user_profile import UserProfile as UserProfile

# Class name -> module under pieces_os_client.models.
_MODEL_MODULES: Dict[str, str] = {
    "Aesthetics": "aesthetics",
    "AllocationCloud": "allocation_cloud",
    "AllocationCloudStatus": "allocation_cloud_status",
    "AllocationCloudUrl": "allocation_cloud_url",
    "AllocationCloudUrls": "allocation_cloud_urls",
    "AllocationStatusEnum": "allocation_status_enum",
    "Allocations": "allocations",
    "AllowedCloudModelsInstanceConfiguration": "allowed_cloud_models_instance_configuration",
    "AnonymousTemporalRange": "anonymous_temporal_range",
    "Auth0OpenAIUserMetadata": "auth0_open_ai_user_metadata",
    "Auth0UserAllocationMetadata": "auth0_user_allocation_metadata",
    "Auth0UserMetadata": "auth0_user_metadata",
    "BigQueryInstanceConfiguration": "big_query_instance_configuration",
    "CapabilitiesEnum": "capabilities_enum",
    "CloudBackupCreationInstanceConfiguration": "cloud_backup_creation_instance_configuration",
    "ConnectToCloudInstanceConfiguration": "connect_to_cloud_instance_configuration",
    "DeleteCloudBackupInstanceConfiguration": "delete_cloud_backup_instance_configuration",
    "DeniedWorkstreamPatternEngineSourcesInstanceConfiguration": "denied_workstream_pattern_engine_sources_instance_configuration",
    "DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration": "denied_workstream_pattern_engine_websites_instance_configuration",
    "DescopeUserMetadata": "descope_user_metadata",
    "EmbeddedModelSchema": "embedded_model_schema",
    "EmbeddedModelSchemaSemanticVersionEnum": "embedded_model_schema_semantic_version_enum",
    "EntityTypeEnum": "entity_type_enum",
    "ExternalMLProviderEnum": "external_ml_provider_enum",
    "ExternalProvider": "external_provider",
    "ExternalProviderProfileData": "external_provider_profile_data",
    "ExternalProviderTypeEnum": "external_provider_type_enum",
    "ExternalProviders": "external_providers",
    "FlattenedEntities": "flattened_entities",
    "FlattenedEntity": "flattened_entity",
    "FlattenedSubscription": "flattened_subscription",
    "FlattenedSubscriptions": "flattened_subscriptions",
    "FlattenedUserProfile": "flattened_user_profile",
    "FlattenedUsers": "flattened_users",
    "Font": "font",
    "GroupedTimestamp": "grouped_timestamp",
    "InstanceConfiguration": "instance_configuration",
    "InstanceConfigurationAllowedCloudModelsDefaultModels": "instance_configuration_allowed_cloud_models_default_models",
    "InstanceConfigurationAllowedModel": "instance_configuration_allowed_model",
    "InstanceConfigurationAllowedModels": "instance_configuration_allowed_models",
    "InstanceConfigurationAnalytics": "instance_configuration_analytics",
    "InstanceConfigurationDeniedWorkstreamPatternEngineSource": "instance_configuration_denied_workstream_pattern_engine_source",
    "InstanceConfigurationDeniedWorkstreamPatternEngineSources": "instance_configuration_denied_workstream_pattern_engine_sources",
    "InstanceConfigurationDeniedWorkstreamPatternEngineWebsite": "instance_configuration_denied_workstream_pattern_engine_website",
    "InstanceConfigurationDeniedWorkstreamPatternEngineWebsites": "instance_configuration_denied_workstream_pattern_engine_websites",
    "InstanceConfigurationEnabledEnum": "instance_configuration_enabled_enum",
    "InstanceConfigurationExternalCloud": "instance_configuration_external_cloud",
    "InstanceConfigurationExternalProvider": "instance_configuration_external_provider",
    "ListCloudBackupsInstanceConfiguration": "list_cloud_backups_instance_configuration",
    "ListSpecificCloudBackupInstanceConfiguration": "list_specific_cloud_backup_instance_configuration",
    "ModelFoundationEnum": "model_foundation_enum",
    "ModelMaxTokens": "model_max_tokens",
    "ModelTypeEnum": "model_type_enum",
    "ProcessingInstanceConfiguration": "processing_instance_configuration",
    "ReconnectToCloudInstanceConfiguration": "reconnect_to_cloud_instance_configuration",
    "ReferencedEntity": "referenced_entity",
    "ReferencedSubscription": "referenced_subscription",
    "ReferencedUser": "referenced_user",
    "RestoreCloudBackupInstanceConfiguration": "restore_cloud_backup_instance_configuration",
    "Score": "score",
    "SegmentInstanceConfiguration": "segment_instance_configuration",
    "SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration": "send_internal_summary_reports_to_user_team_service_instance_configuration",
    "ShareSnippetInstanceConfiguration": "share_snippet_instance_configuration",
    "SubscriptionTermEnum": "subscription_term_enum",
    "Theme": "theme",
    "UpdateAllocationCloudInstanceConfiguration": "update_allocation_cloud_instance_configuration",
    "UserProfile": "user_profile",
}

__all__ = [
    "Aesthetics",
    "AllocationCloud",
    "AllocationCloudStatus",
    "AllocationCloudUrl",
    "AllocationCloudUrls",
    "AllocationStatusEnum",
    "Allocations",
    "AllowedCloudModelsInstanceConfiguration",
    "AnonymousTemporalRange",
    "Auth0OpenAIUserMetadata",
    "Auth0UserAllocationMetadata",
    "Auth0UserMetadata",
    "BigQueryInstanceConfiguration",
    "CapabilitiesEnum",
    "CloudBackupCreationInstanceConfiguration",
    "ConnectToCloudInstanceConfiguration",
    "DeleteCloudBackupInstanceConfiguration",
    "DeniedWorkstreamPatternEngineSourcesInstanceConfiguration",
    "DeniedWorkstreamPatternEngineWebsitesInstanceConfiguration",
    "DescopeUserMetadata",
    "EmbeddedModelSchema",
    "EmbeddedModelSchemaSemanticVersionEnum",
    "EntityTypeEnum",
    "ExternalMLProviderEnum",
    "ExternalProvider",
    "ExternalProviderProfileData",
    "ExternalProviderTypeEnum",
    "ExternalProviders",
    "FlattenedEntities",
    "FlattenedEntity",
    "FlattenedSubscription",
    "FlattenedSubscriptions",
    "FlattenedUserProfile",
    "FlattenedUsers",
    "Font",
    "GroupedTimestamp",
    "InstanceConfiguration",
    "InstanceConfigurationAllowedCloudModelsDefaultModels",
    "InstanceConfigurationAllowedModel",
    "InstanceConfigurationAllowedModels",
    "InstanceConfigurationAnalytics",
    "InstanceConfigurationDeniedWorkstreamPatternEngineSource",
    "InstanceConfigurationDeniedWorkstreamPatternEngineSources",
    "InstanceConfigurationDeniedWorkstreamPatternEngineWebsite",
    "InstanceConfigurationDeniedWorkstreamPatternEngineWebsites",
    "InstanceConfigurationEnabledEnum",
    "InstanceConfigurationExternalCloud",
    "InstanceConfigurationExternalProvider",
    "ListCloudBackupsInstanceConfiguration",
    "ListSpecificCloudBackupInstanceConfiguration",
    "ModelFoundationEnum",
    "ModelMaxTokens",
    "ModelTypeEnum",
    "ProcessingInstanceConfiguration",
    "ReconnectToCloudInstanceConfiguration",
    "ReferencedEntity",
    "ReferencedSubscription",
    "ReferencedUser",
    "RestoreCloudBackupInstanceConfiguration",
    "Score",
    "SegmentInstanceConfiguration",
    "SendInternalSummaryReportsToUserTeamServiceInstanceConfiguration",
    "ShareSnippetInstanceConfiguration",
    "SubscriptionTermEnum",
    "Theme",
    "UpdateAllocationCloudInstanceConfiguration",
    "UserProfile",
]

# The model modules, which an attribute look-up imports too.
_SUBMODULES = frozenset(_MODEL_MODULES.values())


# Type checkers see the names imported above, and no __getattr__: one returning Any would make every
# misspelt name (`from pieces_os_client.models import Userprofile`) pass silently as Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _MODEL_MODULES.get(name)
        if module is None:
            if name in _SUBMODULES:  # importing it binds it here: later look-ups skip this function
                return importlib.import_module(f"pieces_os_client.models.{name}")
            from pieces_os_client._official_modules import missing_attribute

            raise missing_attribute(__name__, name)
        value = getattr(importlib.import_module(f"pieces_os_client.models.{module}"), name)
        globals()[name] = value  # later look-ups skip this function
        return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
