"""Errors services raise for the edges to translate into HTTP answers.

Bad input is Django's ValidationError (→ 400/422), a missing right is PermissionDenied
(→ 403); `Conflict` is a valid request the current state does not allow (→ 409), such as
an opinion on a closed consultation.
"""

from __future__ import annotations


class Conflict(Exception):
    def __init__(self, message: str, code: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
