"""A councils `Document` as PDF/A-3b (WeasyPrint), the archival format an institution keeps
and signs with eParaksts, with every font embedded; the same header block and sections as
the DOCX and ODT."""

from __future__ import annotations

from django.template.loader import render_to_string

from .document import Document

PDF_VARIANT = "pdf/a-3b"


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML

    institution, body, title, *rest = document.header_lines()
    sections = [
        {
            "heading": part.heading,
            "paragraphs": part.paragraphs,
            "table": part.table,
            "widths": [f"{100 * share:.2f}%" for share in part.table.relative_widths()]
            if part.table
            else [],
        }
        for part in document.sections
    ]
    html = render_to_string(
        "councils/exports/document_pdf.html",
        {
            "document": document,
            "institution": institution,
            "body": body,
            "document_title": title,
            "subject_lines": rest[:-1],
            "date": rest[-1],
            "sections": sections,
        },
    )
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
