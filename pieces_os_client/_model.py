"""Building blocks shared by every generated model.

`PiecesModel` is the base of every schema in ``openapi.yaml``. It is lossless: unknown JSON fields are
kept (``model_extra``), fields absent from a payload stay absent when it is written back, explicit nulls
stay null, and date-times come back as the same instant in RFC 3339 UTC. `OpenEnum` is the base of every
enumeration: values a newer Pieces OS may send are kept as they are instead of being rejected or replaced.
"""

from __future__ import annotations

import importlib
from contextvars import ContextVar
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Dict, List, Optional, Set, Type, TypeVar, Union

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema
from typing_extensions import Annotated

_M = TypeVar("_M", bound="PiecesModel")
_E = TypeVar("_E", bound="OpenEnum")


class OpenEnum(str, Enum):
    """A string enumeration that accepts values it does not know.

    Known wire values are the class's members (``AllocationStatusEnum.RUNNING``). A value this version
    of the SDK has never heard of still parses: it becomes an instance of the same class whose
    ``value`` is exactly the string received, and it is written back unchanged. Every value compares
    equal to its wire string. Tell the two apart with `is_known`::

        status = AllocationStatusEnum("HIBERNATING")
        status == "HIBERNATING"   # True
        status.is_known           # False
        AllocationStatusEnum.RUNNING.is_known  # True
    """

    @classmethod
    def _missing_(cls: Type[_E], value: object) -> Optional[_E]:
        if not isinstance(value, str):
            return None
        # A pseudo-member, deliberately not cached on the class: hostile input must not grow it.
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """True when this value is one of the members declared in ``openapi.yaml``."""
        return type(self)._value2member_map_.get(self._value_) is self

    def __str__(self) -> str:
        return str(self._value_)


def _require_aware_utc(value: datetime) -> datetime:
    # Runs once per date-time while decoding, so it keeps to the cheap path: a value already at UTC
    # (every one Pieces OS sends ends in "Z") is returned as it is; only other offsets are converted.
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(
            "date-time needs a time zone (RFC 3339); use e.g. datetime.now(timezone.utc) "
            "or a string ending in 'Z'"
        )
    return value.astimezone(timezone.utc) if offset else value


def format_rfc3339(value: datetime) -> str:
    """Write ``value`` as RFC 3339 in UTC with a ``Z``, the shape Pieces OS sends.

    Whole milliseconds get three fractional digits (``.000Z``), anything finer gets six, so the
    timestamps Pieces OS sends come back byte for byte.
    """
    v = value.astimezone(timezone.utc) if value.tzinfo is not None else value
    micro = v.microsecond
    frac = f"{micro // 1000:03d}" if micro % 1000 == 0 else f"{micro:06d}"
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{frac}Z"


class _UtcDateTimeSchema:
    """The schema of `UtcDateTime`: `_require_aware_utc` after pydantic's date-time, `format_rfc3339` in JSON.

    The same schema ``AfterValidator(...)`` and ``PlainSerializer(..., return_type=str, when_used="json")``
    would build, written with pydantic-core directly: pydantic.functional_serializers costs 3-4 ms of CPU
    at import time, and every model module that has a date-time imports this one.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            _require_aware_utc,
            handler(source),
            serialization=core_schema.plain_serializer_function_ser_schema(
                format_rfc3339, return_schema=core_schema.str_schema(), when_used="json"
            ),
        )


UtcDateTime = Annotated[datetime, _UtcDateTimeSchema]
"""An aware date-time, normalised to UTC, written as RFC 3339 with ``Z``."""


# Python attribute names that differ from their wire name (``var_schema``, ``api_keys``, ...), across
# every model; filled as model classes are created.
_RENAMED_ATTRIBUTES: Set[str] = set()

# Set while validating when an unknown key equals one of those names (see `_ExtraKeySchema`).
_renamed_key_seen: ContextVar[bool] = ContextVar("pieces_os_client_renamed_key_seen", default=False)


def _check_extra_key(key: str) -> str:
    if key in _RENAMED_ATTRIBUTES:
        _renamed_key_seen.set(True)
    return key


class _ExtraKeySchema:
    """Validates the keys of unknown fields: notes an unknown key spelled like a renamed attribute.

    Pydantic counts every unknown key in ``model_fields_set``. An unknown key ``var_schema`` therefore
    marks the field ``var_schema`` (wire name ``schema``) as set although the payload never had
    ``schema``, and writing back would add ``"schema": null``. This check runs only for unknown keys
    (none in a payload the SDK knows completely) and only raises a flag; the ``model_validate*``
    methods then correct ``model_fields_set`` (`_unmark_renamed_keys`), on that rare path only.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(_check_extra_key, core_schema.str_schema())


def _unmark_renamed_keys(model: PiecesModel, raw: Any) -> None:
    """Unmark fields counted as set only because an unknown key has their Python name, at every depth.

    ``raw`` is the payload ``model`` was validated from (dicts and lists, by wire name).
    """
    if not isinstance(raw, dict):
        return
    fields = type(model).model_fields
    extra = model.__pydantic_extra__
    if extra:
        for name in extra.keys() & _RENAMED_ATTRIBUTES:
            info = fields.get(name)
            if info is not None and info.alias not in raw:
                model.__pydantic_fields_set__.discard(name)
    for name, info in fields.items():
        key = info.alias or name
        if key not in raw:
            continue
        value = getattr(model, name)
        if isinstance(value, PiecesModel):
            _unmark_renamed_keys(value, raw[key])
        elif isinstance(value, list) and isinstance(raw[key], list):
            for item, raw_item in zip(value, raw[key]):
                if isinstance(item, PiecesModel):
                    _unmark_renamed_keys(item, raw_item)


