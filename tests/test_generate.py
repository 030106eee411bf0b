"""The generated files are exactly what ``make generate`` writes from ``openapi.yaml``, and the naming
rules of the generator hold."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pieces_os_client._model import PiecesModel  # noqa: E402
from tools.generate import (  # noqa: E402
    GENERATED_DIRS,
    HEADER,
    RESERVED_ATTRIBUTES,
    enum_member_name,
    generate,
    python_attribute,
    snake_case,
)


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
