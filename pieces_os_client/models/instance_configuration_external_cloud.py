# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationExternalCloud`: Settings for the cloud features: backups, connecting and sharing."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.cloud_backup_creation_instance_configuration import (
    CloudBackupCreationInstanceConfiguration,
)
from pieces_os_client.models.connect_to_cloud_instance_configuration import (
    ConnectToCloudInstanceConfiguration,
)
from pieces_os_client.models.delete_cloud_backup_instance_configuration import (
    DeleteCloudBackupInstanceConfiguration,
)
from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
from pieces_os_client.models.list_cloud_backups_instance_configuration import (
    ListCloudBackupsInstanceConfiguration,
)
from pieces_os_client.models.list_specific_cloud_backup_instance_configuration import (
    ListSpecificCloudBackupInstanceConfiguration,
)
from pieces_os_client.models.reconnect_to_cloud_instance_configuration import (
    ReconnectToCloudInstanceConfiguration,
)
from pieces_os_client.models.restore_cloud_backup_instance_configuration import (
    RestoreCloudBackupInstanceConfiguration,
)
from pieces_os_client.models.share_snippet_instance_configuration import ShareSnippetInstanceConfiguration
from pieces_os_client.models.update_allocation_cloud_instance_configuration import (
    UpdateAllocationCloudInstanceConfiguration,
)


class InstanceConfigurationExternalCloud(PiecesModel):
    """Settings for the cloud features: backups, connecting and sharing.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    cloud_backup_creation: Optional[CloudBackupCreationInstanceConfiguration] = Field(
        default=None,
        validation_alias="cloudBackupCreation",
        serialization_alias="cloudBackupCreation",
        description="Creating cloud backups.",
    )
    connect_to_cloud: Optional[ConnectToCloudInstanceConfiguration] = Field(
        default=None,
        validation_alias="connectToCloud",
        serialization_alias="connectToCloud",
        description="Connecting to the cloud.",
    )
    delete_cloud_backup: Optional[DeleteCloudBackupInstanceConfiguration] = Field(
        default=None,
        validation_alias="deleteCloudBackup",
        serialization_alias="deleteCloudBackup",
        description="Deleting cloud backups.",
    )
    list_cloud_backups: Optional[ListCloudBackupsInstanceConfiguration] = Field(
        default=None,
        validation_alias="listCloudBackups",
        serialization_alias="listCloudBackups",
        description="Listing cloud backups.",
    )
    list_specific_cloud_backup: Optional[ListSpecificCloudBackupInstanceConfiguration] = Field(
        default=None,
        validation_alias="listSpecificCloudBackup",
        serialization_alias="listSpecificCloudBackup",
        description="Looking at one cloud backup.",
    )
    reconnect_to_cloud: Optional[ReconnectToCloudInstanceConfiguration] = Field(
        default=None,
        validation_alias="reconnectToCloud",
        serialization_alias="reconnectToCloud",
        description="Reconnecting to the cloud.",
    )
    restore_cloud_backup: Optional[RestoreCloudBackupInstanceConfiguration] = Field(
        default=None,
        validation_alias="restoreCloudBackup",
        serialization_alias="restoreCloudBackup",
        description="Restoring a cloud backup.",
    )
    var_schema: Optional[EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    share_snippet: Optional[ShareSnippetInstanceConfiguration] = Field(
        default=None,
        validation_alias="shareSnippet",
        serialization_alias="shareSnippet",
        description="Sharing snippets.",
    )
    update_allocation_cloud: Optional[UpdateAllocationCloudInstanceConfiguration] = Field(
        default=None,
        validation_alias="updateAllocationCloud",
        serialization_alias="updateAllocationCloud",
        description="Updating the cloud allocation.",
    )
