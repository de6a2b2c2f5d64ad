"""Charts as downloadable files: the server-rendered SVG as it is, or the very same SVG as a
PNG (CairoSVG, which needs the system's libcairo2), for people who paste charts into
documents and slides that take no SVG.

The PNG is made from the SVG the page shows, never drawn a second way, so what a chart hides
(the results of fewer than 5 respondents) stays hidden in the PNG too.
"""

from __future__ import annotations

import math
import re

from django.http import HttpResponse

PNG_SCALE = 2.0  # sharp on high-density screens and in print
MAX_PIXELS = 16_000_000  # a very tall chart is scaled down rather than eating memory

_SIZE = re.compile(r'<svg\b[^>]*?\swidth="(\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"')


def png_scale(svg: str, scale: float = PNG_SCALE) -> float:
    """`scale`, lowered when the result would pass MAX_PIXELS."""
    found = _SIZE.search(svg)
    if not found:
        return scale
    width, height = float(found.group(1)), float(found.group(2))
    pixels = width * height * scale * scale
    if pixels <= MAX_PIXELS:
        return scale
    return scale * math.sqrt(MAX_PIXELS / pixels)


def svg_to_png(svg: str, *, scale: float = PNG_SCALE) -> bytes:
    """The SVG drawn as a PNG, `scale` times its size (fonts from the system's fontconfig:
    `sans-serif` is DejaVu Sans on Debian)."""
    import cairosvg  # imported here: only the PNG downloads need libcairo2

    return cairosvg.svg2png(
        bytestring=svg.encode("utf-8"),
        scale=png_scale(svg, scale),
        background_color="white",
        # Not unsafe: no XML entities, and nothing but data: URLs is ever fetched.
        unsafe=False,
    )


def chart_download(svg: str, *, filename: str, fmt: str) -> HttpResponse:
    """The chart as an attachment: `fmt` "svg" or "png"; `filename` without extension."""
    if fmt == "png":
        response = HttpResponse(svg_to_png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
