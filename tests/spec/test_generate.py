"""The generated files are exactly what ``make generate`` writes from ``openapi.yaml``, and the naming
rules of the generator hold."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Dict

import pytest
import yaml

from pieces_os_client._model import PiecesModel
from pieces_os_client.exceptions import exception_for_status
from tools.generate import (
    GENERATED_DIRS,
    HEADER,
    RESERVED_ATTRIBUTES,
    Api,
    SpecError,
    enum_member_name,
    generate,
    load_api,
    main,
    python_attribute,
    read_spec,
    render,
    snake_case,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out)
    return out


def _files(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def test_committed_files_match_the_generator(regenerated: Path) -> None:
    written = _files(regenerated)
    assert written, "the generator wrote nothing"
    drift = [rel for rel in written if (ROOT / rel).read_bytes() != (regenerated / rel).read_bytes()]
    assert drift == [], f"out of date, run `make generate`: {drift}"


def test_no_stale_generated_files(regenerated: Path) -> None:
    written = set(_files(regenerated))
    for directory in GENERATED_DIRS:
        committed = {f"{directory}/{rel}" for rel in _files(ROOT / directory)}
        assert committed - written == set(), "left over from an older openapi.yaml"


def test_every_generated_file_starts_with_the_header(regenerated: Path) -> None:
    for rel in _files(regenerated):
        first = (regenerated / rel).read_text(encoding="utf-8").splitlines()[0]
        assert HEADER in first, rel
        assert "openapi.yaml" in first and "make generate" in first


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("schema", "var_schema"),
        ("from", "var_from"),
        ("apiKeys", "api_keys"),
        ("open_AI", "open_ai"),
        ("isSocial", "is_social"),
        ("sendInternalSummaryReportsToUserTeamService", "send_internal_summary_reports_to_user_team_service"),
        ("bigQuery", "big_query"),
        ("json", "var_json"),
        ("model_name", "var_model_name"),
        ("user_id", "user_id"),
    ],
)
def test_python_attribute_rule(wire: str, python: str) -> None:
    assert python_attribute(wire) == python


def test_reserved_names_cover_the_model_class() -> None:
    public = {n for n in dir(PiecesModel) if not n.startswith("_") and not n.startswith("model_")}
    assert public <= RESERVED_ATTRIBUTES


def test_python_attribute_override() -> None:
    assert python_attribute("schema", "schema_version") == "schema_version"


@pytest.mark.parametrize(
    ("value", "member"),
    [
        ("GPT_3.5", "GPT_3_DOT_5"),
        ("COMMAND_R+", "COMMAND_R_PLUS"),
        ("google-oauth2", "GOOGLE_MINUS_OAUTH2"),
        ("github", "GITHUB"),
        ("MIXTRAL_8_x_7B", "MIXTRAL_8_X_7B"),
        ("3D", "V_3D"),
        ("a b", "A_B"),
    ],
)
def test_enum_member_rule(value: str, member: str) -> None:
    assert enum_member_name(value) == member


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("Auth0OpenAIUserMetadata", "auth0_open_ai_user_metadata"),
        ("ExternalMLProviderEnum", "external_ml_provider_enum"),
        ("BigQueryInstanceConfiguration", "big_query_instance_configuration"),
    ],
)
def test_module_rule(name: str, module: str) -> None:
    assert snake_case(name) == module


# --- operations: what the generator cannot render, it refuses by name -----------------------------------

YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@pytest.fixture(scope="module")
def base_spec() -> Dict[str, Any]:
    return read_spec()


def _load(tmp_path: Path, spec: Dict[str, Any]) -> Api:
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.dump(spec, Dumper=YAML_DUMPER, sort_keys=False), encoding="utf-8")
    return load_api(path)


def _refused(tmp_path: Path, spec: Dict[str, Any], where: str, *words: str) -> str:
    with pytest.raises(SpecError) as info:
        _load(tmp_path, spec)
    message = str(info.value)
    assert info.value.where == where, message
    assert message.startswith(where + ": "), message
    for word in words:
        assert word in message, message
    return message


def _by_id(spec: Dict[str, Any], path: str, method: str) -> Dict[str, Any]:
    op: Dict[str, Any] = spec["paths"][path][method]
    return op


GET_BY_ID = {
    "tags": ["Allocations"],
    "operationId": "allocations-get",
    "summary": "One allocation",
    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
    "responses": {
        "200": {
            "description": "The allocation.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AllocationCloud"}}},
        }
    },
}


def test_the_committed_spec_loads(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    api = _load(tmp_path, copy.deepcopy(base_spec))
    assert (api.api_class, api.api_module, api.security_header) == (
        "AllocationsApi",
        "allocations_api",
        "X-Application-ID",
    )
    assert not api.key_required


def test_a_path_parameter_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["paths"]["/allocations/{id}"] = {"get": copy.deepcopy(GET_BY_ID)}
    _refused(
        tmp_path, spec, "paths./allocations/{id}.get.parameters[0]", "path parameter 'id'", "not supported"
    )


@pytest.mark.parametrize("location", ["query", "header", "cookie"])
def test_query_header_and_cookie_parameters_are_refused(
    tmp_path: Path, base_spec: Dict[str, Any], location: str
) -> None:
    spec = copy.deepcopy(base_spec)
    op = _by_id(spec, "/allocations", "get")
    op["parameters"] = [{"name": "limit", "in": location, "schema": {"type": "integer"}}]
    _refused(tmp_path, spec, "paths./allocations.get.parameters[0]", f"{location} parameter 'limit'")


def test_path_level_parameters_are_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["paths"]["/allocations"]["parameters"] = [
        {"name": "limit", "in": "query", "schema": {"type": "integer"}}
    ]
    _refused(tmp_path, spec, "paths./allocations.parameters[0]", "not supported")


def test_a_path_template_without_parameters_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    op = copy.deepcopy(GET_BY_ID)
    del op["parameters"]
    spec["paths"]["/allocations/{id}"] = {"get": op}
    _refused(tmp_path, spec, "paths./allocations/{id}", "{id}", "not supported")


def test_a_required_request_body_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations/connect", "post")["requestBody"]["required"] = True
    _refused(tmp_path, spec, "paths./allocations/connect.post.requestBody.required", "required: false")


def test_an_absent_required_flag_means_optional(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    del _by_id(spec, "/allocations/connect", "post")["requestBody"]["required"]
    api = _load(tmp_path, spec)
    assert next(o for o in api.operations if o.path == "/allocations/connect").body_type == "UserProfile"


def test_a_second_request_media_type_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    content = _by_id(spec, "/allocations/connect", "post")["requestBody"]["content"]
    content["application/x-www-form-urlencoded"] = content["application/json"]
    _refused(
        tmp_path,
        spec,
        "paths./allocations/connect.post.requestBody.content.application/x-www-form-urlencoded",
        "second media type",
    )


def test_a_second_response_media_type_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    content = _by_id(spec, "/allocations", "get")["responses"]["200"]["content"]
    content["text/plain"] = {"schema": {"type": "string"}}
    _refused(tmp_path, spec, "paths./allocations.get.responses.200.content.text/plain", "second media type")


def test_a_second_media_type_in_a_shared_response_is_refused(
    tmp_path: Path, base_spec: Dict[str, Any]
) -> None:
    spec = copy.deepcopy(base_spec)
    spec["components"]["responses"]["NotFound"]["content"]["application/json"] = {
        "schema": {"$ref": "#/components/schemas/AllocationCloud"}
    }
    _refused(tmp_path, spec, "components.responses.NotFound.content.application/json", "second media type")


def test_an_unsupported_media_type_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    content = _by_id(spec, "/allocations/connect", "post")["requestBody"]["content"]
    content["application/xml"] = content.pop("application/json")
    _refused(
        tmp_path,
        spec,
        "paths./allocations/connect.post.requestBody.content.application/xml",
        "application/json",
    )


def test_an_inline_json_response_schema_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    # It used to become a `str` return type.
    spec = copy.deepcopy(base_spec)
    content = _by_id(spec, "/allocations", "get")["responses"]["200"]["content"]
    content["application/json"]["schema"] = {"type": "array", "items": {"type": "string"}}
    _refused(tmp_path, spec, "paths./allocations.get.responses.200.content.application/json.schema", "$ref")


def test_a_tag_without_operations_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["tags"].append({"name": "Users"})
    _refused(tmp_path, spec, f"tags[{len(spec['tags']) - 1}]", "'Users'", "no operation has the tag")


def test_a_tag_declared_twice_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["tags"].append({"name": "Allocations"})
    _refused(tmp_path, spec, f"tags[{len(spec['tags']) - 1}].name", "'Allocations'", "declared twice")


def test_each_tag_makes_an_api_class_of_its_own(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["tags"].append({"name": "Users", "description": "The signed-in user."})
    spec["paths"]["/user"] = {
        "get": {**copy.deepcopy(_by_id(spec, "/allocations", "get")), "tags": ["Users"]}
    }
    spec["paths"]["/user"]["get"]["operationId"] = "user-snapshot"
    api = _load(tmp_path, spec)
    assert [(a.api_class, a.api_module) for a in api.apis][-1] == ("UsersApi", "users_api")
    assert [op.python_name for op in api.apis[-1].operations] == ["user_snapshot"]
    assert "user_snapshot" not in [op.python_name for op in api.operations]
    files = render(api)
    module = files["pieces_os_client/api/users_api.py"]
    assert "class UsersApi:" in module and "class AsyncUsersApi:" in module
    assert "allocations_snapshot" not in module
    assert files["docs/UsersApi.md"].startswith(f"<!-- {HEADER} -->\n# UsersApi\n")
    assert "docs/AsyncUsersApi.md" in files
    init = files["pieces_os_client/api/__init__.py"]
    assert '"UsersApi": "pieces_os_client.api.users_api",' in init and '"users_api"' in init
    assert "AllocationsApi" in init


NOT_PROVIDED = {
    "operationId": "get-user-stream",
    "method": "GET",
    "path": "/user/stream",
    "summary": "Stream the user",
    "reason": "It is a websocket stream.",
}


def test_an_operation_not_provided_raises_in_all_its_forms(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["tags"][0]["x-not-provided"] = [NOT_PROVIDED]
    files = render(_load(tmp_path, spec))
    module = files["pieces_os_client/api/allocations_api.py"]
    for variant in ("", "_with_http_info", "_without_preload_content"):
        assert f"    def get_user_stream{variant}(" in module
        assert f"    async def get_user_stream{variant}(" in module
    assert module.count("raise OperationNotProvidedError(_GET_USER_STREAM_NOT_PROVIDED)") == 6
    assert "AllocationsApi.get_user_stream (GET /user/stream) is not provided by" in module
    page = files["docs/AllocationsApi.md"]
    assert "**get_user_stream** | **GET** /user/stream | It is a websocket stream." in page


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        ({"reason": ""}, "tags[0].x-not-provided[0].reason", "needs operationId"),
        ({"operationId": "Get_User"}, "tags[0].x-not-provided[0].operationId", "dash-separated"),
        ({"operationId": "allocations-snapshot"}, "tags[0].x-not-provided[0]", "also an operation"),
        ({"extra": 1}, "tags[0].x-not-provided[0].extra", "not supported"),
    ],
)
def test_a_bad_operation_not_provided_is_refused(
    tmp_path: Path, base_spec: Dict[str, Any], change: Dict[str, Any], where: str, words: str
) -> None:
    spec = copy.deepcopy(base_spec)
    spec["tags"][0]["x-not-provided"] = [{**NOT_PROVIDED, **change}]
    _refused(tmp_path, spec, where, words)


def test_a_tag_without_a_name_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    del spec["tags"][0]["name"]
    _refused(tmp_path, spec, "tags[0].name", "needs a name")


def test_an_operation_with_two_tags_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")["tags"] = ["Allocations", "Users"]
    _refused(tmp_path, spec, "paths./allocations.get.tags", "'Users'", "tags: [Allocations]")


def test_an_operation_with_an_undeclared_tag_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")["tags"] = ["Users"]
    _refused(tmp_path, spec, "paths./allocations.get.tags", "'Users'")


def test_an_operation_without_a_tag_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    del _by_id(spec, "/allocations", "get")["tags"]
    _refused(tmp_path, spec, "paths./allocations.get.tags", "without a tag", "tags: [Allocations]")


def test_an_unknown_security_scheme_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["security"].append({"bearer": []})
    _refused(tmp_path, spec, "security[2].bearer", "unknown security scheme 'bearer'")


def test_a_second_security_scheme_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["components"]["securitySchemes"]["bearer"] = {"type": "http", "scheme": "bearer"}
    _refused(tmp_path, spec, "components.securitySchemes.bearer.scheme", "`scheme`")
    del spec["components"]["securitySchemes"]["bearer"]["scheme"]
    _refused(
        tmp_path, spec, "components.securitySchemes.bearer", "unsupported security scheme", "X-Application-ID"
    )


def test_an_api_key_in_another_header_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["components"]["securitySchemes"]["application"]["name"] = "X-Api-Key"
    _refused(tmp_path, spec, "components.securitySchemes.application", "'X-Api-Key'", "X-Application-ID")


def test_per_operation_security_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")["security"] = [{"application": []}]
    _refused(tmp_path, spec, "paths./allocations.get.security", "top level")


@pytest.mark.parametrize(
    ("key", "value"), [("deprecated", True), ("servers", [{"url": "http://x"}]), ("callbacks", {})]
)
def test_other_operation_fields_are_refused(
    tmp_path: Path, base_spec: Dict[str, Any], key: str, value: Any
) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")[key] = value
    _refused(tmp_path, spec, f"paths./allocations.get.{key}", f"`{key}`", "silently dropped")


def test_response_headers_are_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")["responses"]["200"]["headers"] = {
        "X-Rate": {"schema": {"type": "integer"}}
    }
    _refused(tmp_path, spec, "paths./allocations.get.responses.200.headers", "`headers`")


@pytest.mark.parametrize("status", ["default", "4XX", "101"])
def test_ranges_and_default_responses_are_refused(
    tmp_path: Path, base_spec: Dict[str, Any], status: str
) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")["responses"][status] = {"description": "Anything else."}
    _refused(tmp_path, spec, f"paths./allocations.get.responses.{status}", "each status code")


def test_a_second_success_response_is_refused(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations", "get")["responses"]["201"] = {"description": "Created."}
    _refused(tmp_path, spec, "paths./allocations.get.responses", "exactly one 2xx response (found 2)")


def test_operation_ids_that_make_the_same_method_are_refused(
    tmp_path: Path, base_spec: Dict[str, Any]
) -> None:
    spec = copy.deepcopy(base_spec)
    spec["paths"]["/allocations/list"] = {"get": copy.deepcopy(_by_id(spec, "/allocations", "get"))}
    _refused(tmp_path, spec, "paths./allocations/list.get.operationId", "'allocations-snapshot'")


def test_main_reports_a_refusal_without_a_traceback(
    tmp_path: Path, base_spec: Dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    spec = copy.deepcopy(base_spec)
    spec["paths"]["/allocations/{id}"] = {"get": copy.deepcopy(GET_BY_ID)}
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.dump(spec, Dumper=YAML_DUMPER, sort_keys=False), encoding="utf-8")
    assert main(["--spec", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "paths./allocations/{id}.get.parameters[0]: path parameter 'id' is not supported" in err
    assert not (tmp_path / "out").exists()


# --- operations: what it renders comes from the spec ------------------------------------------------------


def test_the_api_class_and_module_come_from_the_tag(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["tags"][0]["name"] = "cloud-allocations"
    for item in spec["paths"].values():
        for op in item.values():
            if op["tags"] == ["Allocations"]:
                op["tags"] = ["cloud-allocations"]
    files = render(_load(tmp_path, spec))
    assert "pieces_os_client/api/allocations_api.py" not in files
    module = files["pieces_os_client/api/cloud_allocations_api.py"]
    assert "class CloudAllocationsApi:" in module
    assert "AllocationsApi" not in module.replace("CloudAllocationsApi", "")
    init = files["pieces_os_client/api/__init__.py"]
    assert '"CloudAllocationsApi": "pieces_os_client.api.cloud_allocations_api",' in init
    assert '"AsyncCloudAllocationsApi": "pieces_os_client.api.cloud_allocations_api",' in init
    assert "class AsyncCloudAllocationsApi:" in module
    page = files["docs/CloudAllocationsApi.md"]
    assert page.startswith(f"<!-- {HEADER} -->\n# CloudAllocationsApi\n")
    assert "[Back to top](#cloudallocationsapi)" in page
    assert "AllocationsApi" not in page.replace("CloudAllocationsApi", "")


def test_docs_raise_what_exception_for_status_raises(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    responses = _by_id(spec, "/allocations", "get")["responses"]
    for status in ("404", "409", "418", "501", "503", "504"):
        responses[status] = {"description": f"Status {status}."}
    files = render(_load(tmp_path, spec))
    page = files["docs/AllocationsApi.md"]
    snapshot = page.split("## allocations_snapshot", 1)[1]
    for status in (404, 409, 418, 500, 501, 503, 504):
        expected = exception_for_status(status).__name__
        assert f"| **{status}** |" in snapshot
        row = next(line for line in snapshot.splitlines() if line.startswith(f"| **{status}** |"))
        assert row.endswith(f"| `{expected}` |"), row
    module = files["pieces_os_client/api/allocations_api.py"]
    assert "ServiceException: Status 501." in module


def test_a_request_body_description_is_rendered(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    _by_id(spec, "/allocations/connect", "post")["requestBody"]["description"] = "The signed-in user."
    page = render(_load(tmp_path, spec))["docs/AllocationsApi.md"]
    assert "| The signed-in user. The request body, sent as JSON by wire name. |" in page


def test_a_required_api_key_is_documented(tmp_path: Path, base_spec: Dict[str, Any]) -> None:
    spec = copy.deepcopy(base_spec)
    spec["security"] = [{"application": []}]
    page = render(_load(tmp_path, spec))["docs/AllocationsApi.md"]
    assert "No authorization required" not in page
    assert "Every call needs the `application` API key" in page
