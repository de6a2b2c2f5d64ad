"""The addressed institution's list of signers for official verification, as CSV or XLSX.

Every cell goes through core's spreadsheet-cell guard (`neutralise`, `clean`), so a name a
signer typed can never run as a formula on the officer's computer.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.spreadsheets import clean, neutralise

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMNS = [
    ("number", _("No.")),
    ("name", _("Name")),
    ("email", _("E-mail address")),
    ("signed_at", _("Signed")),
    ("public_name", _("Name shown publicly")),
    ("identity", _("Identity")),
    ("personal_code", _("Personal code")),
    ("min_age", _("Minimum age")),
    ("citizenship", _("Citizenship")),
    ("residence", _("Residence")),
    ("valid", _("Valid")),
    ("invalidation_reason", _("Why invalid")),
    ("disposable_email", _("Disposable e-mail address")),
]


@dataclass(frozen=True)
class SignerRow:
    """One signer. `personal_code` is in clear only here, for the state register's check,
    and only for eID-verified signers; every fact says whether the eID verified it or the
    signer declared it."""

    name: str
    email: str
    signed_at: object
    public_name: bool
    declared_min_age: bool
    declared_citizenship: bool
    declared_residence: bool
    eid_verified: bool = False
    personal_code: str = ""
    age_verified: bool = False
    citizenship_verified: bool = False
    residence_verified: bool = False
    # Integrity: an invalidated signature stays in the export, marked, with the reason.
    invalidation_reason: str | None = None
    disposable_email: bool = False


def _fact(*, verified: bool = False, declared: bool = False) -> str:
    if verified:
        return gettext("verified (eID)")
    return gettext("declared") if declared else gettext("no")


def _cells(rows: list[SignerRow]) -> list[list[str]]:
    yes, no = gettext("yes"), gettext("no")
    table = []
    for number, row in enumerate(rows, start=1):
        code = row.personal_code
        table.append(
            [
                str(number),
                row.name,
                row.email,
                timezone.localtime(row.signed_at).strftime("%Y-%m-%d %H:%M"),
                yes if row.public_name else no,
                gettext("eID-verified") if row.eid_verified else gettext("e-mail"),
                f"{code[:6]}-{code[6:]}" if code else "",
                _fact(verified=row.age_verified, declared=row.declared_min_age),
                _fact(verified=row.citizenship_verified, declared=row.declared_citizenship),
                _fact(verified=row.residence_verified, declared=row.declared_residence),
                no if row.invalidation_reason is not None else yes,
                row.invalidation_reason or "",
                yes if row.disposable_email else no,
            ]
        )
    return table


def render(rows: list[SignerRow], file_format: str) -> bytes:
    header = [str(label) for _key, label in COLUMNS]
    table = _cells(rows)
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for line in [header, *table]:
            writer.writerow([neutralise(clean(cell)) for cell in line])
        return buffer.getvalue().encode("utf-8-sig")  # the BOM: Excel reads UTF-8
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = gettext("Signatures")[:31]
        for row_index, line in enumerate([header, *table], start=1):
            for column_index, value in enumerate(line, start=1):
                cell = sheet.cell(row=row_index, column=column_index)
                cell.value = neutralise(clean(value))
                cell.data_type = "s"  # never a formula, whatever the text
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()
    raise ValueError(f"Unknown format: {file_format}")
