"""The bytes the benchmark server sends: realistic Pieces OS payloads, built with the standard library.

Standard library only: this module is also imported by the worker that runs in the official SDK's
virtual environment.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

_SCHEMA = {"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}


def _uuid(i: int) -> str:
    return f"{i:08x}-5e1d-4c0a-9f3b-{(i * 7919) % 16**12:012x}"


def _url(host: str) -> Dict[str, Any]:
    return {"schema": _SCHEMA, "url": f"https://{host}.pieces.cloud", "status": "RUNNING"}


def cloud(i: int) -> Dict[str, Any]:
    """One `AllocationCloud` as Pieces OS sends it, every field present."""
    uid = _uuid(i)
    return {
        "schema": _SCHEMA,
        "id": uid,
        "user": uid,
        "project": f"pieces-os-{i:06d}",
        "region": "us-central1",
        "status": {"schema": _SCHEMA, "cloud": "RUNNING"},
        "updated": {
            "schema": _SCHEMA,
            "value": "2023-10-26T15:30:01.617743Z",
            "readable": "5 minutes ago",
        },
        "urls": {
            "schema": _SCHEMA,
            "base": _url(uid),
            "id": _url(f"id-{uid}"),
            "vanity": _url(f"user{i}"),
        },
        "version": "9.1.2",
    }


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":")).encode()


def snapshot(clouds: int) -> bytes:
    """The body of ``GET /allocations`` with ``clouds`` allocations."""
    iterable: List[Dict[str, Any]] = [cloud(i) for i in range(clouds)]
    return _dumps({"schema": _SCHEMA, "iterable": iterable})


def connected_cloud() -> bytes:
    """The body of ``POST /allocations/connect``: the user's cloud."""
    return _dumps(cloud(0))
