"""A `UserProfile` JSON document with every field filled, built from ``openapi.yaml``.

The connect benchmark sends the largest body the API allows: every optional field, at every depth, is
set. Where a schema refers back to one already being built (a cycle), only its required fields are
filled, so the document stays finite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, FrozenSet

import yaml

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"
TIMESTAMP = "2023-10-26T15:30:01.617743Z"


class _Builder:
    def __init__(self, spec: Dict[str, Any]) -> None:
        self.schemas: Dict[str, Any] = spec["components"]["schemas"]

    def ref(self, ref: str, seen: FrozenSet[str]) -> Any:
        name = ref.rsplit("/", 1)[-1]
        return self.value(self.schemas[name], name, seen | {name}, minimal=name in seen)

    def value(self, schema: Dict[str, Any], name: str, seen: FrozenSet[str], minimal: bool = False) -> Any:
        if "$ref" in schema:
            return self.ref(schema["$ref"], seen)
        for key in ("allOf", "oneOf", "anyOf"):
            if key in schema:
                return self.value(schema[key][0], name, seen, minimal)
        if "enum" in schema:
            values = [v for v in schema["enum"] if v != "UNKNOWN"] or schema["enum"]
            return values[0]
        kind = schema.get("type", "object")
        if kind == "string":
            return TIMESTAMP if schema.get("format") == "date-time" else f"{name}-value"
        if kind == "integer":
            return 7
        if kind == "number":
            return 2.5
        if kind == "boolean":
            return True
        if kind == "array":
            return [self.value(schema.get("items", {}), name, seen)]
        properties: Dict[str, Any] = schema.get("properties", {})
        if not properties and isinstance(schema.get("additionalProperties"), dict):
            return {"key": self.value(schema["additionalProperties"], name, seen)}
        required = set(schema.get("required", ()))
        doc = {}
        for prop, sub in properties.items():
            target = sub.get("$ref") or sub.get("items", {}).get("$ref")
            recursive = target is not None and target.rsplit("/", 1)[-1] in seen
            if prop not in required and (minimal or recursive):
                continue
            doc[prop] = self.value(sub, prop, seen)
        return doc


def full_document(schema: str = "UserProfile") -> Dict[str, Any]:
    """The JSON document of ``schema`` with every field filled (by wire name)."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return _Builder(spec).ref(f"#/components/schemas/{schema}", frozenset())  # type: ignore[no-any-return]


if __name__ == "__main__":
    print(json.dumps(full_document(), indent=2))
