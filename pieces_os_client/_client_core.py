"""What the blocking and the asyncio clients share: request encoding, header checks, option checks,
the status-to-error mapping and the decoding of bodies into models.

`ClientCore` does no I/O: `ApiClient` and `AsyncApiClient` add the sending, each in its own way, and
call these methods so both build the same requests and raise the same errors.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, NamedTuple, Optional, Set, Tuple

from pydantic import ValidationError

from pieces_os_client._model import PiecesModel
from pieces_os_client._operation import Operation, RequestTimeout, ResponseType
from pieces_os_client._text import escape_controls, server_excerpt
from pieces_os_client.configuration import (
    Configuration,
    check_api_key,
    check_header,
    check_not_sdk_header,
    check_timeout,
)
from pieces_os_client.exceptions import (
    ApiDecodeError,
    ApiException,
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
    exception_for_status,
)
from pieces_os_client.rest import RESTResponse
from pieces_os_client.retry import RetryPolicy

_JSON = "application/json"

# How many distinct header sets a client remembers as already checked (per-call headers can vary).
_CHECKED_HEADERS_MAX = 256


def _media_type(content_type: Optional[str]) -> str:
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: Optional[str]) -> str:
    if content_type:
        for param in content_type.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
    return "utf-8"


def _is_json(media_type: str) -> bool:
    return media_type == _JSON or media_type.endswith("+json")


# Content-Type values already parsed by `_decode`: a server sends the same one or two every time.
_KNOWN_MEDIA: Dict[Optional[str], Tuple[str, bool]] = {}
_KNOWN_MEDIA_MAX = 64


def _learn_media(content_type: Optional[str]) -> Tuple[str, bool]:
    """(media type, is JSON) of ``content_type``, remembered (up to `_KNOWN_MEDIA_MAX` values)."""
    media = _media_type(content_type)
    found = (media, _is_json(media))
    if len(_KNOWN_MEDIA) < _KNOWN_MEDIA_MAX:
        _KNOWN_MEDIA[content_type] = found
    return found


_BOM = b"\xef\xbb\xbf"


def _without_bom(raw: bytes) -> bytes:
    """A JSON body without its leading UTF-8 byte order mark: RFC 8259 lets a parser ignore one."""
    return raw[3:] if raw.startswith(_BOM) else raw


class Prepared(NamedTuple):
    """One call, checked and encoded before its first attempt (see `ClientCore._prepare`)."""

    payload: Optional[bytes]
    headers: Dict[str, str]
    timeout: Tuple[float, float]
    policy: RetryPolicy
    total_timeout: float


class ClientCore:
    """The I/O-free part of a client: its configuration, default headers and cookie, and the policy."""

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
    ) -> None:
        if configuration is None:
            configuration = Configuration.get_default()
        elif not isinstance(configuration, Configuration):
            raise ApiTypeError(
                f"configuration must be a Configuration, got {type(configuration).__name__}; "
                "build one with pieces_os_client.Configuration(host=...)"
            )
        self.configuration = configuration
        self.default_headers: Dict[str, str] = {}
        if header_name is not None:
            check_header(header_name, header_value)
            check_not_sdk_header(header_name)
            self.default_headers[header_name] = header_value  # type: ignore[assignment]  # checked above
        if cookie is not None:
            check_header("Cookie", cookie)
        self.cookie = cookie
        self._checked_headers: Set[Tuple[Tuple[str, str], ...]] = set()

    @property
    def user_agent(self) -> str:
        """The User-Agent sent with every request."""
        return self.default_headers.get("User-Agent", self.configuration.user_agent)

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.set_default_header("User-Agent", value)

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send ``header_name: header_value`` with every request of this client."""
        check_header(header_name, header_value)
        check_not_sdk_header(header_name)
        self.default_headers[header_name] = header_value

    def _encode_body(self, operation: Operation, body: object) -> Optional[bytes]:
        if body is None:
            return None
        expected = operation.body_type
        if expected is None:
            raise ApiTypeError(f"{operation.operation_id} takes no request body, got {type(body).__name__}")
        name = operation.body_param or "body"
        hint = expected.__name__
        model: PiecesModel
        if isinstance(body, expected):
            model = body
        elif isinstance(body, dict):
            # As the official SDK's methods do: a dict becomes the model, here by wire name as from_dict
            # reads it, unknown keys kept.
            try:
                model = expected.from_dict(body)
            except ValidationError as exc:
                raise ApiValueError(
                    f"{name} does not fit {hint} ({_first_line(exc)}); nothing was sent: give the fields "
                    f"{hint} requires, by wire name (as {hint}.to_dict() writes them)"
                ) from exc
        else:
            raise ApiTypeError(
                f"{name} must be {_article(hint)} {hint} or a dict, got {type(body).__name__}; build one "
                f"with {hint}(...) or {hint}.from_dict(...)"
            )
        try:
            return model.model_dump_json(by_alias=True, exclude_unset=True).encode("utf-8")
        except (ValueError, RecursionError) as exc:  # pydantic's PydanticSerializationError is a ValueError
            raise ApiValueError(
                f"{name} cannot be sent as JSON ({_first_line(exc)}); nothing was sent: fix the value "
                "(a lone surrogate such as '\\ud800' in a str, or nesting deeper than the serializer allows)"
            ) from exc

    def _build_headers(
        self, operation: Operation, has_body: bool, extra: Optional[Mapping[str, str]]
    ) -> Dict[str, str]:
        config = self.configuration
        headers: Dict[str, str] = {"User-Agent": config._user_agent, "Accept": operation.accept}
        if has_body:
            headers["Content-Type"] = _JSON
        # Each layer overrides the ones before it, by name in any case: "user-agent" replaces
        # "User-Agent" instead of both being sent.
        if config.default_headers:
            _override(headers, config.default_headers)
        if self.default_headers:
            _override(headers, self.default_headers)
        if self.cookie is not None:
            _override(headers, {"Cookie": self.cookie})
        if config._api_key:
            _override(headers, config.auth_headers())
        if extra:
            if not isinstance(extra, Mapping):
                raise ApiTypeError(f"_headers must be a mapping of str to str, got {type(extra).__name__}")
            _override(headers, extra)
        # Checking every header costs more than the rest of this method; a set of headers seen to pass
        # is not checked again (the key is the exact names and values, so any change is checked).
        try:
            seen = tuple(headers.items())
            known = seen in self._checked_headers
        except TypeError:  # an unhashable value: the check below says what is wrong
            seen, known = (), False
        if not known:
            check_api_key(config.api_key)
            for name, value in headers.items():
                check_header(name, value, what="header")
            for name in config.default_headers:
                check_not_sdk_header(name, "Configuration.default_headers header")
            for name in self.default_headers:
                check_not_sdk_header(name, "ApiClient default header")
            for name in extra or ():
                check_not_sdk_header(name, "_headers header", ApiValueError)
            if len(self._checked_headers) < _CHECKED_HEADERS_MAX:
                self._checked_headers.add(seen)
        return headers

    def _resolve_timeout(self, request_timeout: RequestTimeout) -> Tuple[float, float]:
        if request_timeout is None:
            return self.configuration.timeout
        try:
            if isinstance(request_timeout, tuple):
                if len(request_timeout) != 2:
                    raise ConfigurationError(
                        f"_request_timeout must be seconds or a (connect, read) pair, got {request_timeout!r}"
                    )
                return (
                    check_timeout(request_timeout[0], "_request_timeout connect"),
                    check_timeout(request_timeout[1], "_request_timeout read"),
                )
            seconds = check_timeout(request_timeout, "_request_timeout")
        except ConfigurationError as exc:
            raise ApiValueError(str(exc)) from None
        return (seconds, seconds)

    def _prepare(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        request_timeout: RequestTimeout,
        headers: Optional[Mapping[str, str]],
        retries: Optional[int],
        total_timeout: Optional[float],
    ) -> Prepared:
        """Everything a call needs before its first attempt, for the blocking and the asyncio clients:
        the body encoded, the headers built and checked, the timeouts, retry policy and deadline resolved
        (any bad value raises here, before anything is sent)."""
        config = self.configuration
        # The common case (no body, no per-call option) takes no call beyond the header check; the
        # settings are read from Configuration's fields (each property read would be a Python call).
        payload = None if body is None else self._encode_body(operation, body)
        return Prepared(
            payload,
            self._build_headers(operation, payload is not None, headers),
            (config._connect_timeout, config._read_timeout)
            if request_timeout is None
            else self._resolve_timeout(request_timeout),
            config._retry_policy if retries is None else self._resolve_retries(retries),
            config._total_timeout if total_timeout is None else self._resolve_total_timeout(total_timeout),
        )

    def _resolve_total_timeout(self, total_timeout: Optional[float]) -> float:
        if total_timeout is None:
            return self.configuration.total_timeout
        try:
            return check_timeout(total_timeout, "_total_timeout")
        except ConfigurationError as exc:
            raise ApiValueError(str(exc)) from None

    def _resolve_retries(self, retries: Optional[int]) -> RetryPolicy:
        policy = self.configuration.retry_policy
        if retries is None:
            return policy
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise ApiValueError(f"_retries must be a whole number >= 0, got {retries!r}")
        return policy.with_retries(retries)

    # --- decoding -----------------------------------------------------------------------------------

    def _decode(self, operation: Operation, response: RESTResponse, raw: bytes) -> Any:
        status = response.status
        if status in operation.responses:
            target = operation.responses[status]
        else:
            target = next(
                (t for s, t in operation.responses.items() if 200 <= s <= 299 and t is not None), None
            )
        if target is None:
            return None
        content_type = response.headers.get("Content-Type")
        known = _KNOWN_MEDIA.get(content_type)  # (media type, is JSON) of a Content-Type seen before
        media, is_json = known if known is not None else _learn_media(content_type)
        if target is str:
            return self._decode_text(operation, response, raw, content_type, media)
        if media and not is_json:
            raise self._decode_error(
                f"expected a JSON body ({target.__name__}) but the response is {server_excerpt(media)}",
                operation,
                response,
                raw,
                content_type,
            )
        try:
            return target.model_validate_json(_without_bom(raw), by_alias=True, by_name=False)  # type: ignore[union-attr]
        except (ValueError, RecursionError) as exc:  # pydantic's ValidationError is a ValueError
            raise self._decode_error(
                f"the body does not decode into {target.__name__}: {_first_line(exc)}",
                operation,
                response,
                raw,
                content_type,
            ) from exc

    def _decode_text(
        self,
        operation: Operation,
        response: RESTResponse,
        raw: bytes,
        content_type: Optional[str],
        media: str,
    ) -> str:
        if _is_json(media):
            raw = _without_bom(raw)
        charset = _charset(content_type)
        try:
            text = raw.decode(charset)
        except (UnicodeError, LookupError, ValueError) as exc:  # a bad body, or a charset that is no codec
            raise self._decode_error(
                f"the text body does not decode as {_shown_charset(charset)}",
                operation,
                response,
                raw,
                content_type,
            ) from exc
        if _is_json(media) and _starts_json_string(text):
            # A JSON string where text was declared: unwrap it, so callers get the same str either way.
            # Only a body that starts as a string is parsed: other JSON is returned as the text it is.
            import json  # here, not at the top: rarely needed, and it keeps `import pieces_os_client` cheap

            try:
                value = json.loads(text)
            except (ValueError, RecursionError):
                return text
            if isinstance(value, str):
                return value
        return text

    def _decode_error(
        self,
        message: str,
        operation: Operation,
        response: RESTResponse,
        raw: bytes,
        content_type: Optional[str],
    ) -> ApiDecodeError:
        # The message quotes the server (a media type, a charset, a value the model refused): shown with
        # its control characters escaped, as every message that quotes the server is.
        return ApiDecodeError(
            escape_controls(message),
            status=response.status,
            body=raw,
            content_type=content_type,
            headers=response.headers,
            method=operation.method,
            url=response.url or None,
        )

    def _status_error(
        self, operation: Operation, response: RESTResponse, raw: bytes, attempts: int
    ) -> ApiException:
        content_type = response.headers.get("Content-Type")
        media = _media_type(content_type)
        text = _decode_leniently(raw, content_type)
        data: Any = None
        declared: Optional[ResponseType] = operation.responses.get(response.status)
        if declared is str or (declared is None and media.startswith("text/")):
            data = text
        elif declared is not None and _is_json(media or _JSON):
            try:
                data = declared.model_validate_json(_without_bom(raw), by_alias=True, by_name=False)  # type: ignore[union-attr]
            except (ValueError, RecursionError):
                data = None  # the error status matters more than its body's shape; the text is on .body
        cls = exception_for_status(response.status)
        return cls(
            status=response.status,
            reason=response.reason,
            body=text,
            data=data,
            headers=response.headers,
            method=operation.method,
            url=response.url or self.configuration.host + operation.path,
            attempts=attempts,
        )


