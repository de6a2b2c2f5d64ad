"""The layers of DESIGN.md are enforced by the build: `lint-imports` checks the contracts in
`.importlinter` (run by `make test` before the suite, and here), and no product code looks a
model up by name, which would hide an import from it.

The contracts are also run against a copy of the package with one bad module added, to show
that they catch what they are for: an upward import inside a function, an app placed in no
layer, two participation apps importing each other."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "lidzdaliba"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(project / ".importlinter")],
        cwd=project,
        env={**os.environ, "COLUMNS": "200"},  # rich wraps long lines at the terminal width
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_layer_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def _product_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or "tests" in parts or parts[0] == "testing":
            continue
        yield path


def test_no_model_is_looked_up_by_name_outside_migrations():
    """`apps.get_model("notifications", "Subscription")` reaches another app without an
    import, so no contract sees it. Migrations must (they get historical models); product
    code imports the model, or is reached through a registry the other app fills."""
    found = []
    for path in _product_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Attribute) and node.attr in {"get_model", "get_models"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "Models looked up by name outside migrations: " + ", ".join(found)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the package's Python modules and the contracts."""
    shutil.copytree(
        PACKAGE,
        tmp_path / "lidzdaliba",
        ignore=lambda folder, names: [
            name
            for name in names
            if not name.endswith(".py") and not (Path(folder) / name).is_dir()
        ],
    )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def add_module(project: Path, name: str, source: str) -> None:
    path = project / Path(*name.split(".")).with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    for folder in path.relative_to(project).parents:
        if folder != Path("."):
            (project / folder / "__init__.py").touch()
    path.write_text(source, encoding="utf-8")


def test_the_copy_keeps_the_contracts(project):
    result = lint_imports(project)
    assert result.returncode == 0, result.stdout


def test_an_upward_import_inside_a_function_breaks_the_layers(project):
    add_module(
        project,
        "lidzdaliba.core.reminders",
        "def remind():\n    from lidzdaliba.notifications.models import Subscription\n",
    )
    result = lint_imports(project)
    assert result.returncode == 1
    assert "lidzdaliba.core.reminders -> lidzdaliba.notifications.models (l.2)" in result.stdout
    assert "Domains never import their consumers" in result.stdout


def test_a_new_app_must_be_placed_in_a_layer(project):
    add_module(project, "lidzdaliba.petitions.models", "")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "not listed as layers:\n\n- lidzdaliba.petitions" in result.stdout


def test_participation_apps_do_not_import_each_other(project):
    """DESIGN.md, "Attaching participation to each other": through a registry in core."""
    add_module(
        project,
        "lidzdaliba.initiatives.services",
        "from lidzdaliba.consultations.models import Consultation\n",
    )
    result = lint_imports(project)
    assert result.returncode == 1
    assert "lidzdaliba.initiatives is not allowed to import lidzdaliba.consultations" in (
        result.stdout
    )


def test_a_domain_does_not_import_an_edge(project):
    add_module(
        project,
        "lidzdaliba.consultations.links",
        "from lidzdaliba.web import views\n",
    )
    result = lint_imports(project)
    assert result.returncode == 1
    assert "lidzdaliba.consultations is not allowed to import lidzdaliba.web" in result.stdout
