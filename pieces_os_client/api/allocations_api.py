# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationsApi` and its asyncio twin `AsyncAllocationsApi`.

Connect to, reconnect to, disconnect from and list cloud allocations.

Each method only describes its operation (an `Operation` constant below, taken from ``openapi.yaml``);
`ApiClient` (or, for the async class, `AsyncApiClient`) sends it, retries, maps errors and decodes the
response. This module does not import aiohttp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from pieces_os_client._call_options import call_headers
from pieces_os_client._operation import Operation, RequestTimeout
from pieces_os_client.api_client import ApiClient
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocations import Allocations
from pieces_os_client.models.user_profile import UserProfile
from pieces_os_client.rest import RESTResponse

if TYPE_CHECKING:
    from pieces_os_client.async_api_client import AsyncApiClient, AsyncRESTResponse

_ALLOCATIONS_CONNECT_NEW_CLOUD = Operation(
    operation_id="allocations-connect-new-cloud",
    method="POST",
    path="/allocations/connect",
    body_param="user_profile",
    body_type=UserProfile,
    responses={
        200: AllocationCloud,
        400: str,
        500: str,
        504: str,
    },
    accept="application/json, text/plain",
)
_ALLOCATIONS_CREATE_NEW_ALLOCATION = Operation(
    operation_id="allocations-create-new-allocation",
    method="POST",
    path="/allocations/create",
    body_param="allocation_cloud",
    body_type=AllocationCloud,
    responses={
        200: AllocationCloud,
        400: str,
        500: str,
    },
    accept="application/json, text/plain",
)
_ALLOCATIONS_DELETE_ALLOCATION = Operation(
    operation_id="allocations-delete-allocation",
    method="POST",
    path="/allocations/delete",
    body_param="allocation_cloud",
    body_type=AllocationCloud,
    responses={
        200: str,
        400: str,
        404: str,
        500: str,
    },
    accept="text/plain",
)
_ALLOCATIONS_DISCONNECT_CLOUD = Operation(
    operation_id="allocations-disconnect-cloud",
    method="POST",
    path="/allocations/disconnect",
    body_param="allocation_cloud",
    body_type=AllocationCloud,
    responses={
        200: str,
        400: str,
        404: str,
        500: str,
    },
    accept="text/plain",
)
_ALLOCATIONS_RECONNECT_CLOUD = Operation(
    operation_id="allocations-reconnect-cloud",
    method="POST",
    path="/allocations/reconnect",
    body_param="allocation_cloud",
    body_type=AllocationCloud,
    responses={
        200: AllocationCloud,
        400: str,
        404: str,
        500: str,
        504: str,
    },
    accept="application/json, text/plain",
)
_ALLOCATIONS_SNAPSHOT = Operation(
    operation_id="allocations-snapshot",
    method="GET",
    path="/allocations",
    responses={
        200: Allocations,
        500: str,
    },
    accept="application/json, text/plain",
)


