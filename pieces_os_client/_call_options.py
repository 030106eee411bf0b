"""The per-call options the official SDK's methods take besides ``_request_timeout`` and ``_headers``.

``_request_auth``, ``_content_type`` and ``_host_index`` are accepted with the official meaning where it
applies to Pieces OS, and refused with an `ApiValueError` that says why where it cannot:

- ``_request_auth``: one auth setting for this call in place of the configured one. Pieces OS reads one
  credential, the ``X-Application-ID`` header, so ``{"in": "header", "type": "api_key",
  "key": "X-Application-ID", "value": "..."}`` is sent in place of ``Configuration.api_key``; any other
  setting is refused.
- ``_content_type``: the request body is always JSON, so only ``application/json`` (optionally with
  ``charset=utf-8``) is accepted; it changes nothing.
- ``_host_index``: Pieces OS has one server entry, so only 0; the host is ``Configuration.host``.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from pieces_os_client import _constants as C
from pieces_os_client.configuration import check_header
from pieces_os_client.exceptions import ApiTypeError, ApiValueError, ConfigurationError

__all__ = ["call_headers"]

_AUTH_EXAMPLE = "{'in': 'header', 'type': 'api_key', 'key': 'X-Application-ID', 'value': '<application id>'}"
_AUTH_KEYS = frozenset({"in", "key", "value", "type"})


def call_headers(
    headers: Optional[Mapping[str, str]],
    request_auth: Optional[Mapping[str, Any]],
    content_type: Optional[str],
    host_index: int,
) -> Optional[Mapping[str, str]]:
    """The ``_headers`` to send once the other call options are applied; raise where one cannot apply."""
    if host_index != 0 or isinstance(host_index, bool) or not isinstance(host_index, int):
        _refuse_host_index(host_index)
    if content_type is not None:
        _check_content_type(content_type)
    if request_auth is None:
        return headers
    key = _application_key(request_auth)
    if headers is not None and not isinstance(headers, Mapping):
        raise ApiTypeError(f"_headers must be a mapping of str to str, got {type(headers).__name__}")
    merged: Dict[str, str] = {}
    for name, value in (headers or {}).items():
        # The setting replaces a key given in _headers too, as it does in the official SDK.
        if not (isinstance(name, str) and name.lower() == C.API_KEY_HEADER.lower()):
            merged[name] = value
    merged[C.API_KEY_HEADER] = key
    return merged


def _refuse_host_index(host_index: object) -> None:
    raise ApiValueError(
        f"_host_index must be 0, got {host_index!r}: Pieces OS has a single server entry; choose the "
        "host with Configuration(host=...) instead"
    )


def _check_content_type(content_type: object) -> None:
    if isinstance(content_type, str):
        media, _, params = content_type.partition(";")
        charset = params.strip().lower().replace(" ", "")
        if media.strip().lower() == "application/json" and charset in ("", "charset=utf-8"):
            return
        shown = repr(content_type[:60])
    else:
        shown = f"a {type(content_type).__name__}"
    raise ApiValueError(
        f"_content_type {shown} cannot be used: request bodies are sent as JSON, so only "
        "'application/json' fits; leave _content_type out"
    )


def _application_key(request_auth: object) -> str:
    """The application id a ``_request_auth`` setting carries; never quotes its value in an error."""
    if not isinstance(request_auth, Mapping):
        raise ApiTypeError(
            f"_request_auth must be a dict like {_AUTH_EXAMPLE}, got {type(request_auth).__name__}"
        )
    missing = sorted(_AUTH_KEYS - set(request_auth))
    if missing:
        raise ApiValueError(f"_request_auth lacks {', '.join(missing)}; pass a dict like {_AUTH_EXAMPLE}")
    where, kind, name = request_auth["in"], request_auth["type"], request_auth["key"]
    if (
        where != "header"
        or kind != "api_key"
        or not isinstance(name, str)
        or name.lower() != C.API_KEY_HEADER.lower()
    ):
        described = ", ".join(f"{k}={_short(request_auth[k])}" for k in ("in", "type", "key"))
        raise ApiValueError(
            f"_request_auth ({described}) cannot apply: Pieces OS reads one credential, the "
            f"application id in the {C.API_KEY_HEADER} header; pass {_AUTH_EXAMPLE}, or leave "
            "_request_auth out to send Configuration.api_key"
        )
    value = request_auth["value"]
    try:
        check_header(C.API_KEY_HEADER, value, what="_request_auth value for")
    except ConfigurationError as exc:
        raise ApiValueError(str(exc)) from None
    return str(value)


def _short(value: object) -> str:
    return repr(value[:40]) if isinstance(value, str) else type(value).__name__
