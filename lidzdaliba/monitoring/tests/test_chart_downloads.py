"""Each indicator chart of the public page and the dashboard downloads as SVG and as a PNG
drawn from that SVG, with the page's filters; anyone may download (the numbers are public)."""

from __future__ import annotations

import io
import random
import re

import pytest
from PIL import Image

from lidzdaliba.monitoring import services
from lidzdaliba.monitoring.charts import LABEL_WIDTH

from .helpers import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(ministry, municipality):
    world(random.Random(7), [ministry, municipality], consultations=8, opinions=30)
    services.figures_rebuild_all()


def test_every_chart_on_the_page_downloads_as_svg_and_png(client, figures):
    page = client.get("/indicators/").content.decode()
    ids = re.findall(r'href="/indicators/charts/([a-z-]+)\.png"', page)
    assert "by-status" in ids and "answered-by-institution" in ids
    for chart_id in ids:
        svg = client.get(f"/indicators/charts/{chart_id}.svg")
        assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
        assert b"<a " not in svg.content  # the page's relative links lead nowhere in a file
        width, height = map(int, re.search(rb'width="(\d+)" height="(\d+)"', svg.content).groups())
        png = client.get(f"/indicators/charts/{chart_id}.png")
        assert png.status_code == 200 and png["Content-Type"] == "image/png"
        assert png["Content-Disposition"].startswith(f'attachment; filename="lidzdaliba-{chart_id}')
        image = Image.open(io.BytesIO(png.content)).convert("L")
        assert image.size == (width * 2, height * 2)
        labels = image.crop((0, 0, LABEL_WIDTH * 2, image.height))
        assert sum(1 for v in labels.getdata() if v < 100) > 100, chart_id  # text was drawn


def test_downloads_follow_the_filters(client, figures, ministry):
    everyone = client.get("/indicators/charts/answered-by-institution.svg").content.decode()
    assert ministry.name in everyone and everyone.count("<rect") == 3  # background + 2 bars
    url = f"/indicators/charts/answered-by-institution.svg?institution={ministry.slug}"
    page = client.get(f"/indicators/?institution={ministry.slug}").content.decode()
    assert url.replace("&", "&amp;") in page
    one = client.get(url).content.decode()
    assert one.count("<rect") == 2


def test_unknown_chart_is_404(client, figures):
    assert client.get("/indicators/charts/nothing.png").status_code == 404
    assert client.get("/indicators/charts/by-status.gif").status_code == 404