class AllocationsApi:
    """Connect to, reconnect to, disconnect from and list cloud allocations.

    Example::

        with pieces_os_client.ApiClient(configuration) as api_client:
            api = pieces_os_client.AllocationsApi(api_client)
            allocations = api.allocations_snapshot()
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient.get_default()

    def allocations_connect_new_cloud(
        self,
        user_profile: Optional[UserProfile] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AllocationCloud:
        """Connect the signed-in user to their cloud.

        Connects to the cloud allocation of the given user, creating the connection if needed. The user must
        be signed in to Pieces OS. Answers with the allocation once it is reachable; when that takes too long
        the answer is a 504.

        ``POST /allocations/connect``

        Args:
            user_profile: the request body (sent as JSON by wire name; fields never set are not sent):
                a `UserProfile`, or a dict keyed by wire names, validated as
                ``UserProfile.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            The user's cloud allocation.

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            GatewayTimeoutException: The cloud did not answer in time.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `AllocationCloud`.
            ApiTypeError: ``user_profile`` is neither a `UserProfile` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``user_profile`` does not fit `UserProfile` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_CONNECT_NEW_CLOUD,
            user_profile,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: AllocationCloud = response.data  # Any: the operation's response type decoded it
        return data

    def allocations_connect_new_cloud_with_http_info(
        self,
        user_profile: Optional[UserProfile] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[AllocationCloud]:
        """Connect the signed-in user to their cloud, with the status code, headers and raw body.

        Connects to the cloud allocation of the given user, creating the connection if needed. The user must
        be signed in to Pieces OS. Answers with the allocation once it is reachable; when that takes too long
        the answer is a 504.

        ``POST /allocations/connect``

        Args:
            user_profile: the request body (sent as JSON by wire name; fields never set are not sent):
                a `UserProfile`, or a dict keyed by wire names, validated as
                ``UserProfile.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            An `ApiResponse` whose ``data`` is the decoded body (AllocationCloud).

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            GatewayTimeoutException: The cloud did not answer in time.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `AllocationCloud`.
            ApiTypeError: ``user_profile`` is neither a `UserProfile` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``user_profile`` does not fit `UserProfile` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_CONNECT_NEW_CLOUD,
            user_profile,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def allocations_connect_new_cloud_without_preload_content(
        self,
        user_profile: Optional[UserProfile] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Connect the signed-in user to their cloud, returning the undecoded response.

        Connects to the cloud allocation of the given user, creating the connection if needed. The user must
        be signed in to Pieces OS. Answers with the allocation once it is reachable; when that takes too long
        the answer is a 504.

        ``POST /allocations/connect``

        Args:
            user_profile: the request body (sent as JSON by wire name; fields never set are not sent):
                a `UserProfile`, or a dict keyed by wire names, validated as
                ``UserProfile.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``. ``read()`` gets as long again.

        Returns:
            The response with its body not read yet, whatever its status; the caller reads or closes it.

        Raises:
            ApiTypeError: ``user_profile`` is neither a `UserProfile` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``user_profile`` does not fit `UserProfile` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        return self.api_client.invoke_raw(
            _ALLOCATIONS_CONNECT_NEW_CLOUD,
            user_profile,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def allocations_create_new_allocation(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AllocationCloud:
        """Create a cloud allocation.

        Creates a new cloud allocation. Only the Pieces cloud implements this; a local Pieces OS answers with
        an error.

        ``POST /allocations/create``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            The allocation that was created.

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `AllocationCloud`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_CREATE_NEW_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: AllocationCloud = response.data  # Any: the operation's response type decoded it
        return data

    def allocations_create_new_allocation_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[AllocationCloud]:
        """Create a cloud allocation, with the status code, headers and raw body.

        Creates a new cloud allocation. Only the Pieces cloud implements this; a local Pieces OS answers with
        an error.

        ``POST /allocations/create``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            An `ApiResponse` whose ``data`` is the decoded body (AllocationCloud).

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `AllocationCloud`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_CREATE_NEW_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def allocations_create_new_allocation_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Create a cloud allocation, returning the undecoded response.

        Creates a new cloud allocation. Only the Pieces cloud implements this; a local Pieces OS answers with
        an error.

        ``POST /allocations/create``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``. ``read()`` gets as long again.

        Returns:
            The response with its body not read yet, whatever its status; the caller reads or closes it.

        Raises:
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        return self.api_client.invoke_raw(
            _ALLOCATIONS_CREATE_NEW_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def allocations_delete_allocation(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Delete a cloud allocation.

        Deletes the given cloud allocation. Only the Pieces cloud implements this; a local Pieces OS answers
        with an error.

        ``POST /allocations/delete``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            The allocation was deleted; the body is a plain-text confirmation.

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            NotFoundException: No allocation has the id given in the request body.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_DELETE_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    def allocations_delete_allocation_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Delete a cloud allocation, with the status code, headers and raw body.

        Deletes the given cloud allocation. Only the Pieces cloud implements this; a local Pieces OS answers
        with an error.

        ``POST /allocations/delete``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            An `ApiResponse` whose ``data`` is the decoded body (str).

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            NotFoundException: No allocation has the id given in the request body.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_DELETE_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def allocations_delete_allocation_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Delete a cloud allocation, returning the undecoded response.

        Deletes the given cloud allocation. Only the Pieces cloud implements this; a local Pieces OS answers
        with an error.

        ``POST /allocations/delete``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``. ``read()`` gets as long again.

        Returns:
            The response with its body not read yet, whatever its status; the caller reads or closes it.

        Raises:
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        return self.api_client.invoke_raw(
            _ALLOCATIONS_DELETE_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def allocations_disconnect_cloud(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Disconnect from a cloud allocation.

        Closes the connection to the given cloud allocation. The allocation itself is kept.

        ``POST /allocations/disconnect``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            Disconnected; the body is the id (uuid) of the allocation, as plain text.

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            NotFoundException: No allocation has the id given in the request body.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_DISCONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    def allocations_disconnect_cloud_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Disconnect from a cloud allocation, with the status code, headers and raw body.

        Closes the connection to the given cloud allocation. The allocation itself is kept.

        ``POST /allocations/disconnect``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            An `ApiResponse` whose ``data`` is the decoded body (str).

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            NotFoundException: No allocation has the id given in the request body.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_DISCONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def allocations_disconnect_cloud_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Disconnect from a cloud allocation, returning the undecoded response.

        Closes the connection to the given cloud allocation. The allocation itself is kept.

        ``POST /allocations/disconnect``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``. ``read()`` gets as long again.

        Returns:
            The response with its body not read yet, whatever its status; the caller reads or closes it.

        Raises:
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        return self.api_client.invoke_raw(
            _ALLOCATIONS_DISCONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def allocations_reconnect_cloud(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AllocationCloud:
        """Reconnect to a cloud allocation.

        Connects again to a cloud allocation that was disconnected or lost. Answers with the allocation once
        it is reachable; when that takes too long the answer is a 504.

        ``POST /allocations/reconnect``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            The allocation, reconnected.

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            NotFoundException: No allocation has the id given in the request body.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            GatewayTimeoutException: The cloud did not answer in time.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `AllocationCloud`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_RECONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: AllocationCloud = response.data  # Any: the operation's response type decoded it
        return data

    def allocations_reconnect_cloud_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[AllocationCloud]:
        """Reconnect to a cloud allocation, with the status code, headers and raw body.

        Connects again to a cloud allocation that was disconnected or lost. Answers with the allocation once
        it is reachable; when that takes too long the answer is a 504.

        ``POST /allocations/reconnect``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            An `ApiResponse` whose ``data`` is the decoded body (AllocationCloud).

        Raises:
            BadRequestException: The request body is not valid JSON or does not match the schema; the body
                says why.
            NotFoundException: No allocation has the id given in the request body.
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            GatewayTimeoutException: The cloud did not answer in time.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `AllocationCloud`.
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_RECONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def allocations_reconnect_cloud_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Reconnect to a cloud allocation, returning the undecoded response.

        Connects again to a cloud allocation that was disconnected or lost. Answers with the allocation once
        it is reachable; when that takes too long the answer is a 504.

        ``POST /allocations/reconnect``

        Args:
            allocation_cloud: the request body (sent as JSON by wire name; fields never set are not sent):
                an `AllocationCloud`, or a dict keyed by wire names, validated as
                ``AllocationCloud.from_dict`` does (unknown keys are kept and sent).
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``. ``read()`` gets as long again.

        Returns:
            The response with its body not read yet, whatever its status; the caller reads or closes it.

        Raises:
            ApiTypeError: ``allocation_cloud`` is neither an `AllocationCloud` nor a dict
                (raised before any I/O).
            ApiValueError: a dict ``allocation_cloud`` does not fit `AllocationCloud` (pydantic's
                ``ValidationError`` is the cause), or ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        return self.api_client.invoke_raw(
            _ALLOCATIONS_RECONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def allocations_snapshot(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> Allocations:
        """List every cloud allocation.

        Returns every cloud allocation this Pieces OS knows about, in their current state.

        ``GET /allocations``

        Args:
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            The allocations.

        Raises:
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `Allocations`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_SNAPSHOT,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: Allocations = response.data  # Any: the operation's response type decoded it
        return data

    def allocations_snapshot_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[Allocations]:
        """List every cloud allocation, with the status code, headers and raw body.

        Returns every cloud allocation this Pieces OS knows about, in their current state.

        ``GET /allocations``

        Args:
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``.

        Returns:
            An `ApiResponse` whose ``data`` is the decoded body (Allocations).

        Raises:
            ServiceException: Pieces OS failed while handling the request; the body describes the failure.
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `Allocations`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _ALLOCATIONS_SNAPSHOT,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def allocations_snapshot_without_preload_content(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """List every cloud allocation, returning the undecoded response.

        Returns every cloud allocation this Pieces OS knows about, in their current state.

        ``GET /allocations``

        Args:
            _request_timeout: seconds for each of connect and read, or a ``(connect, read)`` pair;
                None uses the configured timeouts.
            _request_auth: an auth setting used for this call instead of ``Configuration.api_key``; only
                ``{"in": "header", "type": "api_key", "key": "X-Application-ID", "value": ...}`` applies.
            _content_type: only ``application/json`` (what the SDK sends anyway) is accepted.
            _headers: extra request headers for this call.
            _host_index: only 0 (Pieces OS has one server entry); the host is ``Configuration.host``.
            _retries: the most retries for this call; None uses the configured policy.
            _total_timeout: seconds the whole call may take, retries and waits included; None uses
                ``Configuration.total_timeout``. ``read()`` gets as long again.

        Returns:
            The response with its body not read yet, whatever its status; the caller reads or closes it.

        Raises:
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        return self.api_client.invoke_raw(
            _ALLOCATIONS_SNAPSHOT,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )


class AsyncAllocationsApi:
    """Connect to, reconnect to, disconnect from and list cloud allocations.

    The asyncio twin of `AllocationsApi`: the same operations, parameters, models, retries and
    errors; every method is a coroutine. Needs ``pip install 'pieces-os-client[async]'``.

    Example::

        async with pieces_os_client.AsyncApiClient(configuration) as api_client:
            api = pieces_os_client.AsyncAllocationsApi(api_client)
            allocations = await api.allocations_snapshot()
    """

    def __init__(self, api_client: AsyncApiClient) -> None:
        self.api_client = api_client

    async def allocations_connect_new_cloud(
        self,
        user_profile: Optional[UserProfile] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AllocationCloud:
        """Connect the signed-in user to their cloud.

        ``POST /allocations/connect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_connect_new_cloud`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_CONNECT_NEW_CLOUD,
            user_profile,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: AllocationCloud = response.data  # Any: the operation's response type decoded it
        return data

    async def allocations_connect_new_cloud_with_http_info(
        self,
        user_profile: Optional[UserProfile] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[AllocationCloud]:
        """Connect the signed-in user to their cloud, with the status code, headers and raw body.

        ``POST /allocations/connect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_connect_new_cloud_with_http_info`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_CONNECT_NEW_CLOUD,
            user_profile,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def allocations_connect_new_cloud_without_preload_content(
        self,
        user_profile: Optional[UserProfile] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Connect the signed-in user to their cloud, returning the undecoded response.

        ``POST /allocations/connect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_connect_new_cloud_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _ALLOCATIONS_CONNECT_NEW_CLOUD,
            user_profile,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def allocations_create_new_allocation(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AllocationCloud:
        """Create a cloud allocation.

        ``POST /allocations/create``; the arguments, result and errors are those of
        `AllocationsApi.allocations_create_new_allocation`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_CREATE_NEW_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: AllocationCloud = response.data  # Any: the operation's response type decoded it
        return data

    async def allocations_create_new_allocation_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[AllocationCloud]:
        """Create a cloud allocation, with the status code, headers and raw body.

        ``POST /allocations/create``; the arguments, result and errors are those of
        `AllocationsApi.allocations_create_new_allocation_with_http_info`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_CREATE_NEW_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def allocations_create_new_allocation_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Create a cloud allocation, returning the undecoded response.

        ``POST /allocations/create``; the arguments, result and errors are those of
        `AllocationsApi.allocations_create_new_allocation_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _ALLOCATIONS_CREATE_NEW_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def allocations_delete_allocation(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Delete a cloud allocation.

        ``POST /allocations/delete``; the arguments, result and errors are those of
        `AllocationsApi.allocations_delete_allocation`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_DELETE_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    async def allocations_delete_allocation_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Delete a cloud allocation, with the status code, headers and raw body.

        ``POST /allocations/delete``; the arguments, result and errors are those of
        `AllocationsApi.allocations_delete_allocation_with_http_info`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_DELETE_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def allocations_delete_allocation_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Delete a cloud allocation, returning the undecoded response.

        ``POST /allocations/delete``; the arguments, result and errors are those of
        `AllocationsApi.allocations_delete_allocation_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _ALLOCATIONS_DELETE_ALLOCATION,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def allocations_disconnect_cloud(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Disconnect from a cloud allocation.

        ``POST /allocations/disconnect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_disconnect_cloud`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_DISCONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    async def allocations_disconnect_cloud_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Disconnect from a cloud allocation, with the status code, headers and raw body.

        ``POST /allocations/disconnect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_disconnect_cloud_with_http_info`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_DISCONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def allocations_disconnect_cloud_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Disconnect from a cloud allocation, returning the undecoded response.

        ``POST /allocations/disconnect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_disconnect_cloud_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _ALLOCATIONS_DISCONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def allocations_reconnect_cloud(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AllocationCloud:
        """Reconnect to a cloud allocation.

        ``POST /allocations/reconnect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_reconnect_cloud`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_RECONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: AllocationCloud = response.data  # Any: the operation's response type decoded it
        return data

    async def allocations_reconnect_cloud_with_http_info(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[AllocationCloud]:
        """Reconnect to a cloud allocation, with the status code, headers and raw body.

        ``POST /allocations/reconnect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_reconnect_cloud_with_http_info`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_RECONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def allocations_reconnect_cloud_without_preload_content(
        self,
        allocation_cloud: Optional[AllocationCloud] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Reconnect to a cloud allocation, returning the undecoded response.

        ``POST /allocations/reconnect``; the arguments, result and errors are those of
        `AllocationsApi.allocations_reconnect_cloud_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _ALLOCATIONS_RECONNECT_CLOUD,
            allocation_cloud,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def allocations_snapshot(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> Allocations:
        """List every cloud allocation.

        ``GET /allocations``; the arguments, result and errors are those of
        `AllocationsApi.allocations_snapshot`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_SNAPSHOT,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: Allocations = response.data  # Any: the operation's response type decoded it
        return data

    async def allocations_snapshot_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[Allocations]:
        """List every cloud allocation, with the status code, headers and raw body.

        ``GET /allocations``; the arguments, result and errors are those of
        `AllocationsApi.allocations_snapshot_with_http_info`."""
        response = await self.api_client.invoke(
            _ALLOCATIONS_SNAPSHOT,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def allocations_snapshot_without_preload_content(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """List every cloud allocation, returning the undecoded response.

        ``GET /allocations``; the arguments, result and errors are those of
        `AllocationsApi.allocations_snapshot_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _ALLOCATIONS_SNAPSHOT,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
