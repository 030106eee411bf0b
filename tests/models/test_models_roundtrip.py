"""Round-trip property tests: for any valid payload P of any model, the model gives P back.

Payloads come from `_spec_strategies` (built from ``openapi.yaml``): optional fields absent, ``null`` or
set; unknown fields with arbitrary JSON at every depth; unknown enum values; date-times with 3 or 6
fractional digits. ``from_json(P).to_json()`` and ``from_dict(P).to_dict()`` must equal P, where a
date-time only has to be the same instant (it is written back in UTC with ``Z``; ``to_dict`` gives the
``datetime`` itself, and enum members, as the official SDK's does).
"""

from __future__ import annotations

import importlib
import json
from datetime import datetime
from typing import Any, Dict, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pieces_os_client.models
from pieces_os_client._model import PiecesModel
from pieces_os_client.models import _MODEL_MODULES
from tests._spec_strategies import PayloadStrategies, load_schemas, ref_name

SCHEMAS = load_schemas()
STRATEGIES = PayloadStrategies(SCHEMAS)
MODEL_NAMES = sorted(name for name, schema in SCHEMAS.items() if "enum" not in schema)

SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def model_class(name: str) -> type[PiecesModel]:
    module = importlib.import_module(f"pieces_os_client.models.{_MODEL_MODULES[name]}")
    cls: type[PiecesModel] = getattr(module, name)
    return cls


def normalise(schema_name: str, payload: Any) -> Any:
    """``payload`` with every date-time field parsed, so that equal instants compare equal."""
    if not isinstance(payload, dict):
        return payload
    props = SCHEMAS[schema_name].get("properties", {})
    out: Dict[str, Any] = {}
    for key, value in payload.items():
        prop = props.get(key)
        out[key] = value if prop is None or value is None else _normalise_value(prop, value)
    return out


def _normalise_value(prop: Dict[str, Any], value: Any) -> Any:
    ref = ref_name(prop)
    if ref is not None:
        return value if "enum" in SCHEMAS[ref] else normalise(ref, value)
    if prop.get("type") == "array":
        return [_normalise_value(prop["items"], v) for v in value]
    if prop.get("format") == "date-time":
        if isinstance(value, datetime):  # to_dict gives the datetime itself
            return value
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def assert_same_payload(name: str, got: Any, expected: Any) -> None:
    assert normalise(name, got) == normalise(name, expected)


def date_time_strings(name: str, payload: Any) -> List[str]:
    """Every date-time value written in ``payload`` (to check their shape)."""
    return [value for kind, value in typed_values(name, payload) if kind == "date-time"]


def typed_values(name: str, payload: Any) -> List[Tuple[str, Any]]:
    """Every date-time (``("date-time", value)``) and enum value (``(enum name, value)``) in ``payload``."""
    found: List[Tuple[str, Any]] = []

    def walk(schema_name: str, obj: Any) -> None:
        if not isinstance(obj, dict):
            return
        for key, prop in SCHEMAS[schema_name].get("properties", {}).items():
            if obj.get(key) is None:
                continue
            walk_value(prop, obj[key])

    def walk_value(prop: Dict[str, Any], value: Any) -> None:
        ref = ref_name(prop)
        if ref is not None and "enum" in SCHEMAS[ref]:
            found.append((ref, value))
        elif ref is not None:
            walk(ref, value)
        elif prop.get("type") == "array":
            for v in value:
                walk_value(prop["items"], v)
        elif prop.get("format") == "date-time":
            found.append(("date-time", value))

    walk(name, payload)
    return found


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_round_trip(name: str) -> None:
    cls = model_class(name)
    known = set(SCHEMAS[name].get("properties", {}))

    @SETTINGS
    @given(payload=STRATEGIES.model(name), as_bytes=st.booleans())
    def check(payload: Dict[str, Any], as_bytes: bool) -> None:
        # JSON text (str or bytes) in, JSON text out.
        text = json.dumps(payload)
        model = cls.from_json(text.encode() if as_bytes else text)
        out = json.loads(model.to_json())
        assert set(out) == set(payload)  # absent stays absent, nothing invented
        assert_same_payload(name, out, payload)
        for value in date_time_strings(name, out):
            assert value.endswith("Z")
            assert len(value.split(".")[1]) in (4, 7)  # 3 or 6 digits, then Z
        # Unknown fields are readable through model_extra.
        assert set(model.model_extra or {}) == set(payload) - known

        # The same through dicts, which is also what goes into a request body.
        from_dict = cls.from_dict(payload)
        assert from_dict is not None
        assert from_dict == model
        # to_dict gives Python values, as the official SDK's: datetime objects and enum members (unknown
        # values included), and dumped as JSON it is the payload again.
        as_dict = from_dict.to_dict()
        assert_same_payload(name, as_dict, payload)
        for kind, value in typed_values(name, as_dict):
            if kind == "date-time":
                assert isinstance(value, datetime) and value.utcoffset() is not None
            else:
                assert type(value) is getattr(pieces_os_client.models, kind)
        assert cls.from_dict(as_dict) == model
        as_json = from_dict.model_dump(mode="json", by_alias=True, exclude_unset=True)
        assert as_json == json.loads(model.to_json())

    check()
