# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`WellKnownApi` and its asyncio twin `AsyncWellKnownApi`.

Whether Pieces OS is running, its version and where it is installed; what clients ask first.

Each method only describes its operation (an `Operation` constant below, taken from ``openapi.yaml``);
`ApiClient` (or, for the async class, `AsyncApiClient`) sends it, retries, maps errors and decodes the
response. This module does not import aiohttp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, NoReturn, Optional

from pieces_os_client._call_options import call_headers
from pieces_os_client._operation import Operation, RequestTimeout
from pieces_os_client.api_client import ApiClient
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.exceptions import OperationNotProvidedError
from pieces_os_client.rest import RESTResponse

if TYPE_CHECKING:
    from pieces_os_client.async_api_client import AsyncApiClient, AsyncRESTResponse

_GET_INSTALLATION_PATH = Operation(
    operation_id="get-installation-path",
    method="GET",
    path="/.well-known/installation/path",
    responses={
        200: str,
    },
    accept="text/plain",
)
_GET_WELL_KNOWN_HEALTH = Operation(
    operation_id="get-well-known-health",
    method="GET",
    path="/.well-known/health",
    responses={
        200: str,
    },
    accept="text/plain",
)
_GET_WELL_KNOWN_VERSION = Operation(
    operation_id="get-well-known-version",
    method="GET",
    path="/.well-known/version",
    responses={
        200: str,
    },
    accept="text/plain",
)
_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED = (
    "WellKnownApi.get_well_known_stream_health (GET /.well-known/stream/health) is not provided by "
    "this package. It is a websocket stream, and this package speaks plain HTTP only: poll "
    "get_well_known_health(), or call pieces_os_client.wait_until_ready(), instead."
)


