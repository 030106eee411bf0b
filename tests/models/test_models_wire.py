"""Lossless over a real socket: what the SDK sends and receives is the payload, byte for byte in meaning.

Uses the built-in fake Pieces OS on 127.0.0.1 (port 0): request bodies are compared with what the server
received, responses with what it sent, including unknown fields and enum values a newer Pieces OS might
use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

import pieces_os_client
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocations import Allocations
from pieces_os_client.models.user_profile import UserProfile
from pieces_os_client.testing import FakePiecesOS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _json(name: str) -> Any:
    return json.loads(_bytes(name))


@pytest.fixture
def fake() -> Iterator[FakePiecesOS]:
    with FakePiecesOS() as server:
        yield server


@pytest.fixture
def api(fake: FakePiecesOS) -> Iterator[pieces_os_client.AllocationsApi]:
    with pieces_os_client.ApiClient(fake.configuration(retries=0)) as client:
        yield pieces_os_client.AllocationsApi(client)


def test_request_body_is_the_payload(fake: FakePiecesOS, api: pieces_os_client.AllocationsApi) -> None:
    payload = _json("user_profile.json")
    payload["futureField"] = {"kept": [1, None]}
    payload["aesthetics"]["theme"]["contrast"] = "high"
    payload["providers"]["iterable"][0]["type"] = "gitea"
    profile = UserProfile.from_json(json.dumps(payload))
    fake.respond_next(
        "/allocations/connect", body=_bytes("allocation_cloud_newer_os.json"), content_type="application/json"
    )

    cloud = api.allocations_connect_new_cloud(user_profile=profile)

    assert fake.requests[-1].json() == payload
    assert isinstance(cloud, AllocationCloud)
    assert json.loads(cloud.to_json()) == _json("allocation_cloud_newer_os.json")
    assert cloud.status.cloud == "HIBERNATING" and not cloud.status.cloud.is_known


def test_minimal_body_invents_nothing(fake: FakePiecesOS, api: pieces_os_client.AllocationsApi) -> None:
    profile = UserProfile.from_json(_bytes("user_profile_minimal.json"))
    api.allocations_connect_new_cloud(user_profile=profile)
    assert fake.requests[-1].json() == _json("user_profile_minimal.json")


def test_snapshot_response_is_the_payload(fake: FakePiecesOS, api: pieces_os_client.AllocationsApi) -> None:
    fake.respond_next("/allocations", body=_bytes("allocations.json"), content_type="application/json")
    response = api.allocations_snapshot_with_http_info()
    assert isinstance(response.data, Allocations)
    assert json.loads(response.raw_data) == _json("allocations.json")
    assert json.loads(response.data.to_json()) == _json("allocations.json")
