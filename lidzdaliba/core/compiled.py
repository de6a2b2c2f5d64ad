"""Reads on the busiest request path, compiled to SQL once per database instead of per call.

Building a queryset and compiling it costs the ORM more than the database needs to answer:
on the write path of a flash crowd (an opinion through the API) the token lookup took
1.2 ms, of which the SQL round trip was under 0.2 ms (bench/README.md). `CompiledQuery`
lets the ORM write the SQL once per database alias — so the SQL is still the ORM's, right
for SQLite and PostgreSQL and following every model change — and then runs it with each
call's values, turning the row into a model instance as a queryset does: the database's
converters applied to every column (SQLite returns booleans as 0/1 and times as text),
fields left out by `only()` deferred, annotations set as attributes.

It uses the compiler's description of its SELECT (`klass_info`, `annotation_col_map`,
`get_converters`), the same the ORM's own model iterable uses; the tests run it on both
databases. Use it only where a profile shows the compile cost; everywhere else a queryset
reads better.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

_MARKER_TYPES = (str, int)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    constants: tuple  # the SQL parameters, markers included
    slots: dict[int, str]  # position in `constants` → the parameter that goes there
    fields: slice  # the model's columns in the row
    attnames: list[str]
    annotations: dict[str, int]  # name → position in the row
    converters: dict[int, tuple[list[Callable], Any]]  # position → (converters, expression)


class CompiledQuery(Generic[M]):
    """`build(**parameters)` returns a queryset of one model (filters, `only()`,
    annotations; no `select_related`); `parameters` names each parameter's type (`str` or
    `int`: the value the database gets, such as a hash or a primary key).

    The queryset is built once with a unique marker value for each parameter and compiled;
    the markers' positions among the SQL parameters are where each call's values go. A
    parameter the ORM transforms (an `icontains` lookup, say) leaves no marker to find, and
    compiling fails loudly instead of running a different query.
    """

    def __init__(self, build: Callable[..., QuerySet[M]], **parameters: type) -> None:
        for name, kind in parameters.items():
            if kind not in _MARKER_TYPES:
                raise TypeError(f"Parameter {name!r}: only str and int parameters are supported")
        self._build = build
        self._parameters = parameters
        self._model: type[M] | None = None
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def first(self, **values: str | int) -> M | None:
        """The first row for these parameter values, or None."""
        if values.keys() != self._parameters.keys():
            raise TypeError(f"Expected the parameters {sorted(self._parameters)}")
        model = self._model or self._compile_model()
        alias = router.db_for_read(model)
        compiled = self._compiled.get(alias) or self._compile(alias)
        params = [
            values[compiled.slots[n]] if n in compiled.slots else value
            for n, value in enumerate(compiled.constants)
        ]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for position, (converters, expression) in compiled.converters.items():
            for converter in converters:
                row[position] = converter(row[position], expression, connection)
        instance = model.from_db(alias, compiled.attnames, row[compiled.fields])
        for name, position in compiled.annotations.items():
            setattr(instance, name, row[position])
        return instance

    def _compile_model(self) -> type[M]:
        # Not in __init__: a module may declare its queries before the models are ready.
        self._model = self._build(**self._markers()).model
        return self._model

    def _markers(self) -> dict[str, str | int]:
        return {
            name: f"\x1fcompiled-{name}-{secrets.token_hex(8)}"
            if kind is str
            else (1 << 40) + secrets.randbits(39)
            for name, kind in self._parameters.items()
        }

    def _compile(self, alias: str) -> _Compiled:
        with self._lock:
            if alias in self._compiled:
                return self._compiled[alias]
            markers = self._markers()
            compiler = self._build(**markers).query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            slots = {}
            for name, marker in markers.items():
                found = [n for n, value in enumerate(params) if value == marker]
                if not found:
                    raise ValueError(f"Parameter {name!r} is not passed to the SQL unchanged")
                slots.update(dict.fromkeys(found, name))
            klass_info = compiler.klass_info
            if klass_info.get("related_klass_infos"):
                raise ValueError("CompiledQuery reads one model: no select_related")
            selected = klass_info["select_fields"]
            fields = slice(selected[0], selected[-1] + 1)
            expressions = [column for column, _sql, _alias in compiler.select]
            self._compiled[alias] = _Compiled(
                sql=sql,
                constants=tuple(params),
                slots=slots,
                fields=fields,
                attnames=[column.target.attname for column in expressions[fields]],
                annotations=dict(compiler.annotation_col_map),
                converters=compiler.get_converters(expressions),
            )
            return self._compiled[alias]