class WellKnownApi:
    """Whether Pieces OS is running, its version and where it is installed; what clients ask first.

    Example::

        with pieces_os_client.ApiClient(configuration) as api_client:
            api = pieces_os_client.WellKnownApi(api_client)
            result = api.get_installation_path()
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient.get_default()

    def get_installation_path(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Where Pieces OS is installed.

        The folder Pieces OS runs from, as a path of the machine it runs on.

        ``GET /.well-known/installation/path``

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
            The installation path.

        Raises:
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _GET_INSTALLATION_PATH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    def get_installation_path_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Where Pieces OS is installed, with the status code, headers and raw body.

        The folder Pieces OS runs from, as a path of the machine it runs on.

        ``GET /.well-known/installation/path``

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
            An `ApiResponse` whose ``data`` is the decoded body (str).

        Raises:
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _GET_INSTALLATION_PATH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def get_installation_path_without_preload_content(
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
        """Where Pieces OS is installed, returning the undecoded response.

        The folder Pieces OS runs from, as a path of the machine it runs on.

        ``GET /.well-known/installation/path``

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
            _GET_INSTALLATION_PATH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def get_well_known_health(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Check that Pieces OS is running.

        Answers `ok` (newer builds: `ok:` and an id) as long as Pieces OS is running. This is what discover()
        and wait_until_ready() ask each port.

        ``GET /.well-known/health``

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
            The health text, `ok` or `ok:<id>`.

        Raises:
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _GET_WELL_KNOWN_HEALTH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    def get_well_known_health_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Check that Pieces OS is running, with the status code, headers and raw body.

        Answers `ok` (newer builds: `ok:` and an id) as long as Pieces OS is running. This is what discover()
        and wait_until_ready() ask each port.

        ``GET /.well-known/health``

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
            An `ApiResponse` whose ``data`` is the decoded body (str).

        Raises:
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _GET_WELL_KNOWN_HEALTH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def get_well_known_health_without_preload_content(
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
        """Check that Pieces OS is running, returning the undecoded response.

        Answers `ok` (newer builds: `ok:` and an id) as long as Pieces OS is running. This is what discover()
        and wait_until_ready() ask each port.

        ``GET /.well-known/health``

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
            _GET_WELL_KNOWN_HEALTH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def get_well_known_version(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """The version of Pieces OS.

        The version of the running Pieces OS, such as `11.0.4`, `11.0.4.1` or a pre-release like
        `12.0.0-beta.2`; a development build answers `debug`. pieces_os_client.PiecesOSVersion compares them.

        ``GET /.well-known/version``

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
            The version text.

        Raises:
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _GET_WELL_KNOWN_VERSION,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    def get_well_known_version_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """The version of Pieces OS, with the status code, headers and raw body.

        The version of the running Pieces OS, such as `11.0.4`, `11.0.4.1` or a pre-release like
        `12.0.0-beta.2`; a development build answers `debug`. pieces_os_client.PiecesOSVersion compares them.

        ``GET /.well-known/version``

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
            An `ApiResponse` whose ``data`` is the decoded body (str).

        Raises:
            ApiException: any other error status.
            ApiDecodeError: the success body does not decode into `str`.
            ApiValueError: ``_request_auth``, ``_content_type`` or
                ``_host_index`` cannot apply (raised before any I/O).
            TransportError: the request could not be sent or the response could not be read.
        """
        response = self.api_client.invoke(
            _GET_WELL_KNOWN_VERSION,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    def get_well_known_version_without_preload_content(
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
        """The version of Pieces OS, returning the undecoded response.

        The version of the running Pieces OS, such as `11.0.4`, `11.0.4.1` or a pre-release like
        `12.0.0-beta.2`; a development build answers `debug`. pieces_os_client.PiecesOSVersion compares them.

        ``GET /.well-known/version``

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
            _GET_WELL_KNOWN_VERSION,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    def get_well_known_stream_health(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> NoReturn:
        """Stream the health of Pieces OS: not provided by this package.

        It is a websocket stream, and this package speaks plain HTTP only: poll get_well_known_health(), or
        call pieces_os_client.wait_until_ready(), instead.

        ``GET /.well-known/stream/health``; the arguments are those of the official SDK's method.

        Raises:
            OperationNotProvidedError: always, before any I/O.
        """
        raise OperationNotProvidedError(_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED)

    def get_well_known_stream_health_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> NoReturn:
        """Stream the health of Pieces OS: not provided by this package.

        It is a websocket stream, and this package speaks plain HTTP only: poll get_well_known_health(), or
        call pieces_os_client.wait_until_ready(), instead.

        ``GET /.well-known/stream/health``; the arguments are those of the official SDK's method.

        Raises:
            OperationNotProvidedError: always, before any I/O.
        """
        raise OperationNotProvidedError(_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED)

    def get_well_known_stream_health_without_preload_content(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> NoReturn:
        """Stream the health of Pieces OS: not provided by this package.

        It is a websocket stream, and this package speaks plain HTTP only: poll get_well_known_health(), or
        call pieces_os_client.wait_until_ready(), instead.

        ``GET /.well-known/stream/health``; the arguments are those of the official SDK's method.

        Raises:
            OperationNotProvidedError: always, before any I/O.
        """
        raise OperationNotProvidedError(_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED)


class AsyncWellKnownApi:
    """Whether Pieces OS is running, its version and where it is installed; what clients ask first.

    The asyncio twin of `WellKnownApi`: the same operations, parameters, models, retries and
    errors; every method is a coroutine. Needs ``pip install 'pieces-os-client[async]'``.

    Example::

        async with pieces_os_client.AsyncApiClient(configuration) as api_client:
            api = pieces_os_client.AsyncWellKnownApi(api_client)
            result = await api.get_installation_path()
    """

    def __init__(self, api_client: AsyncApiClient) -> None:
        self.api_client = api_client

    async def get_installation_path(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Where Pieces OS is installed.

        ``GET /.well-known/installation/path``; the arguments, result and errors are those of
        `WellKnownApi.get_installation_path`."""
        response = await self.api_client.invoke(
            _GET_INSTALLATION_PATH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    async def get_installation_path_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Where Pieces OS is installed, with the status code, headers and raw body.

        ``GET /.well-known/installation/path``; the arguments, result and errors are those of
        `WellKnownApi.get_installation_path_with_http_info`."""
        response = await self.api_client.invoke(
            _GET_INSTALLATION_PATH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def get_installation_path_without_preload_content(
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
        """Where Pieces OS is installed, returning the undecoded response.

        ``GET /.well-known/installation/path``; the arguments, result and errors are those of
        `WellKnownApi.get_installation_path_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _GET_INSTALLATION_PATH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def get_well_known_health(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """Check that Pieces OS is running.

        ``GET /.well-known/health``; the arguments, result and errors are those of
        `WellKnownApi.get_well_known_health`."""
        response = await self.api_client.invoke(
            _GET_WELL_KNOWN_HEALTH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    async def get_well_known_health_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """Check that Pieces OS is running, with the status code, headers and raw body.

        ``GET /.well-known/health``; the arguments, result and errors are those of
        `WellKnownApi.get_well_known_health_with_http_info`."""
        response = await self.api_client.invoke(
            _GET_WELL_KNOWN_HEALTH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def get_well_known_health_without_preload_content(
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
        """Check that Pieces OS is running, returning the undecoded response.

        ``GET /.well-known/health``; the arguments, result and errors are those of
        `WellKnownApi.get_well_known_health_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _GET_WELL_KNOWN_HEALTH,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def get_well_known_version(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> str:
        """The version of Pieces OS.

        ``GET /.well-known/version``; the arguments, result and errors are those of
        `WellKnownApi.get_well_known_version`."""
        response = await self.api_client.invoke(
            _GET_WELL_KNOWN_VERSION,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        data: str = response.data  # Any: the operation's response type decoded it
        return data

    async def get_well_known_version_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> ApiResponse[str]:
        """The version of Pieces OS, with the status code, headers and raw body.

        ``GET /.well-known/version``; the arguments, result and errors are those of
        `WellKnownApi.get_well_known_version_with_http_info`."""
        response = await self.api_client.invoke(
            _GET_WELL_KNOWN_VERSION,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )
        return response

    async def get_well_known_version_without_preload_content(
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
        """The version of Pieces OS, returning the undecoded response.

        ``GET /.well-known/version``; the arguments, result and errors are those of
        `WellKnownApi.get_well_known_version_without_preload_content`.
        Read the body with ``await response.read()``, or close the response (``async with``)."""
        return await self.api_client.invoke_raw(
            _GET_WELL_KNOWN_VERSION,
            None,
            request_timeout=_request_timeout,
            headers=call_headers(_headers, _request_auth, _content_type, _host_index),
            retries=_retries,
            total_timeout=_total_timeout,
        )

    async def get_well_known_stream_health(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> NoReturn:
        """Stream the health of Pieces OS: not provided by this package.

        It is a websocket stream, and this package speaks plain HTTP only: poll get_well_known_health(), or
        call pieces_os_client.wait_until_ready(), instead.

        ``GET /.well-known/stream/health``; the arguments are those of the blocking method.

        Raises:
            OperationNotProvidedError: always, before any I/O.
        """
        raise OperationNotProvidedError(_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED)

    async def get_well_known_stream_health_with_http_info(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> NoReturn:
        """Stream the health of Pieces OS: not provided by this package.

        It is a websocket stream, and this package speaks plain HTTP only: poll get_well_known_health(), or
        call pieces_os_client.wait_until_ready(), instead.

        ``GET /.well-known/stream/health``; the arguments are those of the blocking method.

        Raises:
            OperationNotProvidedError: always, before any I/O.
        """
        raise OperationNotProvidedError(_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED)

    async def get_well_known_stream_health_without_preload_content(
        self,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: Optional[int] = None,
        _total_timeout: Optional[float] = None,
    ) -> NoReturn:
        """Stream the health of Pieces OS: not provided by this package.

        It is a websocket stream, and this package speaks plain HTTP only: poll get_well_known_health(), or
        call pieces_os_client.wait_until_ready(), instead.

        ``GET /.well-known/stream/health``; the arguments are those of the blocking method.

        Raises:
            OperationNotProvidedError: always, before any I/O.
        """
        raise OperationNotProvidedError(_GET_WELL_KNOWN_STREAM_HEALTH_NOT_PROVIDED)
