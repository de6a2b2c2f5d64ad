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

from .table import COLUMNS, FeedbackTable, cells, clean, document_date, document_title

PDF_VARIANT = "pdf/a-3b"


def render_pdf(table: FeedbackTable) -> bytes:
    from weasyprint import HTML

    context = {
        "table": table,
        "language": get_language() or "lv",
        "document_title": document_title(),
        "document_date": document_date(table),
        "columns": [(key, clean(str(label))) for key, label in COLUMNS],
        "rows": [[(key, clean(str(row[key]))) for key, _label in COLUMNS] for row in cells(table)],
        "title": clean(table.title),
        "institution": clean(table.institution),
        "official": clean(table.responsible_official).strip(),
    }
    html = render_to_string("consultations/exports/feedback_table_pdf.html", context)
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
