"""The description of one API operation, as the generated API classes hand it to `ApiClient`.

API classes stay thin: each method builds nothing but an `Operation` (method, path, body and response
types, all taken from ``openapi.yaml``) and passes it with the body to `ApiClient.invoke`, which owns
sending, retrying, error mapping and decoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple, Type, Union

from pieces_os_client._model import PiecesModel

# What a response body decodes into: a model class, or `str` for text/plain.
ResponseType = Union[Type[PiecesModel], Type[str]]

# Per-call timeout: total seconds for each of connect and read, or an explicit (connect, read) pair.
RequestTimeout = Union[None, float, Tuple[float, float]]


@dataclass(frozen=True)
class Operation:
    """One endpoint of ``openapi.yaml``."""

    operation_id: str
    """The spec's operationId, e.g. ``allocations-snapshot``."""
    method: str
    """HTTP method in capitals."""
    path: str
    """Path relative to the host, e.g. ``/allocations/connect``."""
    body_param: Optional[str] = None
    """Python name of the body parameter (``user_profile``), or None when there is no body."""
    body_type: Optional[Type[PiecesModel]] = None
    """Model class the body must be an instance of."""
    responses: Mapping[int, Optional[ResponseType]] = field(default_factory=dict)
    """Declared responses: status code to the type its body decodes into (None: no body schema)."""
    accept: str = "application/json"
    """The Accept header to send."""
