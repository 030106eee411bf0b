"""Generate the models, the API class and their reference pages from ``openapi.yaml``.

Run ``make generate`` (``python -m tools.generate``). The generator reads the spec into a small
intermediate form (`ModelSpec`, `EnumSpec`, `OperationSpec`), renders jinja2 templates from
``tools/templates`` and formats the Python output with ``ruff format``, so the result is byte-for-byte
the same on every machine. ``python -m tools.generate --out DIR`` writes into another directory (the
sync test uses this to compare with the committed files); ``--spec FILE`` reads another spec.

Operations are read strictly: whatever the runtime's `Operation` cannot carry (path, query or header
parameters, a required request body, a second media type, an undeclared tag, an unknown security scheme, ...)
stops the generator with a `SpecError` that names its place in the spec
(``paths./allocations/{id}.get.parameters[0]``), rather than being left out of the generated code.

Naming rules (see ``docs/design.md``):

* API class: one per tag, the tag's name in CamelCase plus ``Api`` (``Allocations`` -> ``AllocationsApi``,
  in ``pieces_os_client/api/allocations_api.py`` and ``docs/AllocationsApi.md``); a tag's
  ``x-not-provided`` list names operations of the official SDK that are not offered (a websocket, say):
  their methods are generated to raise `OperationNotProvidedError`;
* module name: the schema name in snake_case (``Auth0OpenAIUserMetadata`` -> ``auth0_open_ai_user_metadata``);
* Python attribute: ``x-py-name`` when the property has one, else the wire name in snake_case, prefixed
  with ``var_`` when it is a Python keyword or a name the model base class already has
  (``schema`` -> ``var_schema``, ``from`` -> ``var_from``, ``apiKeys`` -> ``api_keys``);
* enum member: the wire value upper-cased, with ``.`` -> ``_DOT_``, ``+`` -> ``_PLUS``, ``-`` -> ``_MINUS_``
  and any other character that cannot appear in an identifier -> ``_`` (``GPT_3.5`` -> ``GPT_3_DOT_5``).
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Hashable, List, Optional, Sequence, Set, Tuple, TypeVar

import jinja2
import yaml

from pieces_os_client import _constants as C
from pieces_os_client._client_core import _article
from pieces_os_client.exceptions import exception_for_status

REPO = Path(__file__).resolve().parent.parent
SPEC_PATH = REPO / "openapi.yaml"
TEMPLATES = Path(__file__).resolve().parent / "templates"

REF_PREFIX = "#/components/schemas/"
HEADER = "Generated from openapi.yaml by `make generate`. Do not edit by hand."
# Names a field may not take because the model class already defines them (pydantic's BaseModel and
# our PiecesModel helpers); also any name starting with "model_". Written out rather than read from
# dir(PiecesModel) so that a new pydantic release cannot silently rename a field; a test checks the
# list still covers the class.
RESERVED_ATTRIBUTES = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "from_dict",
        "from_json",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "to_dict",
        "to_json",
        "to_str",
        "update_forward_refs",
        "validate",
    }
)
# Directories that hold only generated files (stale ones are removed).
GENERATED_DIRS = ("pieces_os_client/models", "docs/models", "pieces_os_client/api")
EXAMPLE_DATE_TIME = "2023-10-26T15:30:01.617743Z"


def snake_case(name: str) -> str:
    """`AllocationCloud` -> `allocation_cloud`, `apiKeys` -> `api_keys`, `open_AI` -> `open_ai`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def python_attribute(wire_name: str, override: Optional[str] = None) -> str:
    """The Python attribute for a wire name (see the module docstring)."""
    if override:
        return override
    name = snake_case(wire_name)
    if keyword.iskeyword(name) or name in RESERVED_ATTRIBUTES or name.startswith("model_"):
        name = "var_" + name
    if not name.isidentifier():
        raise ValueError(f"wire name {wire_name!r} needs an x-py-name in openapi.yaml")
    return name


def enum_member_name(value: str) -> str:
    """The Python member name for an enum wire value (see the module docstring)."""
    name = value.replace(".", "_DOT_").replace("+", "_PLUS").replace("-", "_MINUS_")
    name = re.sub(r"[^0-9A-Za-z_]", "_", name).upper()
    if not name or name[0].isdigit() or name.startswith("_"):
        name = "V_" + name
    return name


@dataclass
class FieldSpec:
    """One property of an object schema."""

    wire: str
    python: str
    required: bool
    description: str
    annotation: str  # the Python type, without Optional
    doc_type: str  # the type as written on the docs page (markdown)
    schema: Dict[str, Any]  # the property's schema with allOf-wrapped references resolved to {"$ref": ...}
    refs: List[str] = field(default_factory=list)  # names of generated classes the annotation uses
    scalars: List[str] = field(default_factory=list)  # names imported from pydantic / _model