# Modules whose model references (and those of every model they reach) are bound; see _bind_references.
_bound_modules: Set[str] = set()


def _bind_references(module_name: str) -> None:
    """Import the models that the annotations of ``module_name`` refer to, transitively, and bind them.

    A generated model module imports the models its annotations name only for type checkers and lists
    them in ``_MODEL_REFERENCES`` (class name -> module). Pydantic resolves annotations in the module's
    namespace when it first builds a model, so this puts the names there just before: importing a model
    stays cheap, and models that refer to each other in a cycle import in any order. Idempotent and safe
    to run from several threads at once (it only ever binds a name to the same class).
    """
    if module_name in _bound_modules:
        return
    pending: List[str] = [module_name]
    seen: Set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen or name in _bound_modules:
            continue
        seen.add(name)
        module = importlib.import_module(name)
        references: Dict[str, str] = getattr(module, "_MODEL_REFERENCES", {})
        namespace = vars(module)
        for class_name, target in references.items():
            if class_name not in namespace:
                namespace[class_name] = getattr(importlib.import_module(target), class_name)
            pending.append(target)
    _bound_modules.update(seen)


class PiecesModel(BaseModel):
    """Base of every generated model: lossless JSON in and out, by wire name.

    Construct by Python attribute (``var_schema=...``) or by wire name (``schema=...``). Parsing JSON
    accepts wire names only, so an unknown key that happens to look like a Python attribute is kept as
    an unknown field rather than silently renamed.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        validate_assignment=True,
        defer_build=True,
        protected_namespaces=(),
    )

    __pydantic_extra__: Dict[Annotated[str, _ExtraKeySchema], Any]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _RENAMED_ATTRIBUTES.update(
            name for name, info in cls.model_fields.items() if info.alias is not None and info.alias != name
        )

    @classmethod
    def model_validate(cls: Type[_M], obj: Any, **kwargs: Any) -> _M:
        """`pydantic.BaseModel.model_validate`, keeping ``model_fields_set`` exact (see `_ExtraKeySchema`)."""
        token = _renamed_key_seen.set(False)
        try:
            model = super().model_validate(obj, **kwargs)
            if _renamed_key_seen.get():
                _unmark_renamed_keys(model, obj)
        finally:
            _renamed_key_seen.reset(token)
        return model

    @classmethod
    def model_validate_json(cls: Type[_M], json_data: Union[str, bytes, bytearray], **kwargs: Any) -> _M:
        """`pydantic.BaseModel.model_validate_json` (one pass in pydantic-core), keeping
        ``model_fields_set`` exact (see `_ExtraKeySchema`)."""
        token = _renamed_key_seen.set(False)
        try:
            model = super().model_validate_json(json_data, **kwargs)
            if _renamed_key_seen.get():
                import json  # here, not at the top: only this rare path needs it

                _unmark_renamed_keys(model, json.loads(json_data))
        finally:
            _renamed_key_seen.reset(token)
        return model

    @classmethod
    def model_rebuild(
        cls,
        *,
        force: bool = False,
        raise_errors: bool = True,
        _parent_namespace_depth: int = 2,
        _types_namespace: Any = None,
    ) -> Optional[bool]:
        """Bind the models this one refers to (see `_bind_references`), then let pydantic build it."""
        if force or not cls.__pydantic_complete__:
            _bind_references(cls.__module__)
        return super().model_rebuild(
            force=force,
            raise_errors=raise_errors,
            _parent_namespace_depth=_parent_namespace_depth + 1,
            _types_namespace=_types_namespace,
        )

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Type[BaseModel], handler: GetCoreSchemaHandler, /
    ) -> CoreSchema:
        # Reached when this model is built as part of something else (a TypeAdapter, a user's own model)
        # rather than through model_rebuild: bind the referenced models first, then build as usual.
        _bind_references(cls.__module__)
        return handler(source)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON-ready dict of this model by wire name: only fields that were set, extras kept."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def to_json(self) -> str:
        """The JSON text of this model by wire name: only fields that were set, extras kept."""
        return self.model_dump_json(by_alias=True, exclude_unset=True)

    def to_str(self) -> str:
        """A readable, pretty-printed form of `to_dict`."""
        import pprint  # here, not at the top: only to_str needs it, and imports stay cheap

        return pprint.pformat(self.to_dict(), sort_dicts=False)

    @classmethod
    def from_dict(cls: Type[_M], obj: Union[Dict[str, Any], _M, None]) -> Optional[_M]:
        """Build from a dict keyed by wire names (as `to_dict` writes); ``None`` gives ``None``."""
        if obj is None:
            return None
        if isinstance(obj, cls):
            return obj
        return cls.model_validate(obj, by_alias=True, by_name=False)

    @classmethod
    def from_json(cls: Type[_M], json_str: Union[str, bytes, bytearray]) -> _M:
        """Decode JSON text straight into the model (pydantic-core, one pass)."""
        return cls.model_validate_json(json_str, by_alias=True, by_name=False)
