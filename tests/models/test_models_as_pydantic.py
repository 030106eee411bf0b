"""The models behave as ordinary pydantic models: subclassing, type hints, embedding, equality, edge cases.

Each promise here is about what a user can do with the models beyond the SDK's own calls: subclass one
before anything else has used it, read its type hints, put it in a model or `TypeAdapter` of their own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import typing
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

import pieces_os_client.models
from pieces_os_client.models import _MODEL_MODULES
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
from pieces_os_client.models.font import Font
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
from pieces_os_client.models.user_profile import UserProfile
from tests._spec_strategies import load_schemas

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMAS = load_schemas()
MODEL_NAMES = sorted(n for n, s in SCHEMAS.items() if "enum" not in s)


def _docs_example(name: str) -> str:
    text = (ROOT / "docs" / "models" / f"{name}.md").read_text(encoding="utf-8")
    start = text.index("```json\n") + len("```json\n")
    return text[start : text.index("```", start)]


SUBCLASS_FIRST = """
import importlib, json

base = getattr(importlib.import_module("pieces_os_client.models." + module), class_name)
assert not base.__pydantic_complete__, "nothing has used the model yet"

class Mine(base):
    note: str = "x"

decoded = Mine.from_json(example)
assert type(decoded) is Mine and decoded.note == "x"
assert json.loads(decoded.to_json()) == json.loads(example)
assert base.from_json(example).to_json() == decoded.to_json()
"""

# Runs SUBCLASS_FIRST once per model, each in a fresh process that has not imported the package: forked
# from one interpreter that has imported only pydantic (one interpreter start instead of one per model).
# Prints {model name: "ok" or the traceback} as JSON.
EACH_IN_A_FRESH_PROCESS = """
import json, os, sys, traceback
import pydantic
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter  # loaded once, before the forks

assert not any(name.startswith("pieces_os_client") for name in sys.modules)
check, cases = json.loads(sys.stdin.read())
results = {}
for class_name, module, example in cases:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            exec(check, {"class_name": class_name, "module": module, "example": example})
            outcome = "ok"
        except BaseException:
            outcome = traceback.format_exc()
        with os.fdopen(write_end, "w") as out:
            out.write(outcome)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as got:
        outcome = got.read()
    os.waitpid(pid, 0)
    results[class_name] = outcome or "the process ended without a word"
print(json.dumps(results))
"""


def subclass_first_outcomes() -> Dict[str, str]:
    """SUBCLASS_FIRST's outcome for every model, each run in a process that had not used any model."""
    cases = [(name, _MODEL_MODULES[name], _docs_example(name)) for name in MODEL_NAMES]
    if not hasattr(os, "fork"):  # one interpreter per model
        return {case[0]: _subclass_first_in_a_new_interpreter(*case) for case in cases}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", EACH_IN_A_FRESH_PROCESS],
        input=json.dumps([SUBCLASS_FIRST, cases]),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    outcomes: Dict[str, str] = json.loads(result.stdout)
    return outcomes


def _subclass_first_in_a_new_interpreter(class_name: str, module: str, example: str) -> str:
    code = f"class_name, module, example = {class_name!r}, {module!r}, {example!r}\n" + SUBCLASS_FIRST
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    return "ok" if result.returncode == 0 else result.stderr


def test_a_subclass_defined_before_any_use_decodes_for_every_model() -> None:
    # One test for every model: a test per model would run the forks again in each pytest-xdist worker
    # that took one of them.
    outcomes = subclass_first_outcomes()
    assert sorted(outcomes) == MODEL_NAMES
    failed = {name: outcome for name, outcome in outcomes.items() if outcome != "ok"}
    assert failed == {}, "\n\n".join(f"{name}:\n{trace}" for name, trace in failed.items())


def test_a_subclass_defined_after_use_decodes() -> None:
    example = (FIXTURES / "user_profile.json").read_bytes()
    UserProfile.from_json(example)

    class MyProfile(UserProfile):
        note: str = "x"

    decoded = MyProfile.from_json(example)
    assert decoded.note == "x"
    assert json.loads(decoded.to_json()) == json.loads(example)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_type_hints_resolve_on_every_model(name: str) -> None:
    cls = getattr(pieces_os_client.models, name)
    hints = typing.get_type_hints(cls)
    if name in MODEL_NAMES:
        assert set(cls.model_fields) <= set(hints)


class Wrapper(BaseModel):
    profile: UserProfile
    clouds: List[AllocationCloud]
    when: Optional[GroupedTimestamp] = None


