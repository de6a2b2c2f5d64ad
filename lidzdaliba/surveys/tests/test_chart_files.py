"""Result charts download as SVG and as PNG drawn from the very same SVG: the PNG is sharp
(twice the size), has its text drawn, and hides what the public may not see, as the page."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from lidzdaliba.surveys import services
from lidzdaliba.surveys.charts import LABEL_WIDTH
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey):
    """Six of the public and three officers answered."""
    q = survey.q
    people = [factories.UserFactory() for _ in range(6)]
    people += [factories.officer(factories.InstitutionFactory(), "editor") for _ in range(3)]
    for i, person in enumerate(people):
        services.response_save(
            person=person,
            survey=survey,
            answers={
                q["Cik apmierināts?"].pk: 3 + i % 7,
                q["Vai piedalījāties?"].pk: "Nē",
                q["Kāpēc?"].pk: "Atzinumi netiek ņemti vērā",
            },
        )
    return survey


def _png(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('.png"')
    return Image.open(io.BytesIO(response.content)).convert("RGB")


def _svg_size(svg: bytes) -> tuple[int, int]:
    found = re.search(rb'<svg[^>]* width="(\d+)" height="(\d+)"', svg)
    assert found
    return int(found.group(1)), int(found.group(2))


def _dark(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels darker than mid-grey in `box`: text is #222, the bars are coloured."""
    grey = image.crop(box).convert("L")
    return sum(1 for value in grey.getdata() if value < 100)


def test_bar_chart_png_is_the_svg_drawn_twice_as_large_with_its_text(client, answered):
    q = answered.q["Cik apmierināts?"]
    base = f"/surveys/{answered.pk}/results/{q.pk}"
    page = client.get(f"/surveys/{answered.pk}/results/").content.decode()
    assert f"{base}.png" in page and f"{base}.svg" in page
    svg = client.get(f"{base}.svg")
    width, height = _svg_size(svg.content)
    image = _png(client.get(f"{base}.png"))
    assert image.size == (width * 2, height * 2)
    colours = image.getcolors(maxcolors=100_000)
    assert colours and len(colours) > 10  # not blank: bars, anti-aliased text
    # The labels' column holds only text: dark pixels there mean the font was found.
    assert _dark(image, (0, 0, LABEL_WIDTH * 2, image.height)) > 200


def test_word_cloud_png_draws_the_words(client, answered):
    q = answered.q["Kāpēc?"]
    image = _png(client.get(f"/surveys/{answered.pk}/results/{q.pk}.png"))
    width, height = _svg_size(client.get(f"/surveys/{answered.pk}/results/{q.pk}.svg").content)
    assert image.size == (width * 2, height * 2)
    white = image.getcolors(maxcolors=100_000)
    assert white is not None
    assert sum(n for n, colour in white if colour != (255, 255, 255)) > 500


def test_png_hides_small_groups_from_the_public_as_the_page_does(client_for, editor, answered):
    q = answered.q["Cik apmierināts?"]
    url = f"/surveys/{answered.pk}/results/{q.pk}.png?group=institutions"  # three answered
    public = client_for(None)
    assert public.get(url).status_code == 404
    assert public.get(url.replace(".png", ".svg")).status_code == 404
    owner = client_for(editor)
    assert _png(owner.get(url)).size[0] == 1280  # the owners see everything
    # The page's links download the chart as filtered on the page.
    page = owner.get(f"/surveys/{answered.pk}/results/?group=institutions").content.decode()
    assert f"/surveys/{answered.pk}/results/{q.pk}.png?group=institutions" in page


def test_png_follows_the_results_permission(client_for, editor, resident, answered):
    answered.results_public = False
    answered.save(update_fields=["results_public"])
    url = f"/surveys/{answered.pk}/results/{answered.q['Cik apmierināts?'].pk}.png"
    assert client_for(resident).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404
    _png(client_for(editor).get(url))
    assert client_for(editor).get(f"/surveys/{answered.pk}/results/999999.png").status_code == 404


def test_a_very_tall_chart_is_scaled_down_not_drawn_huge():
    from lidzdaliba.core.images import MAX_PIXELS, svg_to_png
    from lidzdaliba.surveys.charts import bar_chart

    labels = [f"Iespēja {i}" for i in range(300)]
    svg = bar_chart("Daudz iespēju", labels, [("", list(range(300)))])
    image = Image.open(io.BytesIO(svg_to_png(svg)))
    width, _height = _svg_size(svg.encode())
    assert image.size[0] * image.size[1] <= MAX_PIXELS * 1.01
    assert width < image.size[0] < width * 2  # smaller than twice, still larger than once