def _override(headers: Dict[str, str], more: Mapping[str, str]) -> None:
    """Set every header of ``more`` on ``headers``, dropping a name already there in another case."""
    for name, value in more.items():
        if name not in headers and isinstance(name, str):
            lowered = name.lower()
            for existing in [key for key in headers if isinstance(key, str) and key.lower() == lowered]:
                del headers[existing]
        headers[name] = value


def _article(noun: str) -> str:
    """The article for ``noun`` by sound: an AllocationCloud, a UserProfile (U as in "you"), an Update."""
    head = noun[:3].lower()
    if head[:1] in ("a", "e", "i", "o"):
        return "an"
    if head[:1] == "u" and not (len(head) == 3 and head[1] not in "aeiou" and head[2] in "aeiou"):
        return "an"
    return "a"


def _decode_leniently(raw: bytes, content_type: Optional[str]) -> str:
    """The body as text for an error: the declared charset if it works, else UTF-8; never raises.

    A charset that names no text codec (``undefined``, ``rot13``), or one that cannot replace bad bytes
    (``idna``), falls back to UTF-8 with replacement characters.
    """
    charset = _charset(content_type)
    if charset.lower() not in ("utf-8", "utf8"):
        try:
            return raw.decode(charset, "replace")
        except (UnicodeError, LookupError, ValueError):
            pass
    return raw.decode("utf-8", "replace")


def _shown_charset(charset: str) -> str:
    """A charset named by the server, as quoted in a message: short, on one line, controls escaped."""
    return server_excerpt(charset, 40)


def _starts_json_string(text: str) -> bool:
    """Whether ``text`` is a JSON string (``"``) after JSON whitespace; looks at no more than it must."""
    for char in text:
        if char == '"':
            return True
        if char not in " \t\r\n":
            return False
    return False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = text.splitlines()
    if len(lines) > 2:  # pydantic: "N validation errors for X", then field and message
        return " ".join(line.strip() for line in lines[:3]) + (" …" if len(lines) > 3 else "")
    return " ".join(line.strip() for line in lines)
