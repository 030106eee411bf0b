"""``openapi.yaml`` is a valid OpenAPI 3.0 document and says exactly what the wire format is.

The facts come from ``tests/fixtures/wire_facts.json``, a machine-readable copy of the wire-format
reference (schemas, wire names, Python attribute names, types, required fields, enum values, modules,
endpoints). When the reference itself sits beside the repository, a test also checks that copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

from tools.generate import load_api, read_spec

ROOT = Path(__file__).resolve().parents[2]

FACTS: Dict[str, Any] = json.loads(
    (ROOT / "tests" / "fixtures" / "wire_facts.json").read_text(encoding="utf-8")
)
SPEC: Dict[str, Any] = read_spec()
SCHEMAS: Dict[str, Dict[str, Any]] = SPEC["components"]["schemas"]
REFERENCE = ROOT.parent / "shared" / "reference" / "wire-format.md"
REF = "#/components/schemas/"


def test_spec_is_valid_openapi() -> None:
    # Imported here: it costs every test process 0.15 s, and only this test uses it.
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    spec, _ = read_from_filename(str(ROOT / "openapi.yaml"))
    validate(spec)
    assert SPEC["openapi"].startswith("3.0.")


def _ref(schema: Dict[str, Any]) -> Optional[str]:
    if "$ref" in schema:
        return str(schema["$ref"]).removeprefix(REF)
    if len(schema.get("allOf", [])) == 1:
        return str(schema["allOf"][0]["$ref"]).removeprefix(REF)
    return None


def _fact_type(schema: Dict[str, Any]) -> str:
    """A property schema written the way the facts file writes types."""
    ref = _ref(schema)
    if ref is not None:
        return ref
    if "anyOf" in schema:
        return " | ".join(sorted((s["type"] for s in schema["anyOf"]), reverse=True))
    kind = schema["type"]
    if kind == "string" and schema.get("format") == "date-time":
        return "date-time"
    if kind == "array":
        return f"list[{_fact_type(schema['items'])}]"
    if kind == "object":
        return f"dict[string, {_fact_type(schema['additionalProperties'])}]"
    return str(kind)


def test_every_schema_of_the_facts_and_no_other() -> None:
    assert set(SCHEMAS) == set(FACTS["models"]) | set(FACTS["enums"])


@pytest.mark.parametrize("name", sorted(FACTS["models"]))
def test_model_schema_matches_the_facts(name: str) -> None:
    schema = SCHEMAS[name]
    facts = FACTS["models"][name]
    assert schema["type"] == "object"
    assert schema.get("additionalProperties") is True  # open: newer servers may add fields
    assert schema["description"].strip()
    assert set(schema["properties"]) == {f["wire"] for f in facts}
    assert set(schema.get("required", [])) == {f["wire"] for f in facts if f["required"]}
    for fact in facts:
        prop = schema["properties"][fact["wire"]]
        assert _fact_type(prop) == fact["type"], fact
        assert prop["description"].strip(), fact
        assert "default" not in prop  # absent stays absent: the spec invents no values


@pytest.mark.parametrize("name", sorted(FACTS["enums"]))
def test_enum_schema_matches_the_facts(name: str) -> None:
    assert SCHEMAS[name]["type"] == "string"
    assert SCHEMAS[name]["enum"] == FACTS["enums"][name]


def test_python_names_and_modules_match_the_facts() -> None:
    api = load_api()
    assert api.modules == FACTS["modules"]
    for model in api.models:
        python = {f.wire: f.python for f in model.fields}
        assert python == {f["wire"]: f["python"] for f in FACTS["models"][model.name]}, model.name


def test_endpoints_match_the_facts() -> None:
    ops = {
        op["operationId"]: (path, method, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if op["tags"] == ["Allocations"]
    }
    assert set(ops) == {e["operation_id"] for e in FACTS["endpoints"]}
    for endpoint in FACTS["endpoints"]:
        path, method, op = ops[endpoint["operation_id"]]
        assert (path, method.upper()) == (endpoint["path"], endpoint["method"])
        assert op["tags"] == ["Allocations"]
        if endpoint["body"] is None:
            assert "requestBody" not in op
        else:
            body = op["requestBody"]
            assert body.get("required", False) is False
            assert _ref(body["content"]["application/json"]["schema"]) == endpoint["body"]
        ok = op["responses"]["200"]["content"]
        assert list(ok) == [endpoint["response_content_type"]]
        schema = ok[endpoint["response_content_type"]]["schema"]
        assert (_ref(schema) or schema["type"]) == endpoint["response"]
        for status in endpoint["declared_errors"]:
            response = op["responses"][str(status)]
            name = response["$ref"].rsplit("/", 1)[1]
            assert list(SPEC["components"]["responses"][name]["content"]) == ["text/plain"]


# The official 5.0.1 WellKnownApi: its HTTP methods, each a GET answering text/plain; its websocket one.
OFFICIAL_WELL_KNOWN = {
    "get-well-known-health": "/.well-known/health",
    "get-well-known-version": "/.well-known/version",
    "get-installation-path": "/.well-known/installation/path",
}


def test_the_well_known_endpoints_are_the_official_ones() -> None:
    ops = {
        op["operationId"]: (path, method, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if op["tags"] == ["Well Known"]
    }
    assert {name: path for name, (path, _, _) in ops.items()} == OFFICIAL_WELL_KNOWN
    for _, method, op in ops.values():
        assert method == "get" and "requestBody" not in op
        assert op["responses"] == {
            "200": {"description": op["responses"]["200"]["description"], "content": TEXT_STRING}
        }
    tag = next(t for t in SPEC["tags"] if t["name"] == "Well Known")
    assert [(m["operationId"], m["method"], m["path"]) for m in tag["x-not-provided"]] == [
        ("get-well-known-stream-health", "GET", "/.well-known/stream/health")
    ]


TEXT_STRING = {"text/plain": {"schema": {"type": "string"}}}


def test_extra_error_responses() -> None:
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            statuses = set(op["responses"])
            if method == "post":
                assert "400" in statuses, path
            if path in ("/allocations/reconnect", "/allocations/disconnect", "/allocations/delete"):
                assert "404" in statuses, path
    for response in SPEC["components"]["responses"].values():
        assert list(response["content"]) == ["text/plain"]


def test_server_and_optional_application_key() -> None:
    assert SPEC["servers"][0]["url"] == "http://localhost:1000"
    scheme = SPEC["components"]["securitySchemes"]["application"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "X-Application-ID")
    assert {} in SPEC["security"]  # optional: a request without the key is allowed
    assert {"application": []} in SPEC["security"]


def _parse_reference(text: str) -> Dict[str, Any]:
    models: Dict[str, Dict[str, Any]] = {}
    for line in text.splitlines():
        m = re.match(r"^\| (\w+) \| `([^`]+)` \| `([^`]+)` \| (.+?) \| (yes|no) \| .*\|$", line)
        if m:
            schema, wire, python, kind, required = m.groups()
            models.setdefault(schema, {})[wire] = (python, kind.strip(), required == "yes")
    enums = {
        m.group(1): re.findall(r"`([^`]+)`", m.group(2))
        for m in re.finditer(r"^- \*\*(\w+)\*\*: (.+)$", text, re.M)
    }
    modules = dict(re.findall(r"`(\w+)` → `(\w+)`", text.split("### Module of each model")[1]))
    return {"models": models, "enums": enums, "modules": modules}


@pytest.mark.skipif(
    not REFERENCE.exists(),
    reason=(
        f"the wire-format reference ({REFERENCE}) is not beside this checkout: tests/fixtures/"
        "wire_facts.json, its copy, is still checked against openapi.yaml; to compare the copy with the "
        "reference, place the reference there and run tests/spec/test_spec.py"
    ),
)
def test_facts_fixture_matches_the_reference() -> None:
    ref = _parse_reference(REFERENCE.read_text(encoding="utf-8"))
    fixture_models = {
        name: {f["wire"]: (f["python"], f["type"], f["required"]) for f in fields}
        for name, fields in FACTS["models"].items()
    }
    assert fixture_models == ref["models"]
    assert FACTS["enums"] == ref["enums"]
    assert FACTS["modules"] == ref["modules"]
