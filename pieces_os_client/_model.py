"""Building blocks shared by every generated model.

`PiecesModel` is the base of every schema in ``openapi.yaml``. It is lossless: unknown JSON fields are
kept (``model_extra``), fields absent from a payload stay absent when it is written back, explicit nulls
stay null, and date-times come back as the same instant in RFC 3339 UTC. `OpenEnum` is the base of every
enumeration: values a newer Pieces OS may send are kept as they are instead of being rejected or replaced.
"""

from __future__ import annotations

import sys
from contextvars import ContextVar
from datetime import datetime, timezone, tzinfo
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    FrozenSet,
    Optional,
    Set,
    Type,
    TypeVar,
    Union,
    overload,
)

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import CoreSchema, TzInfo, core_schema
from typing_extensions import Annotated, Self

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

    @classmethod
    def from_json(cls: Type[_E], json_str: Union[str, bytes, bytearray]) -> _E:
        """The value of a JSON string: ``AllocationStatusEnum.from_json('"RUNNING"')``.

        Text that is not JSON raises `json.JSONDecodeError`; JSON that is not a string raises ``ValueError``.
        """
        return cls(_json_loads(json_str))

    @property
    def is_known(self) -> bool:
        """True when this value is one of the members declared in ``openapi.yaml``."""
        return type(self)._value2member_map_.get(self._value_) is self

    def __str__(self) -> str:
        # As the official SDK's enums (``str, Enum``) on every Python: ``AllocationStatusEnum.RUNNING``. A
        # value this version does not know has no member name: the value as received stands in for it.
        # Code that wants the wire string reads ``.value``.
        return f"{type(self).__name__}.{self._name_}"

    if sys.version_info >= (3, 11):

        def __format__(self, format_spec: str) -> str:
            # Python 3.11 made format() and f-strings of a ``str, Enum`` member what str() gives.
            return str.__format__(str(self), format_spec)

    else:

        def __format__(self, format_spec: str) -> str:
            # Python 3.10 formats a ``str, Enum`` member as its value, and so do the official enums there.
            return str.__format__(self._value_, format_spec)

    def __repr__(self) -> str:
        if self.is_known:
            return Enum.__repr__(self)
        # Not ``<Cls.NAME: ...>``: there is no attribute of that name on the class.
        return f"<{type(self).__name__} {self._value_!r} (not a member)>"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # Known values are looked up in pydantic-core; Python (`_missing_`, through the class) runs only
        # for a value this version does not know. Serialized as the string it is (a ``str`` subclass), in
        # pydantic-core: the string's own characters in JSON (``__str__`` is not called), the member itself
        # in Python mode (``to_dict``). The default enum serializer reads ``.value`` through Python.
        return core_schema.union_schema(
            [
                core_schema.enum_schema(cls, list(cls.__members__.values()), sub_type="str"),
                core_schema.no_info_after_validator_function(cls, core_schema.str_schema()),
            ],
            mode="left_to_right",
            serialization=core_schema.simple_ser_schema("str"),
        )


def _to_utc(value: datetime) -> datetime:
    # Only date-times that are naive or not at UTC get here (see `_UtcDateTimeSchema`).
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(
            "date-time needs a time zone (RFC 3339); use e.g. datetime.now(timezone.utc) "
            "or a string ending in 'Z'"
        )
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"date-time {value.isoformat()} is out of range once moved to UTC") from None


