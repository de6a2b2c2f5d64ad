"""The Nu HTML Checker helper: one run over several pages, errors named by page and line."""

from __future__ import annotations

from lidzdaliba.testing.html_validator import describe, validate_html

VALID = """<!DOCTYPE html><html lang="lv"><head><title>Derīga</title></head>
<body><div data-hx-get="/x">Labi</div></body></html>"""
INVALID = """<!DOCTYPE html><html lang="lv"><head><title>Nederīga</title></head>
<body><p>Noteikumi:<ul><li>viens</li></ul></p>
<div hx-get="/x">Slikti</div></body></html>"""


def test_errors_are_reported_by_page_and_line(tmp_path):
    errors = validate_html({"valid": VALID, "/consultations/?q=x": INVALID}, tmp_path)

    assert {error.page for error in errors} == {"/consultations/?q=x"}
    messages = [error.message for error in errors]
    assert any("“p” end tag" in message for message in messages), messages
    assert any("hx-get" in message for message in messages), messages
    assert all(error.line in (2, 3) for error in errors)
    report = describe(errors)
    assert report.startswith(f"{len(errors)} HTML error(s) on 1 page(s)")
    assert "/consultations/?q=x:3:" in report
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "consultations_q_x.html",
        "valid.html",
    ]
