# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ExternalProviderTypeEnum`: The external service an account belongs to."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class ExternalProviderTypeEnum(OpenEnum):
    """The external service an account belongs to.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    GITHUB = "github"
    GOOGLE_MINUS_OAUTH2 = "google-oauth2"
    BITBUCKET = "bitbucket"
    LINKEDIN = "linkedin"
    TWITTER = "twitter"
    FACEBOOK = "facebook"
    WAAD = "waad"
    DISCORD = "discord"
    GITLAB = "gitlab"
    APPLE = "apple"
    USERNAME_EMAIL = "username_email"
    SLACK = "slack"
    MICROSOFT = "microsoft"
