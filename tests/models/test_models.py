"""Model behaviour on hand-written payloads in the real wire shape (``tests/fixtures/*.json``).

Covers every enum value, required fields, construction by attribute and by wire name, open enums and
unknown fields at several depths, date-times, absent and null fields, the docs examples, and that every
model module imports on its own.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Dict, List, Set, Tuple

import pytest
from pydantic import ValidationError
from pydantic_core import TzInfo

import pieces_os_client
import pieces_os_client.models
from pieces_os_client._model import OpenEnum, PiecesModel
from pieces_os_client.models import _MODEL_MODULES
from pieces_os_client.models.aesthetics import Aesthetics
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
from pieces_os_client.models.allocations import Allocations
from pieces_os_client.models.external_provider_type_enum import ExternalProviderTypeEnum
from pieces_os_client.models.font import Font
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
from pieces_os_client.models.model_foundation_enum import ModelFoundationEnum
from pieces_os_client.models.model_max_tokens import ModelMaxTokens
from pieces_os_client.models.subscription_term_enum import SubscriptionTermEnum
from pieces_os_client.models.theme import Theme
from pieces_os_client.models.user_profile import UserProfile
from tests._spec_strategies import load_schemas, ref_name

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMAS = load_schemas()

# fixture file -> the schema it holds
FIXTURE_SCHEMAS = {
    "allocations.json": "Allocations",
    "allocation_cloud_newer_os.json": "AllocationCloud",
    "user_profile.json": "UserProfile",
    "user_profile_minimal.json": "UserProfile",
}


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture(name: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(fixture_bytes(name))
    return data


def json_dict(model: PiecesModel) -> Dict[str, Any]:
    """The model as a dict of JSON values (to_dict gives Python values: datetime objects, enum members)."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def model_class(name: str) -> type[PiecesModel]:
    cls: type[PiecesModel] = getattr(pieces_os_client.models, name)
    return cls


# --- fixtures round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("file_name", sorted(FIXTURE_SCHEMAS))
def test_fixture_round_trips_exactly(file_name: str) -> None:
    cls = model_class(FIXTURE_SCHEMAS[file_name])
    raw = fixture_bytes(file_name)
    model = cls.from_json(raw)
    assert json.loads(model.to_json()) == json.loads(raw)
    assert json_dict(model) == json.loads(raw)
    again = cls.from_dict(model.to_dict())  # Python values (datetime, enum members) back in
    assert again == model


def _enum_values(schema_name: str, payload: Any, found: Set[Tuple[str, str]]) -> None:
    if not isinstance(payload, dict):
        return
    for key, prop in SCHEMAS[schema_name].get("properties", {}).items():
        if payload.get(key) is not None:
            _enum_values_of(prop, payload[key], found)


def _enum_values_of(prop: Dict[str, Any], value: Any, found: Set[Tuple[str, str]]) -> None:
    ref = ref_name(prop)
    if ref is not None and "enum" in SCHEMAS[ref]:
        found.add((ref, value))
    elif ref is not None:
        _enum_values(ref, value, found)
    elif prop.get("type") == "array":
        for item in value:
            _enum_values_of(prop["items"], item, found)


def test_fixtures_cover_every_enum_value() -> None:
    found: Set[Tuple[str, str]] = set()
    for file_name, schema_name in FIXTURE_SCHEMAS.items():
        _enum_values(schema_name, fixture(file_name), found)
    expected = {(name, v) for name, s in SCHEMAS.items() if "enum" in s for v in s["enum"]}
    assert expected - found == set()