def referred_models(module: str, names: FrozenSet[str]) -> Callable[[str], Any]:
    """The PEP 562 ``__getattr__`` of a generated model module: the models it refers to, by name.

    A generated module does not import the models it refers to (see docs/design.md), yet
    ``from pieces_os_client.models.user_profile import Aesthetics`` works, as it does in a module that
    imports them: such a name is loaded from `pieces_os_client.models` when it is looked up.
    """

    def __getattr__(name: str) -> Any:
        if name in names:
            from pieces_os_client import models

            return getattr(models, name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__


# Time zone classes whose offset is the same for every date-time: one of them seen at offset 0 is UTC for
# good. (Not ZoneInfo: Europe/London is at offset 0 only in winter.)
_FIXED_OFFSET_ZONES = (timezone, TzInfo)
# The UTC time zone object date-times arrive with (pydantic-core's, once one has been written).
_utc_zone: tzinfo = timezone.utc
_MICROSECONDS = "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ"
_MILLISECONDS = "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ"


def format_rfc3339(value: datetime) -> str:
    """Write ``value`` as RFC 3339 in UTC with a ``Z``, the shape Pieces OS sends.

    Whole milliseconds get three fractional digits (``.000Z``), anything finer gets six, so the
    timestamps Pieces OS sends come back byte for byte. Runs once per date-time written, so a value in
    the UTC zone decoded values carry is written with one ``%`` format and no offset look-up; a value at
    another offset is moved to UTC first, and a naive one (only through ``model_construct``) is written
    as if it were UTC.
    """
    global _utc_zone
    zone = value.tzinfo
    if zone is not _utc_zone:
        offset = value.utcoffset()
        if offset:
            value = value.astimezone(timezone.utc)
        elif zone is not None and offset is not None and type(zone) in _FIXED_OFFSET_ZONES:
            _utc_zone = zone  # a fixed offset of 0: every later value in this zone is at UTC
    micro = value.microsecond
    if micro % 1000:
        fields = (value.year, value.month, value.day, value.hour, value.minute, value.second, micro)
        return _MICROSECONDS % fields
    fields = (value.year, value.month, value.day, value.hour, value.minute, value.second, micro // 1000)
    return _MILLISECONDS % fields


_DATETIME_ERROR = (
    "Input should be an RFC 3339 date-time with a time zone (e.g. '2024-01-02T03:04:05.123Z' or "
    "datetime.now(timezone.utc)), in range once moved to UTC"
)


class _UtcDateTimeSchema:
    """The schema of `UtcDateTime`: an aware date-time at UTC, written by `format_rfc3339` in JSON.

    A date-time already at UTC (every one Pieces OS sends ends in ``Z``) is checked by pydantic-core
    alone (``tz_constraint=0``); only other offsets, and naive values, reach `_to_utc` in Python.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.union_schema(
            [
                core_schema.datetime_schema(tz_constraint=0),
                core_schema.no_info_after_validator_function(_to_utc, core_schema.datetime_schema()),
            ],
            mode="left_to_right",
            # One error instead of one per choice (the first choice's "offset of 0 required" would mislead).
            custom_error_type="utc_datetime",
            custom_error_message=_DATETIME_ERROR,
            serialization=core_schema.plain_serializer_function_ser_schema(
                format_rfc3339, info_arg=False, return_schema=core_schema.str_schema(), when_used="json"
            ),
        )


UtcDateTime = Annotated[datetime, _UtcDateTimeSchema]
"""An aware date-time, normalised to UTC, written as RFC 3339 with ``Z``."""


# Python attribute names that differ from their wire name (``var_schema``, ``api_keys``, ...), across
# every model; filled as model classes are created.
_RENAMED_ATTRIBUTES: Set[str] = set()

# Set while validating when an unknown key equals one of those names (see `_ExtraKeySchema`).
_renamed_key_seen: ContextVar[bool] = ContextVar("pieces_os_client_renamed_key_seen", default=False)


def _note_renamed_key(key: str) -> str:
    _renamed_key_seen.set(True)
    return key


class _ExtraKeySchema:
    """Validates the keys of unknown fields: notes an unknown key spelled like a renamed attribute.

    Pydantic counts every unknown key in ``model_fields_set``. An unknown key ``var_schema`` therefore
    marks the field ``var_schema`` (wire name ``schema``) as set although the payload never had
    ``schema``, and writing back would add ``"schema": null``. Keys are matched against the renamed
    attributes in pydantic-core; Python runs only for a key that matches (none in any payload Pieces OS
    sends) and only raises a flag; the ``model_validate*`` methods then correct ``model_fields_set``
    (`_unmark_renamed_keys`), on that rare path only.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        if not _RENAMED_ATTRIBUTES:
            return core_schema.str_schema()
        return core_schema.union_schema(
            [
                core_schema.no_info_after_validator_function(
                    _note_renamed_key, core_schema.literal_schema(sorted(_RENAMED_ATTRIBUTES))
                ),
                core_schema.str_schema(),
            ],
            mode="left_to_right",
        )


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
            if info is not None and _wire_name(name, info) not in raw:
                model.__pydantic_fields_set__.discard(name)
    for name, info in fields.items():
        key = _wire_name(name, info)
        if key not in raw:
            continue
        value = getattr(model, name)
        if isinstance(value, PiecesModel):
            _unmark_renamed_keys(value, raw[key])
        elif isinstance(value, list) and isinstance(raw[key], list):
            for item, raw_item in zip(value, raw[key]):
                if isinstance(item, PiecesModel):
                    _unmark_renamed_keys(item, raw_item)


def _json_loads(text: Union[str, bytes, bytearray]) -> Any:
    """`json.loads`, imported on first use: only failures and the rare paths need it."""
    import json

    return json.loads(text)


def _wire_name(name: str, info: FieldInfo) -> str:
    alias = info.serialization_alias
    return alias if isinstance(alias, str) else name


class PiecesModel(BaseModel):
    """Base of every generated model: lossless JSON in and out, by wire name.

    Construct by Python attribute (``var_schema=...``) or by wire name (``schema=...``). Parsing JSON
    accepts wire names only, so an unknown key that happens to look like a Python attribute is kept as
    an unknown field rather than silently renamed.

    Two models are equal when they have the same type, the same values, the same unknown fields and the
    same set fields: an absent field and an explicit null are written differently, so they differ here too.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        validate_assignment=True,
        defer_build=True,
        protected_namespaces=(),
    )

    if TYPE_CHECKING:
        # For type checkers: not a constructor parameter. At run time the plain annotation below, as a
        # class-level Field() here would be taken for an unknown field when a field is assigned.
        __pydantic_extra__: Dict[str, Any] = Field(init=False)
    else:
        __pydantic_extra__: Dict[Annotated[str, _ExtraKeySchema], Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Runs before pydantic collects the new class's fields, which it copies from the base classes.
        # A generated model in a reference cycle may not be complete until its first use (its annotations
        # name models of the cycle imported after it); finishing it here, in its own module, means a
        # subclass defined before any use inherits resolved fields. A no-op once a model is complete.
        for base in cls.__mro__[1:]:
            if issubclass(base, PiecesModel) and base is not PiecesModel and not base.__pydantic_complete__:
                base.model_rebuild()
        super().__init_subclass__(**kwargs)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _RENAMED_ATTRIBUTES.update(
            name for name, info in cls.model_fields.items() if _wire_name(name, info) != name
        )

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
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
    def model_validate_json(cls, json_data: Union[str, bytes, bytearray], **kwargs: Any) -> Self:
        """`pydantic.BaseModel.model_validate_json` (one pass in pydantic-core), keeping
        ``model_fields_set`` exact (see `_ExtraKeySchema`)."""
        token = _renamed_key_seen.set(False)
        try:
            model = super().model_validate_json(json_data, **kwargs)
            if _renamed_key_seen.get():
                _unmark_renamed_keys(model, _json_loads(json_data))
        finally:
            _renamed_key_seen.reset(token)
        return model

    def __eq__(self, other: object) -> bool:
        if not super().__eq__(other):
            return False
        return not isinstance(other, BaseModel) or self.model_fields_set == other.model_fields_set

    __hash__ = None  # type: ignore[assignment]  # mutable, like every pydantic model that is not frozen

    def to_dict(self) -> Dict[str, Any]:
        """This model as a dict of Python values by wire name, as the official SDK's ``to_dict``:
        date-times are `datetime` objects and enum values their members. Only fields that were set, an
        explicit null kept (the official drops every None), unknown fields kept.

        For a dict of JSON values (strings for date-times and enums), use
        ``model_dump(mode="json", by_alias=True, exclude_unset=True)``.
        """
        return self.model_dump(by_alias=True, exclude_unset=True)

    def to_json(self) -> str:
        """The JSON text of this model by wire name: only fields that were set, extras kept."""
        return self.model_dump_json(by_alias=True, exclude_unset=True)

    def to_str(self) -> str:
        """A readable, pretty-printed form of `to_dict`."""
        import pprint  # here, not at the top: only to_str needs it, and imports stay cheap

        return pprint.pformat(self.to_dict(), sort_dicts=False)

    @overload
    @classmethod
    def from_dict(cls, obj: None) -> None: ...

    @overload
    @classmethod
    def from_dict(cls, obj: Union[Dict[str, Any], Self]) -> Self: ...

    @classmethod
    def from_dict(cls, obj: Union[Dict[str, Any], Self, None]) -> Optional[Self]:
        """Build from a dict keyed by wire names (as `to_dict` writes); ``None`` gives ``None``."""
        if obj is None:
            return None
        if isinstance(obj, cls):
            return obj
        return cls.model_validate(obj, by_alias=True, by_name=False)

    @classmethod
    def from_json(cls, json_str: Union[str, bytes, bytearray]) -> Optional[Self]:
        """Decode JSON text straight into the model (pydantic-core, one pass).

        The official SDK's contract, which sign-out handlers rely on: text that is not JSON raises
        `json.JSONDecodeError` (a ``ValueError``), ``null`` gives ``None``, and JSON that does not fit the
        model raises `pydantic.ValidationError`.
        """
        try:
            return cls.model_validate_json(json_str, by_alias=True, by_name=False)
        except ValidationError as error:
            failure = error
        # Only a failure pays for a second parse, which tells the cases apart (outside the except
        # block: a JSONDecodeError is the whole story, not an error raised while handling another).
        try:
            decoded = _json_loads(json_str)
        except RecursionError:  # valid JSON nested too deep for json: the ValidationError says so
            raise failure from None
        if decoded is None:
            return None
        raise failure
