"""LibreOffice in the tests: open a downloaded file as an officer's office suite would.

Debian's LibreOffice (`libreoffice-writer`, `libreoffice-calc`; `make test-deps` installs
them) runs headless and converts a file into something the test reads back: a spreadsheet
into CSV or flat ODS (to see the row heights Calc settled on), a document into plain text
or PDF, a PDF (through Writer's PDF import) into ODT whose frames hold the text. If Calc or
Writer cannot open a file, the conversion writes nothing and `convert` says so.

LibreOffice keeps its settings and a lock in a user profile and refuses to share a running
profile, so each pytest-xdist worker has its own (`libreoffice` fixture); the conversions
of one worker run one after the other.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = "/usr/bin/soffice"
# CSV read or written by Calc: comma, double quote, UTF-8 (76); written: the first sheet.
CSV_FILTER = "Text - txt - csv (StarCalc):44,34,76"
CSV_EXPORT = f"csv:{CSV_FILTER}"
TEXT_EXPORT = "txt:Text (encoded):UTF8"
# A conversion of a small file takes a second or two; this only stops a hung process.
TIMEOUT_SECONDS = 180


class ConversionFailed(AssertionError):
    pass


@dataclass(frozen=True)
class LibreOffice:
    """Headless LibreOffice with a profile of its own in `profile`."""

    profile: Path
    work: Path

    def convert(
        self, content: bytes, suffix: str, target: str, *, infilter: str | None = None
    ) -> bytes:
        """`content` (a file ending in `suffix`) converted to `target` ("csv", "pdf", a
        filter string like CSV_EXPORT); the converted file's bytes."""
        folder = self.work / f"job-{len(list(self.work.iterdir()))}"
        folder.mkdir()
        source = folder / f"download.{suffix}"
        source.write_bytes(content)
        command = [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={self.profile.as_uri()}",
        ]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", target, "--outdir", str(folder / "out"), str(source)]
        done = subprocess.run(  # noqa: S603 (a fixed program; the paths are the test's own)
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
        extension = target.split(":", 1)[0]
        converted = folder / "out" / f"download.{extension}"
        if not converted.exists():
            raise ConversionFailed(
                f"LibreOffice did not convert {source.name} to {target}: "
                f"{done.stdout.decode(errors='replace')} {done.stderr.decode(errors='replace')}"
            )
        return converted.read_bytes()

    def spreadsheet_rows(self, content: bytes, suffix: str) -> list[list[str]]:
        """The first sheet as Calc reads it, as rows of cell text.

        A CSV is opened as UTF-8, the character set Calc's Text Import dialog picks for a
        file that starts with a UTF-8 BOM. (Headless, no dialog runs, and LibreOffice 7.4
        reads a CSV in the system's 8-bit code page unless told, BOM or not.)
        """
        import csv

        if suffix == "csv":
            content, suffix = self.convert(content, "csv", "ods", infilter=CSV_FILTER), "ods"
        exported = self.convert(content, suffix, CSV_EXPORT).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(exported, newline="")))

    def document_text(self, content: bytes, suffix: str) -> str:
        """The text of a DOCX or ODT as Writer lays it out, paragraph by paragraph."""
        return self.convert(content, suffix, TEXT_EXPORT).decode("utf-8-sig")

    def pdf_text(self, content: bytes) -> str:
        """The text of a PDF as Writer imports it: one line of the page per paragraph."""
        from odf import teletype
        from odf.opendocument import load
        from odf.text import P

        odt = self.convert(content, "pdf", "odt", infilter="writer_pdf_import")
        document = load(io.BytesIO(odt))
        return "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))

    def row_heights_cm(self, content: bytes, suffix: str) -> list[float]:
        """The height of each row of the first sheet once Calc has opened (and, where a row
        asks for it, measured) the file, in centimetres."""
        flat = self.convert(content, suffix, "fods").decode()
        heights = {
            name: _cm(value)
            for name, value in re.findall(
                r'<style:style style:name="([^"]+)" style:family="table-row">\s*'
                r'<style:table-row-properties style:row-height="([^"]+)"',
                flat,
            )
        }
        sheet = flat[flat.index("<table:table ") : flat.index("</table:table>")]
        rows = []
        for name, repeated in re.findall(
            r'<table:table-row table:style-name="([^"]+)"(?: table:number-rows-repeated="(\d+)")?',
            sheet,
        ):
            rows += [heights[name]] * int(repeated or 1)
        return rows


def _cm(length: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(in|cm|mm|pt)", length).groups()
    return float(number) * {"in": 2.54, "cm": 1.0, "mm": 0.1, "pt": 2.54 / 72}[unit]


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> LibreOffice:
    """One LibreOffice profile per test process (each xdist worker has its own base temp)."""
    return LibreOffice(
        profile=tmp_path_factory.mktemp("libreoffice-profile"),
        work=tmp_path_factory.mktemp("libreoffice-work"),
    )
