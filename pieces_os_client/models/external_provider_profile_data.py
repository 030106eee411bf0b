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

    anchor: Optional[StrictStr] = Field(default=None, description="Anchor text of the profile.")
    bio: Optional[StrictStr] = Field(default=None, description="Short biography.")
    blog: Optional[StrictStr] = Field(default=None, description="Address of the user's blog.")
    collaborators: Optional[StrictInt] = Field(default=None, description="Number of collaborators.")
    company: Optional[StrictStr] = Field(default=None, description="Company name.")
    created_at: Optional[StrictStr] = Field(
        default=None, description="When the account was created at the provider, as the provider writes it."
    )
    disk_usage: Optional[StrictInt] = Field(default=None, description="Disk space used, in kilobytes.")
    email: Optional[StrictStr] = Field(default=None, description="Email address.")
    email_verified: Optional[StrictBool] = Field(
        default=None, description="True when the provider verified the email address."
    )
    events_url: Optional[StrictStr] = Field(default=None, description="API address of the user's events.")
    followers: Optional[StrictInt] = Field(default=None, description="Number of followers.")
    followers_url: Optional[StrictStr] = Field(default=None, description="API address of the followers.")
    following: Optional[StrictInt] = Field(default=None, description="Number of accounts followed.")
    following_url: Optional[StrictStr] = Field(
        default=None, description="API address of the accounts followed."
    )
    gists_url: Optional[StrictStr] = Field(default=None, description="API address of the gists.")
    gravatar_id: Optional[StrictStr] = Field(default=None, description="Gravatar id.")
    hireable: Optional[StrictBool] = Field(default=None, description="True when the user is open to offers.")
    html_url: Optional[StrictStr] = Field(default=None, description="Address of the profile page.")
    name: Optional[StrictStr] = Field(default=None, description="Display name.")
    nickname: Optional[StrictStr] = Field(default=None, description="Nickname.")
    node_id: Optional[StrictStr] = Field(default=None, description="Global node id at the provider.")
    organizations_url: Optional[StrictStr] = Field(
        default=None, description="API address of the organizations."
    )
    owned_private_repos: Optional[StrictInt] = Field(
        default=None, description="Number of private repositories owned."
    )
    picture: Optional[StrictStr] = Field(default=None, description="Address of the profile picture.")
    private_gists: Optional[StrictInt] = Field(default=None, description="Number of private gists.")
    public_gists: Optional[StrictInt] = Field(default=None, description="Number of public gists.")
    public_repos: Optional[StrictInt] = Field(default=None, description="Number of public repositories.")
    received_events_url: Optional[StrictStr] = Field(
        default=None, description="API address of received events."
    )
    repos_url: Optional[StrictStr] = Field(default=None, description="API address of the repositories.")
    site_admin: Optional[StrictBool] = Field(default=None, description="True for a site administrator.")
    starred_url: Optional[StrictStr] = Field(default=None, description="API address of starred repositories.")
    subscriptions_url: Optional[StrictStr] = Field(
        default=None, description="API address of the subscriptions."
    )
    total_private_repos: Optional[StrictInt] = Field(
        default=None, description="Total number of private repositories."
    )
    twitter_username: Optional[StrictStr] = Field(default=None, description="Twitter username.")
    two_factor_authentication: Optional[StrictBool] = Field(
        default=None, description="True when two-factor authentication is on."
    )
    type: Optional[StrictStr] = Field(default=None, description="Account type at the provider.")
    updated_at: Optional[StrictStr] = Field(
        default=None,
        description="When the account was last updated at the provider, as the provider writes it.",
    )
    url: Optional[StrictStr] = Field(default=None, description="API address of the profile.")
