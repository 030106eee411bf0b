"""The fake's state rules, one test per rule docs/testing.md states ("The state rules"), through the SDK.

A clock that ticks a second per reading shows when the fake touched an allocation (``updated``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator

import pytest

import pieces_os_client
from pieces_os_client import AllocationCloud, AllocationsApi
from pieces_os_client.testing import FakePiecesOS, sample_user_profile

START = datetime(2026, 11, 27, 9, 0, 0, tzinfo=timezone.utc)


def ticking() -> Callable[[], datetime]:
    """A clock one second later at every reading."""
    seconds = iter(range(10**6))
    return lambda: START + timedelta(seconds=next(seconds))


@pytest.fixture(params=["RUNNING", "PENDING"])
def fake(request: pytest.FixtureRequest) -> Iterator[FakePiecesOS]:
    with FakePiecesOS(connect_status=request.param, clock=ticking()) as running:
        yield running


@pytest.fixture
def api(fake: FakePiecesOS) -> Iterator[AllocationsApi]:
    with pieces_os_client.ApiClient(fake.configuration(retries=0)) as client:
        yield AllocationsApi(client)


def statuses(cloud: AllocationCloud) -> list:
    """The allocation's status and the status of each of its URLs, as wire strings."""
    urls = [cloud.urls.base, cloud.urls.id, cloud.urls.vanity]
    return [cloud.status.cloud.value, *(u.status.value for u in urls if u is not None)]


def test_connect_creates_the_users_cloud_in_the_connect_status(
    fake: FakePiecesOS, api: AllocationsApi
) -> None:
    cloud = api.allocations_connect_new_cloud(sample_user_profile("ada", vanityname="ada"))
    assert (cloud.id, cloud.user) == ("ada", "ada")
    assert statuses(cloud) == [fake.state.connect_status] * 4
    assert [a.id for a in api.allocations_snapshot().iterable] == ["ada"]


def test_connect_leaves_a_connected_cloud_as_it_is(api: AllocationsApi) -> None:
    first = api.allocations_connect_new_cloud(sample_user_profile("ada"))
    again = api.allocations_connect_new_cloud(sample_user_profile("ada"))
    assert again == first  # the same status, and `updated` not touched


def test_connect_after_disconnect_connects_again(fake: FakePiecesOS, api: AllocationsApi) -> None:
    cloud = api.allocations_connect_new_cloud(sample_user_profile("ada", vanityname="ada"))
    assert api.allocations_disconnect_cloud(cloud) == "ada"
    assert statuses(api.allocations_snapshot().iterable[0]) == ["DISCONNECTED"] * 4
    again = api.allocations_connect_new_cloud(sample_user_profile("ada", vanityname="ada"))
    assert statuses(again) == [fake.state.connect_status] * 4
    assert again.updated is not None and cloud.updated is not None
    assert again.updated.value > cloud.updated.value
    assert api.allocations_snapshot().iterable == [again]


@pytest.mark.parametrize("status", ["FAILED", "SUCCEEDED", "UNKNOWN", "HIBERNATING"])
def test_connect_connects_a_cloud_in_any_other_status(
    fake: FakePiecesOS, api: AllocationsApi, status: str
) -> None:
    held = fake.add_allocation(sample_user_profile("ada"))
    held.status.cloud = pieces_os_client.AllocationStatusEnum(status)
    fake.add_allocation(held)
    assert (
        api.allocations_connect_new_cloud(sample_user_profile("ada")).status.cloud
        == fake.state.connect_status
    )


def test_connect_keeps_what_the_first_connect_set(api: AllocationsApi) -> None:
    first = api.allocations_connect_new_cloud(sample_user_profile("ada"))
    elsewhere = sample_user_profile("ada", vanityname="other").to_dict()
    elsewhere["auth0"] = {"global_id": "g", "allocation": {"project": "p-2", "region": "r-2"}}
    again = api.allocations_connect_new_cloud(pieces_os_client.UserProfile.from_dict(elsewhere))
    assert (again.project, again.region, again.urls) == (first.project, first.region, first.urls)


def test_reconnect_brings_any_cloud_to_running(fake: FakePiecesOS, api: AllocationsApi) -> None:
    cloud = api.allocations_connect_new_cloud(sample_user_profile("ada"))  # PENDING in pending mode
    api.allocations_disconnect_cloud(cloud)
    sent = cloud.model_copy(update={"project": "ignored"})
    back = api.allocations_reconnect_cloud(sent)
    assert statuses(back) == ["RUNNING"] * 3 and back.project == cloud.project  # only the id is read
    assert back.updated is not None and cloud.updated is not None and back.updated.value > cloud.updated.value
    assert api.allocations_reconnect_cloud(back).status.cloud == "RUNNING"  # RUNNING stays RUNNING


def test_disconnect_marks_the_cloud_and_keeps_it(api: AllocationsApi) -> None:
    cloud = api.allocations_connect_new_cloud(sample_user_profile("ada"))
    assert api.allocations_disconnect_cloud(cloud) == "ada"
    assert api.allocations_disconnect_cloud(cloud) == "ada"  # twice is fine
    [kept] = api.allocations_snapshot().iterable
    assert kept.id == "ada" and kept.status.cloud == "DISCONNECTED"


@pytest.mark.parametrize("operation", ["reconnect", "disconnect"])
def test_an_unknown_id_is_404(api: AllocationsApi, operation: str) -> None:
    ghost = FakePiecesOS().state.new_cloud(sample_user_profile("ghost"))  # never connected here
    with pytest.raises(pieces_os_client.NotFoundException) as info:
        getattr(api, f"allocations_{operation}_cloud")(ghost)
    assert "ghost" in str(info.value.body)


def test_without_a_body_each_call_acts_on_the_signed_in_user(fake: FakePiecesOS, api: AllocationsApi) -> None:
    assert api.allocations_connect_new_cloud().id == fake.signed_in_user_id
    assert api.allocations_disconnect_cloud() == fake.signed_in_user_id
    assert api.allocations_reconnect_cloud().status.cloud == "RUNNING"


def test_create_and_delete_are_cloud_only(fake: FakePiecesOS, api: AllocationsApi) -> None:
    cloud = api.allocations_connect_new_cloud(sample_user_profile("ada"))
    for call in (api.allocations_create_new_allocation, api.allocations_delete_allocation):
        with pytest.raises(pieces_os_client.ServiceException, match="unimplemented locally"):
            call(cloud)
    fake.cloud = True
    replaced = api.allocations_create_new_allocation(cloud.model_copy(update={"project": "p-2"}))
    assert replaced.project == "p-2" and [a.project for a in fake.allocations] == ["p-2"]  # same id: replaced
    assert api.allocations_delete_allocation(cloud) == "ada"
    assert api.allocations_snapshot().iterable == []
    with pytest.raises(pieces_os_client.NotFoundException):
        api.allocations_delete_allocation(cloud)
    assert api.allocations_connect_new_cloud(sample_user_profile("ada")).id == "ada"  # created anew
