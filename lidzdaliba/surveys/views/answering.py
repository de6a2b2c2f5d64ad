"""The answer form: posted fields to values in the API's shape, and back (to show saved
progress). Field names: `q<id>`, `q<id>_other`, `q<id>_r<option>` (a ranking's place),
`q<id>_m<row>` (a matrix row)."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from ..answers import OTHER
from ..models import Question

Kind = Question.Kind


def parse_answers(questions: list[Question], data: QueryDict) -> dict[int, Any]:
    values: dict[int, Any] = {}
    for q in questions:
        name = f"q{q.pk}"
        other = data.get(f"{name}_other", "").strip()
        if q.kind in (Kind.SCALE, Kind.TEXT):
            value = data.get(name, "").strip()
            if value:
                values[q.pk] = value
        elif q.kind == Kind.SINGLE:
            value = data.get(name, "")
            if value == OTHER:
                value = other
            if value:
                values[q.pk] = value
        elif q.kind == Kind.MULTIPLE:
            chosen = [other if v == OTHER else v for v in data.getlist(name)]
            chosen = [v for v in chosen if v]
            if chosen:
                values[q.pk] = chosen
        elif q.kind == Kind.RANKING:
            places = []
            for i, label in enumerate(q.options):
                place = data.get(f"{name}_r{i}", "")
                if place.isdigit():
                    places.append((int(place), label))
            if places:
                values[q.pk] = [label for _place, label in sorted(places)]
        elif q.kind == Kind.MATRIX:
            row_values = {
                label: data.get(f"{name}_m{i}")
                for i, label in enumerate(q.rows)
                if data.get(f"{name}_m{i}")
            }
            if row_values:
                values[q.pk] = row_values
    return values


def form_items(questions: list[Question], values: dict[int, Any], errors: dict) -> list[dict]:
    """What the template needs for each question: its current value(s) and error."""
    items = []
    for q in questions:
        value = values.get(q.pk)
        item: dict[str, Any] = {"q": q, "error": errors.get(str(q.pk), [""])[0], "value": value}
        if q.kind == Kind.SCALE:
            item["choices"] = [
                {"value": str(n), "checked": str(value) == str(n)}
                for n in range(1, q.scale_max + 1)
            ]
        elif q.kind in (Kind.SINGLE, Kind.MULTIPLE):
            given = [value] if isinstance(value, str) else list(value or [])
            item["choices"] = [{"value": label, "checked": label in given} for label in q.options]
            item["other"] = next((v for v in given if v not in q.options), "")
        elif q.kind == Kind.RANKING:
            order = list(value or [])
            item["choices"] = [
                {
                    "index": i,
                    "label": label,
                    "place": order.index(label) + 1 if label in order else None,
                }
                for i, label in enumerate(q.options)
            ]
            item["places"] = list(range(1, len(q.options) + 1))
        elif q.kind == Kind.MATRIX:
            given = dict(value or {})
            item["matrix"] = [
                {
                    "index": i,
                    "label": label,
                    "choices": [
                        {"value": str(n), "checked": str(given.get(label)) == str(n)}
                        for n in range(1, q.scale_max + 1)
                    ],
                }
                for i, label in enumerate(q.rows)
            ]
        items.append(item)
    return items