@dataclass
class ModelSpec:
    """One object schema: one generated model class."""

    name: str
    module: str
    description: str
    fields: List[FieldSpec]


@dataclass
class EnumSpec:
    """One string enumeration: one generated `OpenEnum` class."""

    name: str
    module: str
    description: str
    members: List[Tuple[str, str]]  # (Python name, wire value)


@dataclass
class ResponseSpec:
    """One declared response of an operation."""

    status: int
    description: str
    content_type: Optional[str]
    type_name: Optional[str]  # a model class name, "str", or None for no body


@dataclass
class OperationSpec:
    """One operation of the API."""

    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    body_type: Optional[str]
    body_param: Optional[str]
    body_description: str
    responses: List[ResponseSpec]
    tag: str = ""

    @property
    def python_name(self) -> str:
        return self.operation_id.replace("-", "_")

    @property
    def constant(self) -> str:
        return "_" + self.python_name.upper()

    @property
    def success(self) -> ResponseSpec:
        """The one 2xx response (the loader checks there is one; responses are sorted by status)."""
        return self.responses[0]

    @property
    def errors(self) -> List[ResponseSpec]:
        return self.responses[1:]

    @property
    def return_type(self) -> str:
        return self.success.type_name or "None"

    @property
    def accept(self) -> str:
        seen: List[str] = []
        for response in self.responses:
            if response.content_type and response.content_type not in seen:
                seen.append(response.content_type)
        return ", ".join(seen)


@dataclass
class NotProvidedSpec:
    """An operation of the official SDK that this package does not offer (a tag's ``x-not-provided``)."""

    operation_id: str
    method: str
    path: str
    summary: str
    reason: str  # why, and what to use instead

    @property
    def python_name(self) -> str:
        return self.operation_id.replace("-", "_")


@dataclass
class Api:
    """Everything the templates need for one API class (one tag); `apis` has every one of the spec."""

    server: str
    tag: str
    tag_description: str
    api_class: str  # from the tag: Allocations -> AllocationsApi
    security_header: Optional[str]  # where the API key goes; None when the spec declares no scheme
    key_required: bool  # every operation needs the API key (no empty requirement in `security`)
    models: List[ModelSpec]
    enums: List[EnumSpec]
    operations: List[OperationSpec]
    schemas: Dict[str, Dict[str, Any]]
    not_provided: List[NotProvidedSpec] = field(default_factory=list)
    # Every API class of the spec, in the order of its tags; this object is the first of them.
    apis: List[Api] = field(default_factory=list)

    @property
    def key_scheme(self) -> str:
        return API_KEY_SCHEME

    @property
    def api_module(self) -> str:
        """``AllocationsApi`` -> ``allocations_api``."""
        return snake_case(self.api_class)

    @property
    def modules(self) -> Dict[str, str]:
        """Class name -> module name, sorted by class name."""
        pairs = [(m.name, m.module) for m in self.models] + [(e.name, e.module) for e in self.enums]
        return dict(sorted(pairs))


def _ref_name(schema: Dict[str, Any]) -> Optional[str]:
    """The schema name a property refers to (plain ``$ref`` or a one-element ``allOf``), else None."""
    if "$ref" in schema:
        ref = str(schema["$ref"])
    elif len(schema.get("allOf", [])) == 1 and "$ref" in schema["allOf"][0]:
        ref = str(schema["allOf"][0]["$ref"])
    else:
        return None
    if not ref.startswith(REF_PREFIX):
        raise ValueError(f"only local schema references are supported, got {ref}")
    return ref[len(REF_PREFIX) :]


class _TypeMapper:
    """Maps a property schema to a Python annotation and a docs type."""

    def __init__(self, schemas: Dict[str, Dict[str, Any]]) -> None:
        self.schemas = schemas

    def map(self, schema: Dict[str, Any], refs: List[str], scalars: List[str]) -> Tuple[str, str]:
        ref = _ref_name(schema)
        if ref is not None:
            if ref not in self.schemas:
                raise ValueError(f"unknown schema {ref}")
            refs.append(ref)
            note = " (open enum)" if "enum" in self.schemas[ref] else ""
            return ref, f"[{ref}]({ref}.md){note}"
        if "anyOf" in schema:
            types = sorted(str(s.get("type")) for s in schema["anyOf"])
            if types != ["integer", "number"]:
                raise ValueError(f"unsupported anyOf {schema['anyOf']}")
            scalars.extend(["StrictFloat", "StrictInt"])
            return "Union[StrictInt, StrictFloat]", "integer or number"
        kind = schema.get("type")
        if kind == "string":
            if schema.get("format") == "date-time":
                scalars.append("UtcDateTime")
                return "UtcDateTime", "date-time (RFC 3339, UTC)"
            scalars.append("StrictStr")
            return "StrictStr", "string"
        if kind == "integer":
            scalars.append("StrictInt")
            return "StrictInt", "integer"
        if kind == "number":
            scalars.append("StrictFloat")
            return "StrictFloat", "number"
        if kind == "boolean":
            scalars.append("StrictBool")
            return "StrictBool", "boolean"
        if kind == "array":
            inner, inner_doc = self.map(schema["items"], refs, scalars)
            return f"List[{inner}]", f"list[{inner_doc}]"
        if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
            inner, inner_doc = self.map(schema["additionalProperties"], refs, scalars)
            return f"Dict[str, {inner}]", f"dict[string, {inner_doc}]"
        raise ValueError(f"unsupported property schema {schema}")