def _cloud_json() -> Dict[str, object]:
    data = json.loads((FIXTURES / "allocation_cloud_newer_os.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_embedded_in_a_users_model_the_lossless_rules_hold() -> None:
    profile = json.loads((FIXTURES / "user_profile_minimal.json").read_text(encoding="utf-8"))
    profile["picture"] = None  # an explicit null
    profile["futureField"] = {"nested": [1, 2]}  # unknown
    cloud = _cloud_json()
    raw = json.dumps({"profile": profile, "clouds": [cloud]})

    wrapper = Wrapper.model_validate_json(raw)
    out = json.loads(wrapper.model_dump_json(by_alias=True, exclude_unset=True))
    assert out == {"profile": profile, "clouds": [cloud]}
    assert isinstance(wrapper.clouds[0].status.cloud, AllocationStatusEnum)


def test_a_type_adapter_keeps_the_lossless_rules() -> None:
    cloud = _cloud_json()
    adapter = TypeAdapter(List[AllocationCloud])
    decoded = adapter.validate_json(json.dumps([cloud, cloud]))
    assert json.loads(adapter.dump_json(decoded, by_alias=True, exclude_unset=True)) == [cloud, cloud]


def test_dates_from_other_offsets_are_moved_to_utc_and_zulu_is_kept() -> None:
    stamp = GroupedTimestamp.from_json('{"value": "2024-01-02T03:04:05.617743+02:00"}')
    assert stamp.value == datetime(2024, 1, 2, 1, 4, 5, 617743, tzinfo=timezone.utc)
    assert stamp.to_json() == '{"value":"2024-01-02T01:04:05.617743Z"}'
    zulu = GroupedTimestamp.from_json('{"value": "2024-01-02T03:04:05.123Z"}')
    assert zulu.to_json() == '{"value":"2024-01-02T03:04:05.123Z"}'


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_date_time_that_overflows_at_utc_is_a_validation_error(value: str) -> None:
    with pytest.raises(ValidationError, match="in range once moved to UTC"):
        GroupedTimestamp.from_json(json.dumps({"value": value}))


def test_a_naive_date_time_is_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError, match="with a time zone"):
        GroupedTimestamp(value=datetime(2024, 1, 1))


def test_an_unknown_enum_value_says_it_is_not_a_member() -> None:
    value = AllocationStatusEnum("HIBERNATING")
    assert repr(value) == "<AllocationStatusEnum 'HIBERNATING' (not a member)>"
    assert not hasattr(AllocationStatusEnum, "HIBERNATING")
    assert repr(AllocationStatusEnum.RUNNING) == "<AllocationStatusEnum.RUNNING: 'RUNNING'>"


def test_enums_keep_their_type_in_python_mode_and_are_strings_in_json() -> None:
    cloud = AllocationCloud.from_json(json.dumps(_cloud_json()))
    dumped = cloud.model_dump()
    assert isinstance(dumped["status"]["cloud"], AllocationStatusEnum)
    assert type(cloud.model_dump(mode="json")["status"]["cloud"]) is str
    unknown = AllocationCloud.from_json(json.dumps({**_cloud_json(), "status": {"cloud": "HIBERNATING"}}))
    assert unknown.to_json().count('"status":{"cloud":"HIBERNATING"}') == 1


def test_absent_and_null_are_not_equal() -> None:
    assert Font(size=14) == Font.from_json('{"size": 14}')
    absent = UserProfile.from_json(
        json.dumps({"id": "u", "aesthetics": {"theme": {"dark": False}, "font": {"size": 1}}})
    )
    null = UserProfile.from_json(
        json.dumps({"id": "u", "aesthetics": {"theme": {"dark": False}, "font": {"size": 1}}, "email": None})
    )
    assert absent.email is None and null.email is None
    assert absent.to_json() != null.to_json()
    assert absent != null


def test_constructors_take_python_attribute_names_and_wire_names() -> None:
    by_attribute = UserProfile(
        id="u",
        aesthetics={"theme": {"dark": False}, "font": {"size": 1}},  # type: ignore[arg-type]
        api_keys=["k"],
    )
    by_wire = UserProfile.model_validate(
        {"id": "u", "aesthetics": {"theme": {"dark": False}, "font": {"size": 1}}, "apiKeys": ["k"]}
    )
    assert by_attribute == by_wire
    assert by_attribute.to_dict()["apiKeys"] == ["k"]


def test_from_dict_of_none_is_none() -> None:
    assert Font.from_dict(None) is None
    font = Font.from_dict({"size": 3})
    assert font.size == 3


def test_the_package_loads_no_private_pydantic_name() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pieces_os_client").rglob("*.py"))
    assert "_parent_namespace_depth" not in source
    assert "pydantic._internal" not in source
    assert "def model_rebuild" not in source


def test_first_use_from_a_fresh_interpreter_needs_no_rebuild_call() -> None:
    code = textwrap.dedent(
        """
        import typing
        from pieces_os_client.models.flattened_users import FlattenedUsers
        hints = typing.get_type_hints(FlattenedUsers)
        print(sorted(hints)[:2])
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_building_a_model_from_bad_values_raises_pydantics_validation_error() -> None:
    # The README's promise: constructors, from_json, from_dict and model_validate* follow pydantic.
    with pytest.raises(ValidationError):
        Font(size="big")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Font.from_json('{"size": "big"}')
    with pytest.raises(ValidationError):
        Font.from_dict({"size": []})
    with pytest.raises(ValidationError):
        Font.model_validate({"size": None, "extra": 1})


def test_assigning_a_field_adds_no_unknown_field() -> None:
    stamp = GroupedTimestamp.from_json('{"value": "2024-01-02T03:04:05.123Z"}')
    stamp.readable = "now"
    assert stamp.model_extra == {}
    assert json.loads(stamp.to_json()) == {"value": "2024-01-02T03:04:05.123Z", "readable": "now"}


def test_model_fields_hold_forward_references_until_the_first_build() -> None:
    # As documented (docs/design.md, CHANGELOG): before the first use a field typed by another model shows a
    # forward reference in model_fields; the public model_rebuild() (or any first use) resolves it.
    out = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "from pieces_os_client.models.user_profile import UserProfile as U\n"
            "a = U.model_fields['aesthetics'].annotation\n"
            "print(type(a).__name__, a.__forward_arg__)\n"
            "U.model_rebuild()\n"
            "print(U.model_fields['aesthetics'].annotation.__name__)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=True,
    ).stdout.splitlines()
    assert out == ["ForwardRef _models.Aesthetics", "Aesthetics"]
