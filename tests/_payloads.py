"""Request and response bodies shared by the tests, in the wire shape: one copy of each."""

from __future__ import annotations

import json
from typing import Any, Dict

# A valid AllocationCloud with only its required fields and both URLs: the body of the POSTs.
CLOUD_WIRE: Dict[str, Any] = {
    "id": "cloud-1",
    "project": "project-1",
    "status": {"cloud": "RUNNING"},
    "urls": {
        "base": {"status": "RUNNING", "url": "https://base.example"},
        "id": {"status": "RUNNING", "url": "https://id.example"},
    },
    "user": "user-1",
}
CLOUD_BODY = json.dumps(CLOUD_WIRE).encode()

# A valid UserProfile: its required id and aesthetics.
PROFILE_WIRE: Dict[str, Any] = {"id": "user-1", "aesthetics": {"font": {"size": 12}, "theme": {"dark": True}}}

# An empty snapshot (GET /allocations).
SNAPSHOT_BODY = b'{"iterable": []}'
