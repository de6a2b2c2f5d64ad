"""The feedback table as PDF/A-3b: the archival format an institution signs with eParaksts.

eParaksts signs a PDF as it is (PAdES), so the file must already be what the archive keeps:
PDF/A-3b, which WeasyPrint writes with every font embedded, an sRGB output intent and XMP
metadata declaring the conformance. The page is A4 landscape with the same header and
signature block as the DOCX; the text of the signature line says the document is signed
electronically, as a Latvian e-signed document does instead of "(paraksts)".
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import get_language

from lidzdaliba.core.spreadsheets import clean

from .table import COLUMNS, FeedbackTable, cells, document_date, document_title
from .wordprocessing import column_widths

PDF_VARIANT = "pdf/a-3b"
USABLE_WIDTH_MM = 297 - 2 * 12  # A4 landscape between the page margins of the template


def render_pdf(table: FeedbackTable) -> bytes:
    from weasyprint import HTML

    header = [clean(str(label)) for _key, label in COLUMNS]
    body = [[clean(str(row[key])) for key, _label in COLUMNS] for row in cells(table)]
    # The DOCX's widths (a fixed table layout is also much faster to lay out than an
    # automatic one, which measures every cell of every row first).
    widths = column_widths([header, *body], USABLE_WIDTH_MM)
    context = {
        "table": table,
        "language": get_language() or "lv",
        "document_title": document_title(),
        "document_date": document_date(table),
        "columns": [
            (key, label, f"{100 * width / sum(widths):.2f}%")
            for (key, _l), label, width in zip(COLUMNS, header, widths, strict=True)
        ],
        "rows": [list(zip((key for key, _l in COLUMNS), values, strict=True)) for values in body],
        "title": clean(table.title),
        "institution": clean(table.institution),
        "official": clean(table.responsible_official).strip(),
    }
    html = render_to_string("consultations/exports/feedback_table_pdf.html", context)
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
