"""What the built-in fake Pieces OS answers: the six Allocations endpoints over an in-memory state.

Transport-free on purpose: `AllocationsState.handle` takes a method, a path and the request body bytes
and returns a `Reply`; the HTTP server in `_server.py` only parses, records and injects faults. Request
bodies are decoded with the generated models and every JSON answer is written by the models'
``to_json()``, so the fake speaks exactly the wire format the SDK decodes.

A server is stricter than the client: the models keep enum values they do not know and accept
explicit nulls (so the SDK never loses data from a newer Pieces OS), but the fake answers 400 to a
body that does not match ``openapi.yaml`` in those respects too, as a real server would. One
exception keeps it consistent with what it serves: an enum value outside the spec that the fake itself
has held (an allocation put in place with status ``"HIBERNATING"``, as a newer Pieces OS may report)
is accepted back in request bodies, so a client that returns what it was given is testable.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import (
    TYPE_CHECKING,
    AbstractSet,
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    Set,
    Tuple,
    Type,
    TypeVar,
)

from pydantic import BaseModel, ValidationError

from pieces_os_client._model import OpenEnum, PiecesModel

if TYPE_CHECKING:
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.user_profile import UserProfile

_M = TypeVar("_M", bound=PiecesModel)

TEXT = "text/plain; charset=utf-8"
JSON = "application/json"

# The user a body-less connect signs in, like the account a desktop Pieces OS is logged in with.
DEFAULT_USER_ID = "6b1b2a4e-3c4d-4f5e-8a9b-0c1d2e3f4a5b"
# Where the fake says clouds live; the pattern of Pieces cloud addresses.
CLOUD_DOMAIN = "pieces.cloud"
# Project and region of a cloud when the user profile names none.
DEFAULT_PROJECT = "pieces-cloud-fake"
DEFAULT_REGION = "us-central1"
# What the fake answers to GET /.well-known/version unless told otherwise (FakePiecesOS(version=...)).
DEFAULT_VERSION = "11.0.4"
# What it answers to GET /.well-known/installation/path.
FAKE_INSTALLATION_PATH = "/opt/pieces-os-fake"
# Statuses in which connect leaves an existing allocation as it is.
_CONNECTED = frozenset({"RUNNING", "PENDING"})
# What a local Pieces OS answers to the cloud-only endpoints.
UNIMPLEMENTED = "unimplemented locally: {path} is only served by a Pieces cloud"

# Path -> allowed methods; HEAD is answered for GET routes (RFC 9110), but the spec does not list it.
ROUTES: Mapping[str, Tuple[str, ...]] = {
    "/allocations": ("GET",),
    "/allocations/connect": ("POST",),
    "/allocations/create": ("POST",),
    "/allocations/delete": ("POST",),
    "/allocations/disconnect": ("POST",),
    "/allocations/reconnect": ("POST",),
    "/.well-known/health": ("GET", "HEAD"),
    "/.well-known/installation/path": ("GET", "HEAD"),
    "/.well-known/version": ("GET", "HEAD"),
}


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: status, body bytes, media type and extra headers."""

    status: int
    body: bytes = b""
    content_type: str = TEXT
    headers: Mapping[str, str] = field(default_factory=dict)


class BadBody(Exception):
    """A request body that is not valid JSON or does not fit the schema; answered with 400."""


def text(status: int, message: str, headers: Optional[Mapping[str, str]] = None) -> Reply:
    """A text/plain reply."""
    return Reply(status, message.encode("utf-8"), TEXT, dict(headers or {}))


def _json(model: PiecesModel) -> Reply:
    return Reply(200, model.to_json().encode("utf-8"), JSON)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "body"
    return f"{where}: {err.get('msg', 'invalid')}"


