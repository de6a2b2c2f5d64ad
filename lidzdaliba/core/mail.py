"""Rendering and sending one e-mail in the recipient's language (text and HTML parts)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    *, to: str, template: str, context: dict, language: str = "lv", headers: dict | None = None
) -> None:
    """Send `<template>_subject.txt`, `<template>.txt` and `<template>.html` to one address."""
    with translation.override(language):
        context = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = " ".join(subject.split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()
