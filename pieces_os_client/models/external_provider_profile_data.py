# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ExternalProviderProfileData`: Profile data an external sign-in provider shares about the user; which
fields are present depends on the provider."""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictBool, StrictInt, StrictStr

from pieces_os_client._model import PiecesModel


class ExternalProviderProfileData(PiecesModel):
    """Profile data an external sign-in provider shares about the user; which fields are present depends on
    the provider.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    anchor: Optional[StrictStr] = Field(
        default=None, alias="anchor", description="Anchor text of the profile."
    )
    bio: Optional[StrictStr] = Field(default=None, alias="bio", description="Short biography.")
    blog: Optional[StrictStr] = Field(default=None, alias="blog", description="Address of the user's blog.")
    collaborators: Optional[StrictInt] = Field(
        default=None, alias="collaborators", description="Number of collaborators."
    )
    company: Optional[StrictStr] = Field(default=None, alias="company", description="Company name.")
    created_at: Optional[StrictStr] = Field(
        default=None,
        alias="created_at",
        description="When the account was created at the provider, as the provider writes it.",
    )
    disk_usage: Optional[StrictInt] = Field(
        default=None, alias="disk_usage", description="Disk space used, in kilobytes."
    )
    email: Optional[StrictStr] = Field(default=None, alias="email", description="Email address.")
    email_verified: Optional[StrictBool] = Field(
        default=None, alias="email_verified", description="True when the provider verified the email address."
    )
    events_url: Optional[StrictStr] = Field(
        default=None, alias="events_url", description="API address of the user's events."
    )
    followers: Optional[StrictInt] = Field(
        default=None, alias="followers", description="Number of followers."
    )
    followers_url: Optional[StrictStr] = Field(
        default=None, alias="followers_url", description="API address of the followers."
    )
    following: Optional[StrictInt] = Field(
        default=None, alias="following", description="Number of accounts followed."
    )
    following_url: Optional[StrictStr] = Field(
        default=None, alias="following_url", description="API address of the accounts followed."
    )
    gists_url: Optional[StrictStr] = Field(
        default=None, alias="gists_url", description="API address of the gists."
    )
    gravatar_id: Optional[StrictStr] = Field(default=None, alias="gravatar_id", description="Gravatar id.")
    hireable: Optional[StrictBool] = Field(
        default=None, alias="hireable", description="True when the user is open to offers."
    )
    html_url: Optional[StrictStr] = Field(
        default=None, alias="html_url", description="Address of the profile page."
    )
    name: Optional[StrictStr] = Field(default=None, alias="name", description="Display name.")
    nickname: Optional[StrictStr] = Field(default=None, alias="nickname", description="Nickname.")
    node_id: Optional[StrictStr] = Field(
        default=None, alias="node_id", description="Global node id at the provider."
    )
    organizations_url: Optional[StrictStr] = Field(
        default=None, alias="organizations_url", description="API address of the organizations."
    )
    owned_private_repos: Optional[StrictInt] = Field(
        default=None, alias="owned_private_repos", description="Number of private repositories owned."
    )
    picture: Optional[StrictStr] = Field(
        default=None, alias="picture", description="Address of the profile picture."
    )
    private_gists: Optional[StrictInt] = Field(
        default=None, alias="private_gists", description="Number of private gists."
    )
    public_gists: Optional[StrictInt] = Field(
        default=None, alias="public_gists", description="Number of public gists."
    )
    public_repos: Optional[StrictInt] = Field(
        default=None, alias="public_repos", description="Number of public repositories."
    )
    received_events_url: Optional[StrictStr] = Field(
        default=None, alias="received_events_url", description="API address of received events."
    )
    repos_url: Optional[StrictStr] = Field(
        default=None, alias="repos_url", description="API address of the repositories."
    )
    site_admin: Optional[StrictBool] = Field(
        default=None, alias="site_admin", description="True for a site administrator."
    )
    starred_url: Optional[StrictStr] = Field(
        default=None, alias="starred_url", description="API address of starred repositories."
    )
    subscriptions_url: Optional[StrictStr] = Field(
        default=None, alias="subscriptions_url", description="API address of the subscriptions."
    )
    total_private_repos: Optional[StrictInt] = Field(
        default=None, alias="total_private_repos", description="Total number of private repositories."
    )
    twitter_username: Optional[StrictStr] = Field(
        default=None, alias="twitter_username", description="Twitter username."
    )
    two_factor_authentication: Optional[StrictBool] = Field(
        default=None,
        alias="two_factor_authentication",
        description="True when two-factor authentication is on.",
    )
    type: Optional[StrictStr] = Field(default=None, alias="type", description="Account type at the provider.")
    updated_at: Optional[StrictStr] = Field(
        default=None,
        alias="updated_at",
        description="When the account was last updated at the provider, as the provider writes it.",
    )
    url: Optional[StrictStr] = Field(default=None, alias="url", description="API address of the profile.")