def _normalise(schema: Dict[str, Any]) -> Dict[str, Any]:
    """A property schema with a one-element ``allOf`` reference replaced by the plain ``$ref``."""
    ref = _ref_name(schema)
    if ref is not None:
        return {"$ref": REF_PREFIX + ref}
    out = {k: v for k, v in schema.items() if k not in ("description", "example", "x-py-name")}
    if "items" in out:
        out["items"] = _normalise(out["items"])
    if isinstance(out.get("additionalProperties"), dict):
        out["additionalProperties"] = _normalise(out["additionalProperties"])
    return out


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# libyaml's loader when PyYAML has it (several times faster), else the pure-Python one; both are safe.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_spec(spec_path: Path = SPEC_PATH) -> Dict[str, Any]:
    """``openapi.yaml`` as plain data."""
    spec: Dict[str, Any] = yaml.load(spec_path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    return spec


def load_api(spec_path: Path = SPEC_PATH) -> Api:
    """Read ``openapi.yaml`` into the intermediate form."""
    spec = read_spec(spec_path)
    schemas: Dict[str, Dict[str, Any]] = spec["components"]["schemas"]
    mapper = _TypeMapper(schemas)
    models: List[ModelSpec] = []
    enums: List[EnumSpec] = []
    for name in sorted(schemas):
        schema = schemas[name]
        module = schema.get("x-py-module") or snake_case(name)
        description = _one_line(schema.get("description", name))
        if "enum" in schema:
            members = [(enum_member_name(str(v)), str(v)) for v in schema["enum"]]
            names = [m[0] for m in members]
            if len(set(names)) != len(names):
                raise ValueError(f"{name}: two enum values map to the same member name")
            enums.append(EnumSpec(name, module, description, members))
            continue
        if schema.get("type") != "object":
            raise ValueError(f"{name}: only object and string-enum schemas are supported")
        required = set(schema.get("required", []))
        fields: List[FieldSpec] = []
        for wire, prop in schema.get("properties", {}).items():
            refs: List[str] = []
            scalars: List[str] = []
            annotation, doc_type = mapper.map(prop, refs, scalars)
            fields.append(
                FieldSpec(
                    wire=wire,
                    python=python_attribute(wire, prop.get("x-py-name")),
                    required=wire in required,
                    description=_one_line(prop.get("description", "")),
                    annotation=annotation,
                    doc_type=doc_type,
                    schema={
                        **_normalise(prop),
                        **({"example": prop["example"]} if "example" in prop else {}),
                    },
                    refs=refs,
                    scalars=scalars,
                )
            )
        pythons = [f.python for f in fields]
        if len(set(pythons)) != len(pythons):
            raise ValueError(f"{name}: two properties map to the same Python attribute")
        models.append(ModelSpec(name, module, description, fields))

    tags = _load_tags(spec)
    security_header, key_required = _load_security(spec)
    model_names = {m.name for m in models}
    operations = _load_operations(spec, [tag for tag, _, _, _ in tags], model_names)
    apis: List[Api] = []
    for index, (tag, tag_description, api_class, not_provided) in enumerate(tags):
        mine = [op for op in operations if op.tag == tag]
        if not mine:
            raise SpecError(
                f"tags[{index}]",
                f"no operation has the tag {tag!r}: an API class without operations would be empty; "
                "remove the tag or give it an operation",
            )
        taken = {op.python_name for op in mine}
        for at, missing in enumerate(not_provided):
            if missing.python_name in taken:
                raise SpecError(
                    f"tags[{index}].x-not-provided[{at}]",
                    f"{missing.operation_id!r} is also an operation under paths: list it in one place only",
                )
        apis.append(
            Api(
                server=spec["servers"][0]["url"],
                tag=tag,
                tag_description=tag_description,
                api_class=api_class,
                security_header=security_header,
                key_required=key_required,
                models=models,
                enums=enums,
                operations=mine,
                schemas=schemas,
                not_provided=not_provided,
            )
        )
    modules = [api.api_module for api in apis]
    for index, module in enumerate(modules):
        if modules.index(module) != index:
            raise SpecError(f"tags[{index}].name", f"{apis[index].tag!r} makes the module {module} again")
    for api in apis:
        api.apis = apis
    return apis[0]


# --- operations: what the runtime's `Operation` can carry, and a clear refusal for the rest -------------

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# The scheme name `Configuration.api_key` uses for its shorthand and `Configuration.auth_headers` sends.
API_KEY_SCHEME = "application"
JSON = "application/json"
TEXT = "text/plain"


class SpecError(ValueError):
    """``openapi.yaml`` uses what the generator cannot render; the message says where, what and what to do."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where


def _unsupported(where: str, key: str, what: str) -> SpecError:
    return SpecError(
        f"{where}.{key}",
        f"{what} is not supported by tools/generate.py (it would be silently dropped); remove it from "
        "openapi.yaml, or teach the generator and pieces_os_client._operation.Operation to carry it",
    )


def _check_keys(where: str, node: Any, allowed: Sequence[str], what: str) -> Dict[str, Any]:
    if not isinstance(node, dict):
        raise SpecError(where, f"expected a mapping, got {type(node).__name__}")
    for key in node:
        if key not in allowed:
            raise _unsupported(where, str(key), f"`{key}` in {what}")
    return node


def _api_class(tag: str, where: str = "tags[0].name") -> str:
    """``Allocations`` -> ``AllocationsApi`` (module ``allocations_api``, page ``docs/AllocationsApi.md``)."""
    words = re.split(r"[^0-9A-Za-z]+", tag)
    name = "".join(w[:1].upper() + w[1:] for w in words) + "Api"
    if not name.isidentifier() or keyword.iskeyword(name):
        raise SpecError(where, f"{tag!r} does not make a Python class name; rename the tag")
    return name


def _load_tags(spec: Dict[str, Any]) -> List[Tuple[str, str, str, List[NotProvidedSpec]]]:
    """Every tag, in order: (name, description, API class name, operations not provided)."""
    tags = spec.get("tags") or []
    if not tags:
        raise SpecError("tags", "declare a tag; it names the API class (Allocations -> AllocationsApi)")
    loaded: List[Tuple[str, str, str, List[NotProvidedSpec]]] = []
    for index, node in enumerate(tags):
        where = f"tags[{index}]"
        tag = _check_keys(where, node, ("name", "description", "x-not-provided"), "a tag")
        name = str(tag.get("name") or "")
        if not name:
            raise SpecError(f"{where}.name", "the tag needs a name; it names the API class")
        if name in [t[0] for t in loaded]:
            raise SpecError(f"{where}.name", f"the tag {name!r} is declared twice")
        not_provided = [
            _load_not_provided(f"{where}.x-not-provided[{at}]", item)
            for at, item in enumerate(tag.get("x-not-provided") or [])
        ]
        loaded.append(
            (name, _one_line(tag.get("description", "")), _api_class(name, f"{where}.name"), not_provided)
        )
    return loaded


def _load_not_provided(where: str, node: Any) -> NotProvidedSpec:
    fields = ("operationId", "method", "path", "summary", "reason")
    item = _check_keys(where, node, fields, "an operation not provided")
    missing = [key for key in fields if not item.get(key)]
    if missing:
        raise SpecError(f"{where}.{missing[0]}", f"an operation not provided needs {', '.join(fields)}")
    operation_id = str(item["operationId"])
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", operation_id):
        raise SpecError(
            f"{where}.operationId", f"{operation_id!r} is not a lower-case, dash-separated operationId"
        )
    return NotProvidedSpec(
        operation_id=operation_id,
        method=str(item["method"]).upper(),
        path=str(item["path"]),
        summary=_one_line(item["summary"]),
        reason=_one_line(item["reason"]),
    )


def _load_security(spec: Dict[str, Any]) -> Tuple[Optional[str], bool]:
    """(the header the API key goes in, or None without a scheme; whether every operation needs the key)."""
    schemes: Dict[str, Any] = spec.get("components", {}).get("securitySchemes") or {}
    for name, scheme in schemes.items():
        where = f"components.securitySchemes.{name}"
        scheme = _check_keys(where, scheme, ("type", "in", "name", "description"), "a security scheme")
        wanted = {"type": "apiKey", "in": "header", "name": C.API_KEY_HEADER}
        found = {k: scheme.get(k) for k in wanted}
        if name != API_KEY_SCHEME or found != wanted:
            raise SpecError(
                where,
                f"unsupported security scheme (type {found['type']!r}, in {found['in']!r}, name "
                f"{found['name']!r}): the runtime sends only the {API_KEY_SCHEME!r} apiKey, in the "
                f"{C.API_KEY_HEADER} header (Configuration.auth_headers)",
            )
    requirements = spec.get("security")
    if requirements is None:
        return (C.API_KEY_HEADER if schemes else None), False
    optional = False
    for i, requirement in enumerate(requirements):
        where = f"security[{i}]"
        if not isinstance(requirement, dict):
            raise SpecError(where, "expected a mapping of scheme name to scopes")
        if not requirement:
            optional = True
        for name, scopes in requirement.items():
            if name not in schemes:
                raise SpecError(
                    f"{where}.{name}",
                    f"unknown security scheme {name!r}: declare it under components.securitySchemes "
                    f"(the runtime knows only {API_KEY_SCHEME!r})",
                )
            if scopes:
                raise SpecError(f"{where}.{name}", "an apiKey scheme takes no scopes; write []")
    return (C.API_KEY_HEADER if schemes else None), bool(requirements) and not optional


def _media(where: str, content: Any, models: Set[str], allow_text: bool) -> Tuple[str, str]:
    """The one media type of a body: (media type, model class name or "str")."""
    if not isinstance(content, dict) or not content:
        raise SpecError(where, "expected one media type")
    media_types = list(content)
    if len(media_types) > 1:
        raise SpecError(
            f"{where}.{media_types[1]}",
            f"a second media type is not supported (the runtime sends and decodes one per body, here "
            f"{media_types[0]}); remove it",
        )
    media_type = str(media_types[0])
    at = f"{where}.{media_type}"
    media = _check_keys(at, content[media_type], ("schema",), "a media type")
    schema = media.get("schema") or {}
    if media_type == JSON:
        ref = _ref_name(schema)
        if ref is None or ref not in models:
            raise SpecError(
                f"{at}.schema",
                "a JSON body must be a $ref to an object schema under components.schemas (the runtime "
                "decodes JSON into a model class)",
            )
        return media_type, ref
    if media_type == TEXT and allow_text:
        if schema != {"type": "string"}:
            raise SpecError(f"{at}.schema", "a text/plain body must have the schema {type: string}")
        return media_type, "str"
    supported = f"{JSON} or {TEXT}" if allow_text else JSON
    raise SpecError(at, f"media type {media_type} is not supported; use {supported}")


def _load_request_body(where: str, body: Any, models: Set[str]) -> Tuple[str, str]:
    """(model class name, description) of a request body."""
    body = _check_keys(where, body, ("description", "required", "content"), "a request body")
    if body.get("required", False) is not False:
        raise SpecError(
            f"{where}.required",
            "a required request body is not supported: every generated body parameter is optional "
            "(None sends no body) and the runtime does not enforce one; write required: false",
        )
    _, type_name = _media(f"{where}.content", body.get("content"), models, allow_text=False)
    return type_name, _one_line(body.get("description", ""))


def _load_response(
    spec: Dict[str, Any], where: str, status: Any, response: Any, models: Set[str]
) -> ResponseSpec:
    if not re.fullmatch(r"[2-5][0-9][0-9]", str(status)):
        raise SpecError(
            where,
            f"response {status!r} is not supported: declare each status code (200-599) on its own, the "
            "runtime maps undeclared ones by exception_for_status",
        )
    if isinstance(response, dict) and "$ref" in response:
        ref = str(response["$ref"])
        prefix = "#/components/responses/"
        shared = spec.get("components", {}).get("responses", {})
        if not ref.startswith(prefix) or ref[len(prefix) :] not in shared:
            raise SpecError(f"{where}.$ref", f"{ref} is not a response under components.responses")
        where, response = f"components.responses.{ref[len(prefix) :]}", shared[ref[len(prefix) :]]
    response = _check_keys(where, response, ("description", "content"), "a response")
    content_type, type_name = None, None
    if "content" in response:
        content_type, type_name = _media(f"{where}.content", response["content"], models, allow_text=True)
    return ResponseSpec(int(status), _one_line(response.get("description", "")), content_type, type_name)


def _load_operation(
    spec: Dict[str, Any], path: str, method: str, op: Any, tags: Sequence[str], models: Set[str]
) -> OperationSpec:
    where = f"paths.{path}.{method}"
    if isinstance(op, dict):
        for i, parameter in enumerate(op.get("parameters") or []):
            kind = parameter.get("in", "a $ref") if isinstance(parameter, dict) else "?"
            name = parameter.get("name", "") if isinstance(parameter, dict) else ""
            raise SpecError(
                f"{where}.parameters[{i}]",
                f"{kind} parameter {name!r} is not supported: generated methods send only a JSON body "
                "(Operation has no place for path, query, header or cookie parameters); remove it, or put "
                "the value in the request body",
            )
        if "security" in op:
            raise SpecError(
                f"{where}.security",
                "per-operation security is not supported: the runtime sends the API key the same way on "
                "every call; declare security once at the top level",
            )
    allowed = ("tags", "operationId", "summary", "description", "requestBody", "responses")
    op = _check_keys(where, op, allowed, "an operation")
    own = op.get("tags") or []
    if not own:
        raise SpecError(
            f"{where}.tags", f"an operation without a tag has no API class; add tags: [{tags[0]}]"
        )
    if len(own) > 1:
        raise SpecError(
            f"{where}.tags",
            f"tags {own!r}: an operation belongs to one API class; write one tag, such as tags: [{own[0]}]",
        )
    if own[0] not in tags:
        raise SpecError(
            f"{where}.tags",
            f"tag {own[0]!r} is not declared under tags (declared: {', '.join(map(repr, tags))}); "
            f"declare it, or write tags: [{tags[0]}]",
        )
    operation_id = str(op.get("operationId", ""))
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", operation_id):
        raise SpecError(
            f"{where}.operationId",
            f"{operation_id!r} is not a lower-case, dash-separated operationId (it names the Python method)",
        )
    body_type, body_description = None, ""
    if "requestBody" in op:
        body_type, body_description = _load_request_body(f"{where}.requestBody", op["requestBody"], models)
    declared = op.get("responses") or {}
    if not isinstance(declared, dict):
        raise SpecError(f"{where}.responses", "expected a mapping of status code to response")
    responses = [
        _load_response(spec, f"{where}.responses.{status}", status, response, models)
        for status, response in declared.items()
    ]
    responses.sort(key=lambda r: r.status)
    successes = [r for r in responses if r.status < 300]
    if len(successes) != 1:
        raise SpecError(
            f"{where}.responses",
            f"declare exactly one 2xx response (found {len(successes)}): its body is what the method returns",
        )
    return OperationSpec(
        operation_id=operation_id,
        method=method.upper(),
        path=path,
        summary=_one_line(op.get("summary", "")),
        description=_one_line(op.get("description", "")),
        body_type=body_type,
        body_param=snake_case(body_type) if body_type else None,
        body_description=body_description,
        responses=responses,
        tag=str(own[0]),
    )


def _load_operations(spec: Dict[str, Any], tags: Sequence[str], models: Set[str]) -> List[OperationSpec]:
    operations: List[OperationSpec] = []
    for path, item in (spec.get("paths") or {}).items():
        where = f"paths.{path}"
        if not str(path).startswith("/"):
            raise SpecError(where, "a path must start with /")
        if isinstance(item, dict) and "parameters" in item:
            raise SpecError(
                f"{where}.parameters[0]",
                "path-level parameters are not supported: generated methods send only a JSON body (Operation "
                "has no place for path, query, header or cookie parameters)",
            )
        item = _check_keys(where, item, HTTP_METHODS, "a path item (only operations are rendered)")
        for method, op in item.items():
            operations.append(_load_operation(spec, str(path), str(method), op, tags, models))
        template = re.search(r"\{[^}]*\}", str(path))
        if template:
            raise SpecError(
                where,
                f"the path template {template.group(0)} is not supported: Operation has no path parameters "
                "to fill it with; use a fixed path and put the value in the request body",
            )
    if not operations:
        raise SpecError("paths", "no operation to generate")
    names: Dict[str, str] = {}
    for op in operations:
        if op.python_name in names:
            raise SpecError(
                f"paths.{op.path}.{op.method.lower()}.operationId",
                f"{op.operation_id!r} makes the same method name as {names[op.python_name]!r}",
            )
        names[op.python_name] = op.operation_id
    operations.sort(key=lambda o: o.python_name)
    return operations


class _Examples:
    """Deterministic example payloads built from the schemas (and the spec's ``example`` values)."""

    def __init__(self, api: Api) -> None:
        self.models = {m.name: m for m in api.models}
        self.enums = {e.name: e for e in api.enums}

    def enum_value(self, name: str) -> str:
        members = self.enums[name].members
        known = [v for _, v in members if v != "UNKNOWN"]
        return known[0] if known else members[0][1]

    def value(self, schema: Dict[str, Any], wire: str, depth: int) -> Any:
        if "example" in schema:
            return schema["example"]
        ref = _ref_name(schema)
        if ref is not None:
            if ref in self.enums:
                return self.enum_value(ref)
            return self.payload(ref, depth + 1)
        if "anyOf" in schema:
            return 4096
        kind = schema.get("type")
        if kind == "string":
            if schema.get("format") == "date-time":
                return EXAMPLE_DATE_TIME
            return f"example {wire.replace('_', ' ')}"
        if kind == "integer":
            return 1
        if kind == "number":
            return 1.5
        if kind == "boolean":
            return True
        if kind == "array":
            return [self.value(schema["items"], wire, depth)]
        if kind == "object":
            return {"example": self.value(schema["additionalProperties"], wire, depth)}
        raise ValueError(schema)

    def payload(self, name: str, depth: int = 0) -> Dict[str, Any]:
        """Every field at the top level, required fields only below it (which also breaks cycles)."""
        out: Dict[str, Any] = {}
        for f in self.models[name].fields:
            if f.wire == "schema" and depth > 0:
                continue
            if f.required or depth == 0:
                out[f.wire] = self.value(f.schema, f.wire, depth)
        return out

    def python(self, name: str, payload: Dict[str, Any]) -> str:
        """A constructor expression for ``payload`` using the public names of the package."""
        model = self.models[name]
        args = []
        for f in model.fields:
            if f.wire in payload:
                args.append(f"{f.python}={self._py_value(f.schema, payload[f.wire])}")
        return f"pieces_os_client.{name}({', '.join(args)})"

    def _py_value(self, schema: Dict[str, Any], value: Any) -> str:
        ref = _ref_name(schema)
        if ref is not None and ref in self.enums:
            member = next(m for m, v in self.enums[ref].members if v == value)
            return f"pieces_os_client.{ref}.{member}"
        if ref is not None:
            return self.python(ref, value)
        if schema.get("type") == "array":
            return "[" + ", ".join(self._py_value(schema["items"], v) for v in value) + "]"
        if schema.get("format") == "date-time":
            return f"datetime.fromisoformat({value.replace('Z', '+00:00')!r})"
        return repr(value)


def _wrap(text: str, indent: int, hanging: Optional[int] = None, width: int = 110) -> str:
    """Wrap prose for a docstring indented by ``indent`` spaces (later lines by ``hanging``)."""
    later = " " * (indent if hanging is None else hanging)
    return textwrap.fill(str(text), width=width, initial_indent=" " * indent, subsequent_indent=later)


def _ruff_format(paths: Sequence[Path]) -> None:
    if not paths:
        return
    config = str(REPO / "pyproject.toml")
    subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--quiet", "--config", config, *map(str, paths)], check=True
    )


K = TypeVar("K", bound=Hashable)


def _ruff_format_texts(sources: Dict[K, str]) -> Dict[K, str]:
    """Each source formatted by ruff, in one run of it (a run per snippet costs a process each)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: Path(folder) / f"snippet_{n}.py" for n, name in enumerate(sources)}
        for name, path in paths.items():
            path.write_text(sources[name], encoding="utf-8")
        _ruff_format(list(paths.values()))
        return {name: path.read_text(encoding="utf-8") for name, path in paths.items()}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pystr"] = lambda s: json.dumps(str(s), ensure_ascii=False)
    env.filters["pystr_lines"] = _pystr_lines
    env.filters["md_cell"] = lambda s: str(s).replace("|", "\\|")
    env.filters["wrap"] = _wrap
    env.filters["lazy_refs"] = lambda annotation, field: _lazy_refs(annotation, field.refs)
    env.filters["exception_for"] = lambda status: exception_for_status(int(status)).__name__
    env.filters["article"] = _article  # the runtime's rule: docstrings say "an AllocationCloud" as errors do
    return env


def _pystr_lines(text: str, indent: int) -> str:
    """``text`` as adjacent string literals, one per line indented by ``indent``, within the line length."""
    words = textwrap.wrap(str(text), width=100 - indent, drop_whitespace=False)
    return "\n".join(" " * indent + json.dumps(chunk, ensure_ascii=False) for chunk in words)


def _lazy_refs(annotation: str, refs: Sequence[str]) -> str:
    """``annotation`` with every generated class it names read through the package (``_models.Name``)."""
    if not refs:
        return annotation
    names = "|".join(re.escape(r) for r in sorted(refs, key=len, reverse=True))
    return re.sub(rf"\b({names})\b", r"_models.\1", annotation)


def render(api: Api) -> Dict[str, str]:
    """Every generated file: path relative to the repository -> text (Python not yet formatted)."""
    env = _environment()
    examples = _Examples(api)
    files: Dict[str, str] = {}
    ctx: Dict[str, Any] = {"api": api, "header": HEADER}

    for model in api.models:
        refs = sorted({r for f in model.fields for r in f.refs})
        scalars = sorted({s for f in model.fields for s in f.scalars})
        typing_names = sorted(
            {"Optional" for f in model.fields if not f.required}
            | ({"TYPE_CHECKING"} if any(r != model.name for r in refs) else set())
            | {n for f in model.fields for n in ("List", "Dict", "Union") if f.annotation.startswith(n + "[")}
            | {"Union" for f in model.fields if "Union[" in f.annotation},
            key=lambda name: (not name.isupper(), name),  # TYPE_CHECKING first, as isort orders them
        )
        files[f"pieces_os_client/models/{model.module}.py"] = env.get_template("model.py.j2").render(
            ctx,
            model=model,
            refers=[r for r in refs if r != model.name],
            pydantic_names=[s for s in scalars if s.startswith("Strict")],
            base_names=sorted(
                ["PiecesModel", *(s for s in scalars if s == "UtcDateTime")]
                + (["referred_models"] if any(r != model.name for r in refs) else []),
                key=lambda name: (name[0].islower(), name),  # classes before functions, as isort orders them
            ),
            typing_names=typing_names,
        )
        example = json.dumps(examples.payload(model.name), indent=2, ensure_ascii=False)
        files[f"docs/models/{model.name}.md"] = env.get_template("model.md.j2").render(
            ctx, model=model, example=example
        )
    for enum in api.enums:
        files[f"pieces_os_client/models/{enum.module}.py"] = env.get_template("enum.py.j2").render(
            ctx, enum=enum
        )
        files[f"docs/models/{enum.name}.md"] = env.get_template("enum.md.j2").render(ctx, enum=enum)
    files["pieces_os_client/models/__init__.py"] = env.get_template("models_init.py.j2").render(ctx)
    files["docs/models/README.md"] = env.get_template("models_index.md.j2").render(
        ctx, enum_names={e.name for e in api.enums}
    )

    for one in api.apis:
        files.update(_render_api(env, examples, {"api": one, "header": HEADER}))
    api_names = sorted(name for one in api.apis for name in (one.api_class, f"Async{one.api_class}"))
    files["pieces_os_client/api/__init__.py"] = env.get_template("api_init.py.j2").render(
        ctx, api_names=api_names
    )
    return files


def _render_api(env: jinja2.Environment, examples: _Examples, ctx: Dict[str, Any]) -> Dict[str, str]:
    """The module of one API class and its two reference pages."""
    api: Api = ctx["api"]
    files: Dict[str, str] = {}
    response_models = sorted(
        {r.type_name for o in api.operations for r in o.responses if r.type_name not in (None, "str")}
        | {o.body_type for o in api.operations if o.body_type}
    )
    # The class docstring's example calls the first operation that takes no body.
    example_op = next((o for o in api.operations if not o.body_type), api.operations[0])
    example_result = snake_case(example_op.return_type) if example_op.return_type in api.modules else "result"
    files[f"pieces_os_client/api/{api.api_module}.py"] = env.get_template("api.py.j2").render(
        ctx,
        imports=[(api.modules[n], n) for n in response_models],
        example_op=example_op,
        example_result=example_result,
    )

    # Each operation's example, sync and asyncio (the asyncio twin page has the same operation table),
    # keyed ("sync" | "async", method) and formatted in one run of ruff.
    codes: Dict[Tuple[str, str], str] = {}
    for op in api.operations:
        body = None
        if op.body_type:
            body = examples.python(op.body_type, examples.payload(op.body_type, depth=1))
        codes["sync", op.python_name] = env.get_template("api_example.py.j2").render(ctx, op=op, body=body)
        async_body = None if body is None else textwrap.indent(body, " " * 4).lstrip()
        codes["async", op.python_name] = env.get_template("api_async_example.py.j2").render(
            ctx, op=op, body=async_body
        )
    formatted = _ruff_format_texts(codes)
    snippets, async_snippets = (
        {name: text.rstrip("\n") for (form, name), text in formatted.items() if form == kind}
        for kind in ("sync", "async")
    )
    files[f"docs/{api.api_class}.md"] = env.get_template("api.md.j2").render(ctx, snippets=snippets)
    files[f"docs/Async{api.api_class}.md"] = env.get_template("api_async.md.j2").render(
        ctx, snippets=async_snippets
    )
    return files


def generate(out: Path = REPO, spec_path: Path = SPEC_PATH) -> List[Path]:
    """Write every generated file under ``out``; returns the paths written."""
    api = load_api(spec_path)
    files = render(api)
    written: List[Path] = []
    for rel, text in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    _ruff_format([p for p in written if p.suffix == ".py"])
    _remove_stale(out, set(written))
    return written


def _remove_stale(out: Path, written: Set[Path]) -> None:
    """Delete generated files that the spec no longer produces (a schema was removed or renamed)."""
    for directory in GENERATED_DIRS:
        for path in sorted((out / directory).glob("*")):
            if path.is_file() and path not in written and HEADER in _first_line(path):
                path.unlink()


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as f:
        return f.readline()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO, help="root to write into (default: the repository)")
    parser.add_argument(
        "--spec", type=Path, default=SPEC_PATH, help="the spec to read (default: openapi.yaml)"
    )
    args = parser.parse_args(argv)
    try:
        written = generate(args.out, args.spec)
    except SpecError as e:
        print(f"{args.spec}: {e}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
