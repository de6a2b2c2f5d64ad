"""Turning an uploaded draft into clauses people can comment on, and comparing versions.

Three steps, each usable alone: `extract_text` gets plain text out of DOCX, ODT, PDF or text
files; `split_into_clauses` cuts that text at the clause numbers Latvian drafts use ("1.",
"2.1.", "3)") and at chapter headings; `diff_clauses` compares two versions clause by clause
so that readers see what changed since they last commented.

Extracted text marks paragraph boundaries with a blank line. A single line break is read as a
soft wrap (PDF text breaks lines mid-sentence), which is why DOCX and ODT paragraphs are
joined with blank lines rather than single newlines.

Numbering convention of `split_into_clauses`:
- "2.1. text" gives number "2.1" (the trailing dot is dropped);
- a sub-point "3) text" gives number "<parent>.3)", e.g. "2.1.3)", where the parent is the
  last dotted number; the ")" keeps it distinct from a real clause "2.1.3." and recognisable;
  before any dotted number it is just "3)";
- chapter headings "II. Title" give `is_heading=True`, number "II", text "Title"; Markdown
  headings "## Title" give `is_heading=True`, number "";
- text outside numbered clauses (title, preamble, text after a heading) gives clauses with
  number "", one per paragraph;
- text with no clause numbers at all is cut into paragraphs numbered "1", "2", ...

The cuts are heuristics for text whose structure was lost (PDF above all): a wrapped line
that starts "2025. gada" or "10. punktā" is not taken for a clause, but one that starts with
an initial such as "V. Vītols" is still taken for chapter V.
"""

from .clauses import ParsedClause, split_into_clauses
from .compare import ClauseChange, diff_clauses, diff_summary
from .extract import DocumentError, extract_text

__all__ = [
    "ClauseChange",
    "DocumentError",
    "ParsedClause",
    "diff_clauses",
    "diff_summary",
    "extract_text",
    "split_into_clauses",
]
