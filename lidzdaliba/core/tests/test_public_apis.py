"""Product code uses only the public API of Django, psycopg and redis-py: a private name
breaks silently on the next release of the library.

A static scan of every module of the product (`lidzdaliba/`, without tests and migrations):

- no import of a private name from these libraries: no dotted segment or imported name that
  starts with `_` (dunders such as `__future__` aside);
- no use of an underscore attribute that the product does not define itself (`obj._client`,
  `self._get_connection_pool()` in a subclass of a library class), except the few that the
  libraries document (ALLOWED_UNDERSCORE, each with its reason);
- none of the named internals in INTERNALS: public-looking names of undocumented machinery.

Which object an attribute belongs to is not known statically, so the second rule works by
elimination: what the product defines itself is its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LIBRARIES = {"django", "psycopg", "redis"}

# Underscore attributes that are documented, or not of these libraries.
ALLOWED_UNDERSCORE = {
    "_meta": "Django's documented Model _meta API",
    "_db": "Django's documented attribute of a manager (custom managers: `using=self._db`)",
    "_tr": "python-docx's table row element (not one of the libraries checked here)",
    "_tbl": "python-docx's table element, for the fixed layout and cell margins it has no "
    "property for (not one of the libraries checked here)",
}

# Public-looking names of Django's, psycopg's and redis-py's undocumented machinery.
INTERNALS = {
    "klass_info": "the SQL compiler's description of its SELECT (django.db.models.sql)",
    "annotation_col_map": "the SQL compiler's annotation columns (django.db.models.sql)",
    "get_converters": "the SQL compiler's row converters (django.db.models.sql)",
    "get_compiler": "the ORM's SQL compiler, for building SQL by hand",
    "RedisCacheClient": "the undocumented client class inside Django's Redis cache backend",
}


def product_modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _private(name: str) -> bool:
    return any(
        part.startswith("_") and not (part.startswith("__") and part.endswith("__"))
        for part in name.split(".")
    )


def private_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every import of a private or internal name of the libraries."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES and _private(alias.name):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] not in LIBRARIES:
                continue
            for alias in node.names:
                if _private(node.module) or _private(alias.name) or alias.name in INTERNALS:
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
    return found


def defined_names(trees: list[ast.AST]) -> set[str]:
    """Every name the product defines: functions, classes, assigned names and attributes."""
    names = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[-1])
    return names


def internal_attributes(tree: ast.AST, own: set[str]) -> list[tuple[int, str]]:
    """(line, attribute) for every use of a library's private or internal attribute."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or isinstance(node.ctx, ast.Store):
            continue
        name = node.attr
        if name in INTERNALS or (
            _private(name) and name not in own and name not in ALLOWED_UNDERSCORE
        ):
            found.append((node.lineno, f".{name}"))
    return found


def scan(sources: dict[str, str]) -> list[str]:
    trees = {name: ast.parse(source) for name, source in sources.items()}
    own = defined_names(list(trees.values()))
    problems = []
    for name, tree in trees.items():
        for line, what in sorted(private_imports(tree) + internal_attributes(tree, own)):
            problems.append(f"{name}:{line}: {what}")
    return problems


def test_product_code_uses_only_public_apis_of_django_psycopg_and_redis():
    sources = {
        str(path.relative_to(PACKAGE.parent)): path.read_text() for path in product_modules()
    }
    assert len(sources) > 100  # the scan sees the product
    assert scan(sources) == []


@pytest.mark.parametrize(
    "source, problem",
    [
        # What core/cache.py did: subclass the client of Django's Redis backend.
        (
            "from django.core.cache.backends.redis import RedisCache, RedisCacheClient\n"
            "class Client(RedisCacheClient):\n"
            "    def get_client(self, key=None, *, write=False):\n"
            "        index = self._get_connection_pool_index(write)\n"
            "        return self._client(connection_pool=self._get_connection_pool(write))\n",
            [
                "m:1: from django.core.cache.backends.redis import RedisCacheClient",
                "m:4: ._get_connection_pool_index",
                "m:5: ._client",
                "m:5: ._get_connection_pool",
            ],
        ),
        # What core/compiled.py did: read the SQL compiler's description of its SELECT.
        (
            "def compile(queryset, alias):\n"
            "    compiler = queryset.query.get_compiler(using=alias)\n"
            "    info = compiler.klass_info\n"
            "    return info, compiler.annotation_col_map, compiler.get_converters([])\n",
            [
                "m:2: .get_compiler",
                "m:3: .klass_info",
                "m:4: .annotation_col_map",
                "m:4: .get_converters",
            ],
        ),
        # A form reading Django's private error dict; the public `errors` is the same.
        ("def full_clean(self):\n    return self._errors\n", ["m:2: ._errors"]),
        (
            "import django.db.models._private\n"
            "from psycopg._encodings import pg2pyenc\n"
            "from redis import _parsers\n"
            "from __future__ import annotations\n"
            "from lidzdaliba.core._own import thing\n",
            [
                "m:1: import django.db.models._private",
                "m:2: from psycopg._encodings import pg2pyenc",
                "m:3: from redis import _parsers",
            ],
        ),
        # Its own underscore names and the documented ones are the product's to use.
        (
            "class Manager:\n"
            "    def create(self, user):\n"
            "        self._cache = {}\n"
            "        user.save(using=self._db)\n"
            "        return self._cache, user._meta.label, _helper()\n"
            "def _helper():\n"
            "    return 1\n",
            [],
        ),
    ],
)
def test_the_scan_finds_private_uses(source, problem):
    assert scan({"m": source}) == problem
