"""Logging without personal data: e-mail addresses and secret tokens never reach a log."""

from __future__ import annotations

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Secrets in URLs: subscription tokens, e-mail confirmation keys, API tokens, survey
# invitation links and the private links that resume a survey's saved answers.
URL_SECRET = re.compile(
    r"(/(?:subscriptions/(?:confirm|unsubscribe|manage)|accounts/confirm-email|"
    r"accounts/password/reset/key|surveys/i|surveys/\d+/resume)/)[^/\s\"']+"
)
BEARER = re.compile(r"(ldz_)[\w-]+")


def mask(text: str) -> str:
    text = EMAIL.sub("[e-mail]", text)
    text = URL_SECRET.sub(r"\1[secret]", text)
    return BEARER.sub(r"\1[secret]", text)


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            try:
                record.msg = record.msg % record.args
            except (TypeError, ValueError):
                record.msg = f"{record.msg} {record.args}"
            record.args = None
        record.msg = mask(str(record.msg))
        return True
