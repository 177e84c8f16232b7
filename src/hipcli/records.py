"""Records: dataclasses whose methods are shared, not compiled anew for every class.

`dataclasses.dataclass` writes the source of `__init__`, `__repr__`, `__eq__`, `__hash__` and,
when frozen, `__setattr__` and `__delattr__` for each class and compiles it at import: about
0.7 ms a class here, some 40 ms for the classes on the way to a session's first line. `record`
lets `dataclass` do everything else (the field table that `fields`, `replace`, `asdict` and
pydantic read) and gives the class one generic copy of each of those methods, which behave as
dataclass's do: arguments by position or keyword (keyword only with `kw_only`), defaults and
default factories, `__post_init__`, equality and hashing by field values, and assignment
refused once built when frozen.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, Callable, TypeVar, overload

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:
    from typing_extensions import dataclass_transform

T = TypeVar("T", bound=type)
_MISSING = dataclasses.MISSING


@overload
def record(cls: T, /) -> T: ...


@overload
def record(*, frozen: bool = True, kw_only: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: Any = None, /, *, frozen: bool = True, kw_only: bool = False) -> Any:
    """Make `cls` a dataclass (frozen unless `frozen=False`) with shared methods."""
    def make(cls: T) -> T:
        # Without a docstring, dataclass writes one from the class's signature, which without
        # a generated __init__ means parsing object's: compiling tokenize's largest pattern.
        undocumented = cls.__doc__ is None
        cls.__doc__ = cls.__doc__ or cls.__name__
        dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
        fields = tuple(dataclasses.fields(cls))
        if undocumented:
            cls.__doc__ = f"{cls.__name__}({', '.join(f.name for f in fields)})"
        setattr(cls, "__record_fields__", fields)
        setattr(cls, "__record_spec__", tuple((f.name, f.default, f.default_factory)
                                              for f in fields))
        setattr(cls, "__record_post_init__", getattr(cls, "__post_init__", None))
        for name, method in _METHODS.items():
            if name not in cls.__dict__:
                setattr(cls, name, method)
        if frozen:
            cls.__setattr__ = _refuse_assignment  # type: ignore[assignment]
            cls.__delattr__ = _refuse_deletion  # type: ignore[assignment]
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value
        return cls
    return make if cls is None else make(cls)


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    if args:
        kwargs = _with_positional(cls, args, kwargs)
    state = self.__dict__  # frozen: written as dataclass's object.__setattr__ would
    for name, default, factory in cls.__record_spec__:
        if name in kwargs:
            state[name] = kwargs.pop(name)
        elif default is not _MISSING:
            state[name] = default
        elif factory is not _MISSING:
            state[name] = factory()
        else:
            raise TypeError(f"{cls.__qualname__}() missing required argument: {name!r}")
    if kwargs:
        raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument "
                        f"{next(iter(kwargs))!r}")
    if cls.__record_post_init__ is not None:
        cls.__record_post_init__(self)


def _with_positional(cls: type, args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments with the positional ones added under their fields' names."""
    positional = [f.name for f in getattr(cls, "__record_fields__") if not f.kw_only]
    if len(args) > len(positional):
        raise TypeError(f"{cls.__qualname__}() takes {len(positional)} positional "
                        f"arguments but {len(args)} were given")
    named = dict(zip(positional, args))
    for name in kwargs:
        if name in named:
            raise TypeError(f"{cls.__qualname__}() got multiple values for argument {name!r}")
    return {**named, **kwargs}


def _compared(self: Any) -> tuple:
    return tuple(getattr(self, f.name) for f in type(self).__record_fields__ if f.compare)


def _eq(self: Any, other: object) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                      for f in type(self).__record_fields__ if f.repr)
    return f"{type(self).__qualname__}({shown})"


def _refuse_assignment(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS: dict[str, Callable[..., Any]] = {
    "__init__": _init, "__repr__": _repr, "__eq__": _eq, "__hash__": _hash}