def test_fixtures_hold_three_and_six_digit_timestamps() -> None:
    text = (FIXTURES / "allocations.json").read_text() + (FIXTURES / "user_profile.json").read_text()
    assert re.search(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"', text)
    assert re.search(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"', text)


def test_every_enum_value_parses_to_its_member() -> None:
    for name, schema in SCHEMAS.items():
        if "enum" not in schema:
            continue
        cls = getattr(pieces_os_client.models, name)
        assert issubclass(cls, OpenEnum)
        assert [m.value for m in cls] == schema["enum"]
        for value in schema["enum"]:
            member = cls(value)
            assert member.is_known
            assert member == value
            assert member is cls[member.name]


# --- required fields, construction ----------------------------------------------------------------


def test_user_profile_requires_id_and_aesthetics() -> None:
    attempts: List[Callable[[], object]] = [
        lambda: UserProfile.from_json("{}"),
        lambda: UserProfile.from_dict({}),
        lambda: UserProfile(),  # type: ignore[call-arg]
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as info:
            attempt()
        errors = info.value.errors()
        assert {(e["loc"], e["type"], e["msg"]) for e in errors} == {
            (("aesthetics",), "missing", "Field required"),
            (("id",), "missing", "Field required"),
        }


def test_required_field_missing_at_depth() -> None:
    payload = fixture("allocations.json")
    del payload["iterable"][1]["urls"]["base"]["url"]
    with pytest.raises(ValidationError) as info:
        Allocations.from_json(json.dumps(payload))
    assert [e["loc"] for e in info.value.errors()] == [("iterable", 1, "urls", "base", "url")]
    assert "Field required" in str(info.value)


def test_construct_by_attribute_and_by_wire_name() -> None:
    by_attribute = UserProfile(
        id="u1",
        aesthetics=Aesthetics(font=Font(size=12), theme=Theme(dark=True)),
        api_keys=["k"],
        var_schema={"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"},
    )
    by_wire = UserProfile(
        **{
            "id": "u1",
            "aesthetics": {"font": {"size": 12}, "theme": {"dark": True}},
            "apiKeys": ["k"],
            "schema": {"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"},
        }
    )
    assert by_attribute == by_wire
    assert by_attribute.to_dict() == by_wire.to_dict()
    assert by_wire.api_keys == ["k"]
    assert by_wire.var_schema is not None and by_wire.var_schema.migration == 0
    assert set(by_attribute.to_dict()) == {"id", "aesthetics", "apiKeys", "schema"}


def test_parsing_json_accepts_wire_names_only() -> None:
    # A key spelled like a Python attribute is not a wire name: it is kept as an unknown field.
    cloud = AllocationCloud.from_json(
        json.dumps({**fixture("allocations.json")["iterable"][0], "api_keys": ["x"]})
    )
    assert cloud.model_extra == {"api_keys": ["x"]}


def test_strict_types_do_not_coerce() -> None:
    with pytest.raises(ValidationError):
        Font.from_json('{"size": "12"}')
    with pytest.raises(ValidationError):
        Font.from_json('{"size": 12.5}')
    with pytest.raises(ValidationError):
        Theme.from_json('{"dark": "yes"}')
    payload = {**fixture("allocations.json")["iterable"][0], "id": 5}
    with pytest.raises(ValidationError):
        AllocationCloud.from_json(json.dumps(payload))


def test_number_or_integer_keeps_its_kind() -> None:
    tokens = ModelMaxTokens.from_json('{"total": 5, "input": 5.5, "output": 5.0}')
    assert tokens.total == 5 and type(tokens.total) is int
    assert tokens.input == 5.5 and type(tokens.input) is float
    assert type(tokens.output) is float
    assert tokens.to_json() == '{"input":5.5,"output":5.0,"total":5}'
    with pytest.raises(ValidationError):
        ModelMaxTokens.from_json('{"total": "5"}')


# --- open enums -----------------------------------------------------------------------------------


def test_open_enum_known_and_unknown() -> None:
    running = AllocationStatusEnum("RUNNING")
    assert running is AllocationStatusEnum.RUNNING
    assert running == "RUNNING" and running.is_known and running.value == "RUNNING"
    newer = AllocationStatusEnum("HIBERNATING")
    assert isinstance(newer, AllocationStatusEnum)
    assert newer == "HIBERNATING" and newer.value == "HIBERNATING" and not newer.is_known
    # Unknown values never become members of the class.
    assert "HIBERNATING" not in AllocationStatusEnum.__members__
    assert len(AllocationStatusEnum) == 6
    with pytest.raises(ValueError):
        AllocationStatusEnum(5)


# How the official SDK declares an enumeration: a plain ``str, Enum``, here with the same class name.
_OFFICIAL_SHAPE = Enum("AllocationStatusEnum", {"RUNNING": "RUNNING"}, type=str)  # type: ignore[misc]


@pytest.mark.parametrize("spec", ["", ">40", "<40", "^40"])
def test_str_and_format_of_a_member_are_the_official_ones_on_this_python(spec: str) -> None:
    ours, theirs = AllocationStatusEnum.RUNNING, _OFFICIAL_SHAPE.RUNNING
    assert str(ours) == str(theirs) == "AllocationStatusEnum.RUNNING"
    assert format(ours, spec) == format(theirs, spec)
    assert f"{ours}" == f"{theirs}"
    # Python 3.11 made format() of such a member what str() gives; before, it was the value.
    assert f"{ours}" == ("AllocationStatusEnum.RUNNING" if sys.version_info >= (3, 11) else "RUNNING")
    assert ours.value == "RUNNING" and type(ours.value) is str


def test_str_and_format_of_an_unknown_value() -> None:
    # The value as received stands where a member's name would.
    newer = AllocationStatusEnum("HIBERNATING")
    assert str(newer) == "AllocationStatusEnum.HIBERNATING"
    expected = "AllocationStatusEnum.HIBERNATING" if sys.version_info >= (3, 11) else "HIBERNATING"
    assert f"{newer}" == expected
    assert newer.value == "HIBERNATING" and type(newer.value) is str
    # Serializers never call str(): JSON holds the wire string.
    assert json.dumps(newer) == '"HIBERNATING"' and json.dumps(AllocationStatusEnum.RUNNING) == '"RUNNING"'


def test_to_dict_gives_python_values_as_the_official_sdk() -> None:
    cloud = AllocationCloud.from_json(fixture_bytes("allocation_cloud_newer_os.json"))
    as_dict = cloud.to_dict()
    updated = as_dict["updated"]["value"]
    assert isinstance(updated, datetime) and updated.year == 2024 and updated.utcoffset() == timedelta(0)
    assert as_dict["urls"]["base"]["status"] is AllocationStatusEnum.RUNNING
    assert as_dict["status"]["cloud"] == "HIBERNATING"  # an unknown value: the class, the value kept
    assert isinstance(as_dict["status"]["cloud"], AllocationStatusEnum)
    assert as_dict["tier"] == "pro"  # unknown fields, as received
    assert "region" in as_dict and as_dict["region"] is None  # explicit nulls kept (the official drops them)
    assert AllocationCloud.from_dict(as_dict) == cloud
    assert json_dict(cloud) == json.loads(fixture_bytes("allocation_cloud_newer_os.json"))


def test_enum_member_names() -> None:
    assert ModelFoundationEnum.GPT_3_DOT_5.value == "GPT_3.5"
    assert ModelFoundationEnum.COMMAND_R_PLUS.value == "COMMAND_R+"
    assert ModelFoundationEnum.MIXTRAL_8_X_7B.value == "MIXTRAL_8_x_7B"
    assert ExternalProviderTypeEnum.GOOGLE_MINUS_OAUTH2.value == "google-oauth2"
    assert ExternalProviderTypeEnum.GITHUB.value == "github"
    assert SubscriptionTermEnum.MONTH.value == "month"
    assert ExternalProviderTypeEnum("google-oauth2") is ExternalProviderTypeEnum.GOOGLE_MINUS_OAUTH2


def test_open_enums_and_unknown_fields_at_depth() -> None:
    raw = fixture_bytes("allocation_cloud_newer_os.json")
    cloud = AllocationCloud.from_json(raw)
    assert json.loads(cloud.to_json()) == json.loads(raw)

    assert cloud.var_schema is not None
    assert cloud.var_schema.semantic == "MAJOR_1_MINOR_0_PATCH_0" and not cloud.var_schema.semantic.is_known
    assert cloud.status.cloud == "HIBERNATING" and not cloud.status.cloud.is_known
    assert cloud.urls.base.status is AllocationStatusEnum.RUNNING
    assert cloud.urls.id.status == "MIGRATING" and not cloud.urls.id.status.is_known

    assert cloud.model_extra == {"tier": "pro", "labels": ["beta", None, 3, True, {"nested": []}]}
    assert cloud.status.model_extra == {"reason": {"code": 17, "detail": "idle for 30 days"}}
    assert cloud.urls.model_extra == {"regional": [{"url": "https://eu.pieces.cloud", "status": "RUNNING"}]}
    assert cloud.urls.base.model_extra == {"latencyMs": 41.5}
    assert cloud.updated is not None and cloud.updated.model_extra == {"timezone": "Europe/Berlin"}


def test_open_enum_deep_in_user_profile() -> None:
    payload = fixture("user_profile.json")
    entity = payload["entities"]["iterable"][0]["reference"]
    allowed = entity["configuration"]["externalProvider"]["allowedCloudModels"]["allowedModels"]["iterable"]
    allowed[0]["foundation"] = "GPT_7"
    allowed[0]["provider"] = "NEW_LAB"
    payload["providers"]["iterable"][0]["type"] = "gitea"
    payload["subscriptions"]["iterable"][0]["reference"]["term"] = "decade"

    profile = UserProfile.from_json(json.dumps(payload))
    assert json_dict(profile) == payload
    assert profile.entities is not None
    ref = profile.entities.iterable[0].reference
    assert ref is not None
    models = ref.configuration.external_provider.allowed_cloud_models.allowed_models.iterable  # type: ignore[union-attr]
    assert models[0].foundation == "GPT_7" and not models[0].foundation.is_known
    assert models[1].foundation is ModelFoundationEnum.GPT_3_DOT_5
    assert profile.providers is not None and not profile.providers.iterable[0].type.is_known


def test_assigning_an_unknown_enum_value_keeps_it() -> None:
    cloud = AllocationCloud.from_json(json.dumps(fixture("allocations.json")["iterable"][0]))
    cloud.status.cloud = "HIBERNATING"  # type: ignore[assignment]
    assert isinstance(cloud.status.cloud, AllocationStatusEnum)
    assert json.loads(cloud.to_json())["status"]["cloud"] == "HIBERNATING"


# --- date-times -----------------------------------------------------------------------------------


def test_to_json_writes_date_times_in_utc_with_z() -> None:
    micro = GroupedTimestamp(value=datetime(2023, 10, 26, 15, 30, 1, 617743, tzinfo=timezone.utc))
    assert micro.to_json() == '{"value":"2023-10-26T15:30:01.617743Z"}'
    milli = GroupedTimestamp(value=datetime(2022, 2, 17, 5, 0, 0, tzinfo=timezone.utc))
    assert milli.to_json() == '{"value":"2022-02-17T05:00:00.000Z"}'
    berlin = timezone(timedelta(hours=2))
    shifted = GroupedTimestamp(value=datetime(2023, 10, 26, 17, 30, 1, 617000, tzinfo=berlin))
    assert shifted.to_json() == '{"value":"2023-10-26T15:30:01.617Z"}'
    assert shifted.value.tzinfo == timezone.utc
    assert milli.to_dict() == {"value": datetime(2022, 2, 17, 5, 0, 0, tzinfo=timezone.utc)}


def test_the_writer_moves_every_zone_to_utc_in_any_order() -> None:
    # The writer remembers the UTC zone object decoded values carry; no zone whose offset changes (London
    # is at 0 in winter only) or that is at another offset may be taken for it, whatever came before.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        london = ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:  # pragma: no cover - no time zone data on this machine
        pytest.skip("no time zone data")
    decoded = GroupedTimestamp.from_json('{"value": "2023-10-26T15:30:01.617000Z"}').value
    plus_one = GroupedTimestamp.from_json('{"value": "2023-10-26T16:30:01.617743+01:00"}').value
    cases = [
        (datetime(2023, 1, 10, 12, 0, tzinfo=london), "2023-01-10T12:00:00.000Z"),
        (datetime(2023, 7, 10, 12, 0, tzinfo=london), "2023-07-10T11:00:00.000Z"),
        (decoded, "2023-10-26T15:30:01.617Z"),
        (plus_one, "2023-10-26T15:30:01.617743Z"),
        (decoded.replace(tzinfo=TzInfo(3600)), "2023-10-26T14:30:01.617Z"),
        (datetime(5, 1, 2, 3, 4, 5, 6, tzinfo=timezone.utc), "0005-01-02T03:04:05.000006Z"),
        (datetime(2023, 1, 10, 12, 0, 0, 1000), "2023-01-10T12:00:00.001Z"),  # naive: written as UTC
    ]
    for value, text in cases + cases[::-1] + cases:
        written = GroupedTimestamp.model_construct(value=value).to_json()
        assert written == f'{{"value":"{text}"}}', (value, written)


def test_date_times_from_the_wire() -> None:
    for text, instant in [
        ("2023-10-26T15:30:01.617743Z", datetime(2023, 10, 26, 15, 30, 1, 617743, tzinfo=timezone.utc)),
        ("2022-02-17T05:00:00.000Z", datetime(2022, 2, 17, 5, 0, tzinfo=timezone.utc)),
        ("2022-02-17T07:00:00+02:00", datetime(2022, 2, 17, 5, 0, tzinfo=timezone.utc)),
    ]:
        stamp = GroupedTimestamp.from_json(json.dumps({"value": text}))
        assert stamp.value == instant
        assert stamp.value.utcoffset() == timedelta(0)
        assert json.loads(stamp.to_json())["value"].endswith("Z")


def test_naive_date_time_is_rejected() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        GroupedTimestamp(value=datetime(2023, 1, 1))
    with pytest.raises(ValidationError, match="time zone"):
        GroupedTimestamp.from_json('{"value": "2023-01-01T00:00:00"}')


def test_to_json_on_a_cloud_with_updated() -> None:
    # The official SDK crashes here ("datetime is not JSON serializable").
    cloud = AllocationCloud.from_json(json.dumps(fixture("allocations.json")["iterable"][0]))
    assert cloud.updated is not None
    assert json.loads(cloud.to_json())["updated"]["value"] == "2023-10-26T15:30:01.617743Z"
    # to_str pretty-prints to_dict, as the official SDK's does: Python values.
    assert "datetime.datetime(2023, 10, 26, 15, 30, 1, 617743" in cloud.to_str()


# --- decoding, absent and null ---------------------------------------------------------------------


def test_from_json_accepts_str_bytes_and_bytearray() -> None:
    raw = fixture_bytes("allocations.json")
    from_bytes = Allocations.from_json(raw)
    assert Allocations.from_json(raw.decode()) == from_bytes
    assert Allocations.from_json(bytearray(raw)) == from_bytes
    assert len(from_bytes.iterable) == 6


MODEL_NAMES = sorted(
    n for n in _MODEL_MODULES if not issubclass(getattr(pieces_os_client.models, n), OpenEnum)
)
ENUM_NAMES = sorted(n for n in _MODEL_MODULES if n not in MODEL_NAMES)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_from_json_follows_the_official_contract(name: str) -> None:
    # Sign-out handlers written for the official SDK call from_json on each message of the user stream
    # and take json.JSONDecodeError (the empty message) as "signed out".
    cls = model_class(name)
    for not_json in ("", "   ", "not json", b"", b"{", bytearray(b"{oops")):
        with pytest.raises(json.JSONDecodeError) as caught:
            cls.from_json(not_json)
        # The whole story, not raised while handling pydantic's error.
        assert not isinstance(caught.value.__context__, ValidationError)
    assert cls.from_json("null") is None
    assert cls.from_json(b" null\n") is None
    for not_fitting in ("[]", '"text"', "1", "true"):
        with pytest.raises(ValidationError):
            cls.from_json(not_fitting)
    assert cls.from_dict(None) is None


def test_from_json_still_refuses_json_that_does_not_fit() -> None:
    with pytest.raises(ValidationError) as caught:
        UserProfile.from_json('{"id": "u"}')
    assert "aesthetics" in str(caught.value)
    # JSON nested deeper than json.loads can follow is still reported by pydantic, not as RecursionError.
    with pytest.raises(ValidationError):
        UserProfile.from_json("[" * 100_000)


def test_sign_out_handler_written_for_the_official_sdk() -> None:
    # The shape of every handler found: an empty message means the user signed out.
    def on_message(message: str) -> str:
        try:
            user = UserProfile.from_json(message)
        except json.JSONDecodeError:
            return "signed out"
        return "no user" if user is None else f"signed in as {user.id}"

    assert on_message("") == "signed out"
    assert on_message("null") == "no user"
    assert (
        on_message(fixture_bytes("user_profile_minimal.json").decode())
        == "signed in as auth0|63f1c2d4e5a6b7c8d9e0f1a2"
    )


@pytest.mark.parametrize("name", ENUM_NAMES)
def test_enum_from_json(name: str) -> None:
    cls = getattr(pieces_os_client.models, name)
    member = next(iter(cls))
    assert cls.from_json(json.dumps(member.value)) is member
    unknown = cls.from_json(b'"FROM_A_NEWER_PIECES_OS"')
    assert unknown == "FROM_A_NEWER_PIECES_OS" and not unknown.is_known
    with pytest.raises(json.JSONDecodeError):
        cls.from_json("")
    with pytest.raises(ValueError):
        cls.from_json("5")


def test_absent_fields_stay_absent() -> None:
    profile = UserProfile.from_json(fixture_bytes("user_profile_minimal.json"))
    assert profile.email is None and profile.picture is None  # no invented defaults
    assert profile.to_dict() == fixture("user_profile_minimal.json")
    assert profile.model_fields_set == {"id", "aesthetics"}
    built = UserProfile(id="u", aesthetics=Aesthetics(font=Font(size=1), theme=Theme(dark=False)))
    assert built.to_dict() == {"id": "u", "aesthetics": {"font": {"size": 1}, "theme": {"dark": False}}}


def test_explicit_nulls_are_kept() -> None:
    cloud = AllocationCloud.from_json(fixture_bytes("allocation_cloud_newer_os.json"))
    assert cloud.region is None and "region" in cloud.model_fields_set
    assert cloud.urls.vanity is None
    written = json.loads(cloud.to_json())
    assert written["region"] is None and written["urls"]["vanity"] is None


def test_from_dict_none_and_instance() -> None:
    assert UserProfile.from_dict(None) is None
    profile = UserProfile.from_json(fixture_bytes("user_profile_minimal.json"))
    assert UserProfile.from_dict(profile) is profile


@pytest.mark.parametrize(
    "raw",
    [
        '{"size": 1, "var_schema": 5}',
        '{"size": 1, "schema": null, "var_schema": 5}',
        '{"size": 1, "schema": {"migration": 0, "semantic": "UNKNOWN"}, "var_schema": [1]}',
    ],
)
def test_unknown_key_spelled_like_a_python_attribute(raw: str) -> None:
    # Pydantic counts unknown keys in model_fields_set; `var_schema` must not make `schema` appear.
    font = Font.from_json(raw)
    assert font.model_extra == {"var_schema": json.loads(raw)["var_schema"]}
    assert json.loads(font.to_json()) == json.loads(raw)
    from_dict = Font.from_dict(json.loads(raw))
    assert from_dict is not None and from_dict.to_dict() == json.loads(raw)


def test_unknown_keys_spelled_like_python_attributes_at_depth() -> None:
    payload = fixture("user_profile.json")
    del payload["apiKeys"]
    payload["api_keys"] = ["not the apiKeys field"]
    payload["aesthetics"]["font"]["var_schema"] = 1
    payload["providers"]["iterable"][0]["is_social"] = "x"
    payload["providers"]["iterable"][1]["profile_data"] = None
    del payload["auth0"]["open_AI"]
    payload["auth0"]["open_ai"] = {}
    profile = UserProfile.from_json(json.dumps(payload))
    assert json_dict(profile) == payload
    assert profile.api_keys is None and "api_keys" not in profile.model_fields_set


# --- the docs pages -------------------------------------------------------------------------------


def _docs_example(name: str) -> Dict[str, Any]:
    text = (ROOT / "docs" / "models" / f"{name}.md").read_text(encoding="utf-8")
    match = re.search(r"```json\n(.*?)\n```", text, re.S)
    assert match, f"no example in docs/models/{name}.md"
    data: Dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.mark.parametrize("name", sorted(n for n, s in SCHEMAS.items() if "enum" not in s))
def test_docs_example_is_a_valid_payload(name: str) -> None:
    example = _docs_example(name)
    model = model_class(name).from_json(json.dumps(example))
    assert json.loads(model.to_json()) == example


# --- the models package ---------------------------------------------------------------------------


def test_models_package_is_lazy_and_complete() -> None:
    names = sorted(n for n in SCHEMAS)
    assert list(_MODEL_MODULES) == names
    assert pieces_os_client.models.__all__ == names
    assert set(names) <= set(dir(pieces_os_client.models))
    assert pieces_os_client.models.UserProfile is UserProfile
    assert pieces_os_client.UserProfile is UserProfile
    with pytest.raises(AttributeError):
        _ = pieces_os_client.models.NoSuchModel


def _run(code: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_importing_the_models_package_imports_no_model() -> None:
    out = _run(
        """
        import sys
        import pieces_os_client.models
        print(sorted(m for m in sys.modules if m.startswith("pieces_os_client.models.")))
        """
    )
    assert out.strip() == "[]"


def _closure(name: str) -> Set[str]:
    """Module names of the models ``name`` refers to, directly or not (itself excluded)."""
    seen: Set[str] = set()
    pending = [name]
    while pending:
        schema = SCHEMAS[pending.pop()]
        for ref in re.findall(r"#/components/schemas/(\w+)", json.dumps(schema)):
            if ref not in seen:
                seen.add(ref)
                pending.append(ref)
    seen.discard(name)
    return {_MODEL_MODULES[n] for n in seen}


def test_importing_a_model_module_creates_its_class_only_and_first_use_loads_the_rest() -> None:
    out = _run(
        """
        import sys
        from pathlib import Path
        import pieces_os_client.models.user_profile as m

        def loaded():
            return sorted(k for k in sys.modules if k.startswith("pieces_os_client.models."))

        print(loaded(), m.UserProfile.__pydantic_complete__)
        m.UserProfile.from_json(Path("tests/fixtures/user_profile_minimal.json").read_bytes())
        print(loaded(), m.UserProfile.__pydantic_complete__)
        """
    )
    closure = sorted(f"pieces_os_client.models.{m}" for m in _closure("UserProfile") | {"user_profile"})
    assert out.splitlines() == ["['pieces_os_client.models.user_profile'] False", f"{closure} True"]


IMPORT_EACH_ALONE = """
import importlib, json, sys

import pieces_os_client.models as package

modules = json.loads(sys.argv[1])
examples = json.loads(sys.argv[2])
closures = json.loads(sys.argv[3])
for order, build in ((modules, True), (modules[::-1], False)):
    for class_name, module in order:
        # Forget every model module, as a fresh interpreter would have none of them. The forward pass also
        # builds each model (parses its docs example) with nothing else loaded; the reverse pass imports.
        for loaded in [m for m in sys.modules if m.startswith("pieces_os_client.models.")]:
            del sys.modules[loaded]
        for name in closures:  # and the classes the package has handed out (it keeps them once loaded)
            vars(package).pop(name, None)
        mod = importlib.import_module("pieces_os_client.models." + module)

        def others():
            names = (m for m in sys.modules if m.startswith("pieces_os_client.models."))
            return sorted(m for m in names if m != mod.__name__)

        assert others() == [], (module, others())  # importing a model creates its class only
        cls = getattr(mod, class_name)
        if not build:
            continue
        if class_name in examples:
            example = examples[class_name]
            assert json.loads(cls.from_json(example).to_json()) == json.loads(example)
        else:
            assert cls(cls.__members__[next(iter(cls.__members__))].value).is_known
        assert others() == closures[class_name], (module, others())  # the first use loaded the rest
print("ok", len(modules))
"""


def test_every_model_module_imports_on_its_own_in_any_order() -> None:
    modules: List[Tuple[str, str]] = sorted(_MODEL_MODULES.items())
    examples = {n: json.dumps(_docs_example(n)) for n, s in SCHEMAS.items() if "enum" not in s}
    closures = {n: sorted(f"pieces_os_client.models.{m}" for m in _closure(n)) for n in SCHEMAS}
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            IMPORT_EACH_ALONE,
            json.dumps(modules),
            json.dumps(examples),
            json.dumps(closures),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules)}"


@pytest.mark.parametrize(
    "module",
    ["flattened_subscription", "referenced_user", "flattened_entities", "flattened_user_profile"],
)
def test_cycle_members_import_first_in_a_fresh_interpreter(module: str) -> None:
    class_name = next(n for n, m in _MODEL_MODULES.items() if m == module)
    example = json.dumps(_docs_example(class_name))
    out = _run(
        f"""
        import json
        from pieces_os_client.models.{module} import {class_name} as cls
        print(json.loads(cls.from_json({example!r}).to_json()) == json.loads({example!r}))
        """
    )
    assert out.strip() == "True"


def test_deep_copy_and_equality() -> None:
    profile = UserProfile.from_json(fixture_bytes("user_profile.json"))
    clone = copy.deepcopy(profile)
    assert clone == profile and clone is not profile


def test_first_use_from_many_threads_at_once() -> None:
    # Eight threads build models of the same cycle for the first time together, in a fresh interpreter.
    out = _run(
        """
        import json, threading
        from pathlib import Path
        from pieces_os_client.models.flattened_subscription import FlattenedSubscription
        from pieces_os_client.models.user_profile import UserProfile

        raw = Path("tests/fixtures/user_profile.json").read_bytes()
        sub = json.dumps(json.loads(raw)["subscriptions"]["iterable"][1]["reference"])
        errors = []
        barrier = threading.Barrier(8)

        def first_use(i):
            barrier.wait(timeout=30)
            try:
                if i % 2:
                    UserProfile.from_json(raw)
                else:
                    FlattenedSubscription.from_json(sub)
            except Exception as e:
                errors.append(repr(e))

        threads = [threading.Thread(target=first_use, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        print(errors or "ok", sum(t.is_alive() for t in threads))
        """
    )
    assert out.strip() == "ok 0"


def test_from_json_decodes_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # No json.loads on the way: pydantic-core reads the bytes straight into the models.
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("json.loads called")

    monkeypatch.setattr(json, "loads", refuse)
    raw = fixture_bytes("allocations.json")
    assert len(Allocations.from_json(raw).iterable) == 6


def test_a_referred_model_imports_from_the_module_that_refers_to_it() -> None:
    # `from pieces_os_client.models.user_profile import Aesthetics` works with the official SDK, whose model
    # modules import what they refer to; here it is loaded on that look-up. Unknown names still fail.
    out = _run(
        """
        import importlib, json, sys
        from pieces_os_client.models import _MODEL_MODULES
        closures = json.loads(sys.argv[1])
        checked = 0
        for name, module in sorted(_MODEL_MODULES.items()):
            mod = importlib.import_module("pieces_os_client.models." + module)
            for ref in closures[name]:
                assert getattr(mod, ref) is getattr(importlib.import_module("pieces_os_client.models"), ref)
                checked += 1
            try:
                exec(f"from pieces_os_client.models.{module} import NoSuchModel")
            except ImportError:
                pass
            else:
                raise AssertionError(module)
        print(checked)
        """,
        json.dumps({n: sorted(_direct_refs(n)) for n in SCHEMAS}),
    )
    assert int(out) > 100


def _direct_refs(name: str) -> Set[str]:
    return set(re.findall(r"#/components/schemas/(\w+)", json.dumps(SCHEMAS[name]))) - {name}
