"""People find the indicators: every page's header links to the public figures, and the
coordinator's desk (only the coordinator's) links to the dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_links_to_the_public_indicators(client):
    page = client.get("/").content.decode()
    assert f'href="{reverse("monitoring:public")}"' in page


@pytest.mark.parametrize("who, sees_link", [("coordinator", True), ("editor", False)])
def test_only_the_coordinators_desk_links_to_the_dashboard(client, request, who, sees_link):
    client.force_login(request.getfixturevalue(who))
    page = client.get("/officer/").content.decode()
    assert (f'href="{reverse("monitoring:dashboard")}"' in page) is sees_link
