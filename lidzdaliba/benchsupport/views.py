"""Trivial views served by the same server, through the same middleware, as the real pages:
the baselines of bench/load.py. Never installed in a real deployment."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import BenchmarkRow


@require_GET
def read(request: HttpRequest) -> HttpResponse:
    """A short text, no database: the cheapest page Django can serve."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def insert(request: HttpRequest) -> JsonResponse:
    """Parse a JSON body and insert one row: the cheapest write Django can make."""
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "bad_json"}, status=400)
    text = str(payload.get("text", ""))[:200] if isinstance(payload, dict) else ""
    row = BenchmarkRow.objects.create(text=text)
    return JsonResponse({"id": row.pk}, status=201)
