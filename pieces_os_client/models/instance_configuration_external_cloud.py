# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationExternalCloud`: Settings for the cloud features: backups, connecting and sharing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from pydantic import Field

from pieces_os_client._model import PiecesModel, referred_models


class InstanceConfigurationExternalCloud(PiecesModel):
    """Settings for the cloud features: backups, connecting and sharing.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    cloud_backup_creation: Optional[_models.CloudBackupCreationInstanceConfiguration] = Field(
        default=None,
        validation_alias="cloudBackupCreation",
        serialization_alias="cloudBackupCreation",
        description="Creating cloud backups.",
    )
    connect_to_cloud: Optional[_models.ConnectToCloudInstanceConfiguration] = Field(
        default=None,
        validation_alias="connectToCloud",
        serialization_alias="connectToCloud",
        description="Connecting to the cloud.",
    )
    delete_cloud_backup: Optional[_models.DeleteCloudBackupInstanceConfiguration] = Field(
        default=None,
        validation_alias="deleteCloudBackup",
        serialization_alias="deleteCloudBackup",
        description="Deleting cloud backups.",
    )
    list_cloud_backups: Optional[_models.ListCloudBackupsInstanceConfiguration] = Field(
        default=None,
        validation_alias="listCloudBackups",
        serialization_alias="listCloudBackups",
        description="Listing cloud backups.",
    )
    list_specific_cloud_backup: Optional[_models.ListSpecificCloudBackupInstanceConfiguration] = Field(
        default=None,
        validation_alias="listSpecificCloudBackup",
        serialization_alias="listSpecificCloudBackup",
        description="Looking at one cloud backup.",
    )
    reconnect_to_cloud: Optional[_models.ReconnectToCloudInstanceConfiguration] = Field(
        default=None,
        validation_alias="reconnectToCloud",
        serialization_alias="reconnectToCloud",
        description="Reconnecting to the cloud.",
    )
    restore_cloud_backup: Optional[_models.RestoreCloudBackupInstanceConfiguration] = Field(
        default=None,
        validation_alias="restoreCloudBackup",
        serialization_alias="restoreCloudBackup",
        description="Restoring a cloud backup.",
    )
    var_schema: Optional[_models.EmbeddedModelSchema] = Field(
        default=None,
        validation_alias="schema",
        serialization_alias="schema",
        description="Version of the schema this object was written with.",
    )
    share_snippet: Optional[_models.ShareSnippetInstanceConfiguration] = Field(
        default=None,
        validation_alias="shareSnippet",
        serialization_alias="shareSnippet",
        description="Sharing snippets.",
    )
    update_allocation_cloud: Optional[_models.UpdateAllocationCloudInstanceConfiguration] = Field(
        default=None,
        validation_alias="updateAllocationCloud",
        serialization_alias="updateAllocationCloud",
        description="Updating the cloud allocation.",
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
                "CloudBackupCreationInstanceConfiguration",
                "ConnectToCloudInstanceConfiguration",
                "DeleteCloudBackupInstanceConfiguration",
                "EmbeddedModelSchema",
                "ListCloudBackupsInstanceConfiguration",
                "ListSpecificCloudBackupInstanceConfiguration",
                "ReconnectToCloudInstanceConfiguration",
                "RestoreCloudBackupInstanceConfiguration",
                "ShareSnippetInstanceConfiguration",
                "UpdateAllocationCloudInstanceConfiguration",
            }
        ),
    )
