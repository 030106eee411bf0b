"""Hypothesis strategies for wire payloads, built from the schemas in ``openapi.yaml``.

Written for this project rather than taken from a JSON-Schema library: the payloads must exercise what
makes our models lossless, which a generic generator does not aim at: optional fields absent, present
or explicitly ``null``; unknown fields (with any JSON value) at every depth; enum values the spec does
not list; date-times with 3 or 6 fractional digits; integers and numbers where the spec allows both.
"""

from __future__ import annotations

import copy
import functools
import keyword
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

from hypothesis import strategies as st

from tools.generate import read_spec

REF_PREFIX = "#/components/schemas/"

# Below this depth, optional fields that hold another model are left out, so cyclic schemas stay finite.
MAX_MODEL_DEPTH = 2

_ABSENT = object()  # marks an optional field left out of the payload

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
# Any JSON value, for unknown fields.
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=8,
)

DATE_TIMES = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
)


def rfc3339(value: datetime, digits: int) -> str:
    """``value`` in UTC with ``Z`` and 3 or 6 fractional digits, as Pieces OS writes it."""
    value = value.astimezone(timezone.utc)
    if digits == 3:
        value = value - timedelta(microseconds=value.microsecond % 1000)
        frac = f"{value.microsecond // 1000:03d}"
    else:
        frac = f"{value.microsecond:06d}"
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "Z"


@functools.cache
def _spec() -> Dict[str, Any]:
    # openapi.yaml is read once per process: several test modules ask.
    return read_spec()


def load_schemas() -> Dict[str, Dict[str, Any]]:
    """The spec's component schemas, a copy of their own for each caller."""
    schemas: Dict[str, Dict[str, Any]] = copy.deepcopy(_spec()["components"]["schemas"])
    return schemas


def ref_name(schema: Dict[str, Any]) -> Optional[str]:
    """The schema a property refers to, plain ``$ref`` or a one-element ``allOf``."""
    if "$ref" in schema:
        return str(schema["$ref"])[len(REF_PREFIX) :]
    all_of = schema.get("allOf")
    if all_of and len(all_of) == 1 and "$ref" in all_of[0]:
        return str(all_of[0]["$ref"])[len(REF_PREFIX) :]
    return None


def _snake(name: str) -> str:
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


class PayloadStrategies:
    """Builds a strategy of valid wire payloads for any schema of the spec."""

    def __init__(self, schemas: Dict[str, Dict[str, Any]]) -> None:
        self.schemas = schemas
        self._models: Dict[Tuple[str, int], st.SearchStrategy[Dict[str, Any]]] = {}

    def renamed_attributes(self, name: str) -> List[str]:
        """The Python attribute names of schema ``name`` that differ from their wire names.

        Unknown keys spelled exactly like one (``var_schema``) are drawn on purpose: pydantic counts
        unknown keys as set fields, and the models must not let that show.
        """
        names = []
        for wire, prop in self.schemas[name].get("properties", {}).items():
            py = prop.get("x-py-name") or _snake(wire)
            if keyword.iskeyword(py) or py == "schema":
                py = "var_" + py
            if py != wire:
                names.append(py)
        return sorted(names)

    def value(self, schema: Dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        ref = ref_name(schema)
        if ref is not None:
            target = self.schemas[ref]
            if "enum" in target:
                # Mostly known values; sometimes one a newer Pieces OS might send.
                known = frozenset(target["enum"])
                return st.one_of(
                    st.sampled_from(target["enum"]),
                    st.sampled_from(target["enum"]),
                    st.text(min_size=1, max_size=12).filter(lambda v: v not in known),
                )
            return self.model(ref, depth + 1)
        if "anyOf" in schema:
            return st.one_of(
                st.integers(min_value=-(2**63), max_value=2**63 - 1),
                st.floats(allow_nan=False, allow_infinity=False),
            )
        kind = schema.get("type")
        if kind == "string":
            if schema.get("format") == "date-time":
                return st.builds(rfc3339, DATE_TIMES, st.sampled_from([3, 6]))
            return st.text(max_size=20)
        if kind == "integer":
            return st.integers(min_value=-(2**63), max_value=2**63 - 1)
        if kind == "number":
            return st.floats(allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "array":
            return st.lists(self.value(schema["items"], depth), max_size=2)
        if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
            return st.dictionaries(
                st.text(max_size=8), self.value(schema["additionalProperties"], depth), max_size=3
            )
        raise ValueError(f"no strategy for {schema}")

    def model(self, name: str, depth: int = 0) -> st.SearchStrategy[Dict[str, Any]]:
        """Payloads of schema ``name`` (built once per depth: strategies are costly to create)."""
        key = (name, depth)
        if key not in self._models:
            self._models[key] = st.deferred(lambda: self._build_model(name, depth))
        return self._models[key]

    def _build_model(self, name: str, depth: int) -> st.SearchStrategy[Dict[str, Any]]:
        schema = self.schemas[name]
        required = set(schema.get("required", []))
        wire_names = frozenset(schema.get("properties", {}))
        # One strategy per property: required ones always give a value; optional ones are absent,
        # null or a value (models below MAX_MODEL_DEPTH only absent or null).
        fields: List[Tuple[str, st.SearchStrategy[Any]]] = []
        for wire, prop in schema.get("properties", {}).items():
            target = ref_name(prop)
            is_model = target is not None and "enum" not in self.schemas[target]
            if wire in required:
                fields.append((wire, self.value(prop, depth)))
            elif is_model and depth >= MAX_MODEL_DEPTH:
                fields.append((wire, st.sampled_from([_ABSENT, None])))
            else:
                fields.append((wire, st.one_of(st.just(_ABSENT), st.none(), self.value(prop, depth))))
        key = st.text(min_size=1, max_size=10)
        renamed = self.renamed_attributes(name)
        if renamed:
            key = st.one_of(key, st.sampled_from(renamed))
        unknown = st.dictionaries(key.filter(lambda k: k not in wire_names), JSON_VALUES, max_size=2)

        @st.composite
        def build(draw: st.DrawFn) -> Dict[str, Any]:
            out: Dict[str, Any] = {}
            for wire, strategy in fields:
                value = draw(strategy)
                if value is not _ABSENT:
                    out[wire] = value
            out.update(draw(unknown))
            return out

        return build()
