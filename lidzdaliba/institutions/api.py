from __future__ import annotations

from enum import StrEnum

from ninja import Router, Schema

from .models import Institution

router = Router(tags=["institutions"])

# Its own name in the OpenAPI document: Django's TextChoices are all called "Kind".
InstitutionKind = StrEnum("InstitutionKind", {k.name: k.value for k in Institution.Kind})


class InstitutionOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    kind: InstitutionKind
    parent_id: int | None
    territory: str
    website: str
    email: str

    @staticmethod
    def resolve_territory(obj: Institution) -> str:
        return obj.territory.slug


@router.get("", response=list[InstitutionOut])
def list_institutions(request):
    """Every institution (state and municipal), with its territory slug."""
    return Institution.objects.select_related("territory").order_by("name")
