"""One name in the OpenAPI document stands for one schema. The document files enums and
schemas under their class names, so two apps' `Status` enums (or two `ListQuery` schemas)
would silently become one, and answers that are right for one app would break the published
schema for the other (it happened: consultations' "open" was checked against initiatives'
statuses). Every app's `api.py` names its enums and schemas for the document
(`core.api_schemas.schema_enum`)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from enum import Enum

from pydantic import BaseModel

import lidzdaliba


def _api_modules():
    for module in pkgutil.walk_packages(lidzdaliba.__path__, "lidzdaliba."):
        leaf = module.name.rsplit(".", 1)[-1]
        if ".tests" not in module.name and (leaf == "api" or leaf.startswith("api_")):
            yield importlib.import_module(module.name)


def _types_in(annotation):
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_in(argument)


def _named_types() -> dict[str, set[type]]:
    """Every schema and enum the API modules define or use, by the name the document gives."""
    seen: dict[str, set[type]] = {}
    pending = [
        member
        for module in _api_modules()
        for _, member in inspect.getmembers(module, inspect.isclass)
        if issubclass(member, BaseModel) and member.__module__.startswith("lidzdaliba.")
    ]
    visited: set[type] = set()
    while pending:
        model = pending.pop()
        if model in visited:
            continue
        visited.add(model)
        seen.setdefault(model.__name__, set()).add(model)
        for field in model.model_fields.values():
            for kind in _types_in(field.annotation):
                if not inspect.isclass(kind):
                    continue
                if issubclass(kind, Enum):
                    seen.setdefault(kind.__name__, set()).add(kind)
                elif issubclass(kind, BaseModel) and kind.__module__.startswith("lidzdaliba."):
                    pending.append(kind)
    return seen


def test_the_api_modules_are_found():
    names = {module.__name__ for module in _api_modules()}
    assert {"lidzdaliba.consultations.api", "lidzdaliba.initiatives.api"} <= names


def test_no_two_schemas_or_enums_share_a_name_in_the_openapi_document():
    clashes = {
        name: sorted(f"{kind.__module__}.{kind.__qualname__}" for kind in kinds)
        for name, kinds in _named_types().items()
        if len(kinds) > 1
    }
    assert clashes == {}