def _check_strict(value: Any, where: str, served: AbstractSet[Tuple[type, str]] = frozenset()) -> None:
    """Reject what the models tolerate but ``openapi.yaml`` does not: nulls and unknown enum values.

    An unknown enum value in ``served`` (``(enum class, value)`` pairs the fake holds) is accepted.
    """
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        for name in value.model_fields_set:
            info = fields.get(name)
            if info is None:
                continue  # an unknown field: the schemas allow any (additionalProperties: true)
            wire = info.alias or name
            item = getattr(value, name)
            path = f"{where}.{wire}" if where else wire
            if item is None:
                raise BadBody(f"{path}: null is not allowed; leave the field out instead")
            _check_strict(item, path, served)
    elif isinstance(value, OpenEnum):
        if not value.is_known and (type(value), str(value.value)) not in served:
            known = ", ".join(str(m.value) for m in type(value))
            raise BadBody(f"{where}: {value.value!r} is not one of {known}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strict(item, f"{where}[{index}]", served)
    elif isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                raise BadBody(f"{where}.{key}: null is not allowed")
            _check_strict(item, f"{where}.{key}", served)


def _unknown_enums(value: Any, found: Set[Tuple[type, str]]) -> None:
    """Add to ``found`` every enum value outside the spec held in ``value`` (a model, list or dict)."""
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            _unknown_enums(getattr(value, name, None), found)
    elif isinstance(value, OpenEnum):
        if not value.is_known:
            found.add((type(value), str(value.value)))
    elif isinstance(value, (list, tuple)):
        for item in value:
            _unknown_enums(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _unknown_enums(item, found)


def parse_body(
    model: Type[_M], body: bytes, served: AbstractSet[Tuple[type, str]] = frozenset()
) -> Optional[_M]:
    """Decode a request body into ``model``; ``None`` when there is no body. Raises `BadBody`.

    ``served``: enum values outside the spec that are accepted (those the fake holds).
    """
    if not body.strip():
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadBody(f"the body is not UTF-8: {exc.reason} at byte {exc.start}") from exc
    try:
        parsed = model.model_validate_json(body, strict=True, by_alias=True, by_name=False)
    except ValidationError as exc:
        if any(e.get("type") == "json_invalid" for e in exc.errors(include_url=False)):
            raise BadBody(f"the body is not valid JSON: {_first_error(exc)}") from exc
        raise BadBody(f"the body does not match {model.__name__}: {_first_error(exc)}") from exc
    _check_strict(parsed, "", served)
    return parsed


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _schema() -> Any:
    """The ``schema`` stamp Pieces OS puts on every object it sends."""
    from pieces_os_client.models.embedded_model_schema import EmbeddedModelSchema
    from pieces_os_client.models.embedded_model_schema_semantic_version_enum import (
        EmbeddedModelSchemaSemanticVersionEnum,
    )

    return EmbeddedModelSchema(
        migration=0, semantic=EmbeddedModelSchemaSemanticVersionEnum.MAJOR_0_MINOR_0_PATCH_1
    )


class AllocationsState:
    """The allocations a fake Pieces OS holds, and its answer to each endpoint.

    Thread-safe: one lock guards the allocations, since the HTTP server answers each connection on its
    own thread.
    """

    def __init__(
        self,
        *,
        cloud: bool = False,
        connect_status: str = "RUNNING",
        clock: Optional[Callable[[], datetime]] = None,
    ) -> None:
        if connect_status not in ("PENDING", "RUNNING"):
            raise ValueError(f"connect_status must be 'PENDING' or 'RUNNING', not {connect_status!r}")
        self.cloud = cloud
        self.connect_status = connect_status
        self._clock = clock or _now
        self._lock = threading.Lock()
        self._allocations: Dict[str, AllocationCloud] = {}
        # Enum values outside the spec in allocations put in place (what a newer Pieces OS may send).
        self._unknown_served: Set[Tuple[type, str]] = set()

    # -- state, for tests --------------------------------------------------------------------------

    def allocations(self) -> List[AllocationCloud]:
        """A copy of the allocations as they stand, oldest first."""
        with self._lock:
            return [a.model_copy(deep=True) for a in self._allocations.values()]

    def put(self, allocation: AllocationCloud) -> None:
        """Store (or replace) an allocation, keyed by its id."""
        with self._lock:
            self._allocations[allocation.id] = allocation.model_copy(deep=True)
            _unknown_enums(allocation, self._unknown_served)

    def clear(self) -> None:
        """Forget every allocation (and the enum values outside the spec they carried)."""
        with self._lock:
            self._allocations.clear()
            self._unknown_served.clear()

    def _served_unknown(self) -> AbstractSet[Tuple[type, str]]:
        """The enum values outside the spec the fake has held: accepted back in request bodies."""
        return frozenset(self._unknown_served)

    # -- building payloads -------------------------------------------------------------------------

    def new_cloud(self, profile: UserProfile) -> AllocationCloud:
        """The cloud Pieces OS would allocate for ``profile``, in the configured status."""
        from pieces_os_client.models.allocation_cloud import AllocationCloud
        from pieces_os_client.models.allocation_cloud_status import AllocationCloudStatus
        from pieces_os_client.models.allocation_cloud_url import AllocationCloudUrl
        from pieces_os_client.models.allocation_cloud_urls import AllocationCloudUrls
        from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
        from pieces_os_client.models.grouped_timestamp import GroupedTimestamp

        project, region = DEFAULT_PROJECT, DEFAULT_REGION
        for meta in (
            getattr(profile.auth0, "allocation", None),
            getattr(profile.descope, "allocation", None),
            profile.allocation,
        ):
            if meta is not None and getattr(meta, "project", None):
                project = meta.project
                region = getattr(meta, "region", None) or region
                break
        status = AllocationStatusEnum(self.connect_status)
        schema = _schema()
        base = AllocationCloudUrl(schema=schema, status=status, url=f"https://{profile.id}.{CLOUD_DOMAIN}")
        urls = AllocationCloudUrls(schema=schema, base=base, id=base.model_copy())
        if profile.vanityname:
            urls.vanity = AllocationCloudUrl(
                schema=schema, status=status, url=f"https://{profile.vanityname}.{CLOUD_DOMAIN}"
            )
        return AllocationCloud(
            schema=schema,
            id=profile.id,
            user=profile.id,
            project=project,
            region=region,
            status=AllocationCloudStatus(schema=schema, cloud=status),
            urls=urls,
            updated=GroupedTimestamp(schema=schema, value=self._clock()),
        )

    @staticmethod
    def default_profile() -> UserProfile:
        """The signed-in user of the fake, used when connect gets no body."""
        return sample_user_profile()

    def _set_status(self, allocation: AllocationCloud, status: str) -> AllocationCloud:
        from pieces_os_client.models.allocation_cloud_status import AllocationCloudStatus
        from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
        from pieces_os_client.models.grouped_timestamp import GroupedTimestamp

        value = AllocationStatusEnum(status)
        allocation.status = AllocationCloudStatus(schema=_schema(), cloud=value)
        for url in (allocation.urls.base, allocation.urls.id, allocation.urls.vanity):
            if url is not None:
                url.status = value
        allocation.updated = GroupedTimestamp(schema=_schema(), value=self._clock())
        return allocation

    # -- endpoints ---------------------------------------------------------------------------------

    def handle(self, method: str, path: str, body: bytes) -> Reply:
        """Answer one request to one of the six endpoints (routing and methods checked by the caller)."""
        try:
            if path == "/allocations":
                return self._snapshot()
            if path == "/allocations/connect":
                return self._connect(body)
            if path in ("/allocations/create", "/allocations/delete"):
                return self._create_or_delete(path, body)
            if path == "/allocations/reconnect":
                return self._reconnect(body)
            if path == "/allocations/disconnect":
                return self._disconnect(body)
        except BadBody as exc:
            return text(400, str(exc))
        return text(404, f"no such endpoint: {path}")

    def _snapshot(self) -> Reply:
        from pieces_os_client.models.allocations import Allocations

        with self._lock:
            return _json(Allocations(schema=_schema(), iterable=list(self._allocations.values())))

    def _connect(self, body: bytes) -> Reply:
        from pieces_os_client.models.user_profile import UserProfile

        profile = parse_body(UserProfile, body, self._served_unknown()) or self.default_profile()
        with self._lock:
            allocation = self._allocations.get(profile.id)
            if allocation is None:
                allocation = self._allocations[profile.id] = self.new_cloud(profile)
            elif allocation.status.cloud.value not in _CONNECTED:
                # Connecting is what the call asks for: a disconnected (or failed) cloud is connected
                # again. One already connected, or connecting, is left as it is.
                self._set_status(allocation, self.connect_status)
            return _json(allocation)

    def _known(self, body: bytes, path: str) -> Tuple[Optional[str], Optional[Reply]]:
        """The id a body names, or a 404 reply when no allocation has it."""
        from pieces_os_client.models.allocation_cloud import AllocationCloud

        sent = parse_body(AllocationCloud, body, self._served_unknown())
        wanted = sent.id if sent is not None else DEFAULT_USER_ID
        if wanted not in self._allocations:
            return None, text(404, f"no allocation with id {wanted!r}")
        return wanted, None

    def _reconnect(self, body: bytes) -> Reply:
        with self._lock:
            wanted, missing = self._known(body, "/allocations/reconnect")
            if wanted is None:
                assert missing is not None
                return missing
            return _json(self._set_status(self._allocations[wanted], "RUNNING"))

    def _disconnect(self, body: bytes) -> Reply:
        with self._lock:
            wanted, missing = self._known(body, "/allocations/disconnect")
            if wanted is None:
                assert missing is not None
                return missing
            self._set_status(self._allocations[wanted], "DISCONNECTED")
            return text(200, wanted)

    def _create_or_delete(self, path: str, body: bytes) -> Reply:
        from pieces_os_client.models.allocation_cloud import AllocationCloud
        from pieces_os_client.models.grouped_timestamp import GroupedTimestamp

        if not self.cloud:
            return text(500, UNIMPLEMENTED.format(path=path))
        if path == "/allocations/delete":
            with self._lock:
                wanted, missing = self._known(body, path)
                if wanted is None:
                    assert missing is not None
                    return missing
                del self._allocations[wanted]
                return text(200, wanted)
        sent = parse_body(AllocationCloud, body, self._served_unknown())
        allocation = sent if sent is not None else self.new_cloud(self.default_profile())
        allocation.updated = GroupedTimestamp(value=self._clock())
        with self._lock:
            self._allocations[allocation.id] = allocation
            return _json(allocation)


def sample_user_profile(user_id: str = DEFAULT_USER_ID, **fields: Any) -> UserProfile:
    """A valid `UserProfile` for examples and tests: the required fields plus a name and email.

    Keyword arguments set or override fields by Python attribute name, e.g.
    ``sample_user_profile("alice", vanityname="alice")``.
    """
    from pieces_os_client.models.aesthetics import Aesthetics
    from pieces_os_client.models.font import Font
    from pieces_os_client.models.theme import Theme
    from pieces_os_client.models.user_profile import UserProfile

    values: Dict[str, Any] = {
        "id": user_id,
        "aesthetics": Aesthetics(theme=Theme(dark=True), font=Font(size=14)),
        "name": "Ada Lovelace",
        "email": "ada@example.com",
    }
    values.update(fields)
    return UserProfile(**values)
