"""A person's eID identity: the Latvian personal code, its keyed hash and its encryption.

The personal code is the strongest identifier a person has, so it is never stored in clear:

- a keyed hash (HMAC-SHA256, key `EID_HASH_KEY`) is what uniqueness is checked on — one
  eID identity, one account, one signature per initiative. An encrypted value cannot be
  unique (Fernet is randomised), a plain hash of an 11-digit number can be reversed by trying
  them all: the key makes it one-way for whoever lacks it;
- the code itself, encrypted with Fernet (AES-CBC + HMAC) under `EID_ENCRYPTION_KEYS`
  (newest first, MultiFernet): only the institution's verification export decrypts it.

Rotating keys: put the new key first in the list (or set the new hash key), then run
`manage.py rotate_eid_keys`, which re-encrypts every code under the newest key and
re-computes every hash; apps that keep hashes (initiatives' signatures) register a
`register_rehash_hook` and get the old → new mapping.

Citizenship and declared municipality: only when the provider gives them as claims
(EID_CLAIM_CITIZENSHIP, EID_CLAIM_MUNICIPALITY); the account keeps no more than eligibility
needs — whether the person is a citizen of Latvia, and the municipality's name as sent.

Dates of birth: codes issued before July 2017 are DDMMYY-CNNNN (C: 0 = 1800s, 1 = 1900s,
2 = 2000s); codes issued since start with 32 and carry none — then only a birth-date claim
from the provider gives it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

PERSONAL_CODE_RE = re.compile(r"^\d{11}$")


class InvalidPersonalCode(ValueError):
    """Not a Latvian personal code."""


def normalise_personal_code(value: str) -> str:
    """The 11 digits of a Latvian personal code, from the forms providers send:
    "010190-12345", "01019012345", "PNOLV-010190-12345" (the ETSI form Smart-ID uses)."""
    text = (value or "").strip().upper()
    if text.startswith("PNOLV-"):
        text = text[len("PNOLV-") :]
    digits = text.replace("-", "").replace(" ", "")
    if not PERSONAL_CODE_RE.match(digits):
        raise InvalidPersonalCode(value)
    if not digits.startswith("32") and birth_date_from_code(digits) is None:
        raise InvalidPersonalCode(value)
    return digits


def birth_date_from_code(code: str) -> date | None:
    """The date of birth an old-format code carries; None for the codes issued since 2017
    (they start with 32) and for anything that is not a date."""
    if code.startswith("32") or not PERSONAL_CODE_RE.match(code):
        return None
    century = {"0": 1800, "1": 1900, "2": 2000}.get(code[6])
    if century is None:
        return None
    try:
        return date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))
    except ValueError:
        return None


def masked(code: str) -> str:
    """What a person sees of their own code outside the export: the first six digits
    hidden, e.g. "******-*2345"."""
    return "******-*" + code[-4:]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# --- keys ------------------------------------------------------------------------------------


def _derived(purpose: str) -> bytes:
    """A key derived from SECRET_KEY, only outside production (settings refuses to start
    production with eID but without its own keys)."""
    return hashlib.sha256(f"lidzdaliba-eid:{purpose}:{settings.SECRET_KEY}".encode()).digest()


def _hash_key() -> bytes:
    return settings.EID_HASH_KEY.encode() if settings.EID_HASH_KEY else _derived("hash")


def _fernet() -> MultiFernet:
    keys = list(settings.EID_ENCRYPTION_KEYS) or [
        base64.urlsafe_b64encode(_derived("encryption")).decode()
    ]
    return MultiFernet([Fernet(key) for key in keys])


def personal_code_hash(code: str) -> str:
    return hmac.new(_hash_key(), code.encode(), hashlib.sha256).hexdigest()


def encrypt(code: str) -> str:
    return _fernet().encrypt(code.encode()).decode()


def decrypt(token: str) -> str:
    """The code in clear, for the verification export and key rotation only."""
    return _fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """The same code encrypted under the newest key."""
    return _fernet().rotate(token.encode()).decode()


# --- claims ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EidIdentity:
    """What an eID sign-in proves about a person."""

    personal_code: str
    full_name: str
    birth_date: date | None
    # None: the provider said nothing about it (the signer declares it instead).
    latvian_citizen: bool | None = None
    municipality: str = ""

    @property
    def code_hash(self) -> str:
        return personal_code_hash(self.personal_code)


PERSONAL_CODE_FALLBACK_CLAIMS = ("personal_code", "serialNumber", "serial_number")
LATVIA_CODES = {"LV", "LVA", "LATVIA", "LATVIJA"}


def claim_value(claims: Mapping, name: str):
    """The claim `name`; a dotted name ("address.region") reads inside object claims."""
    value = claims
    for part in (name or "").split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def citizenship_from_claim(value) -> bool | None:
    """Whether a citizenship claim says "citizen of Latvia": a country code or name, or a
    list of them (OpenID Connect for Identity Assurance's `nationalities`: ISO 3166-1
    alpha-2 or alpha-3), or a boolean. None when there is no usable claim."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return value
    values = value if isinstance(value, list | tuple) else [value]
    return any(str(item).strip().upper() in LATVIA_CODES for item in values)


def municipality_from_claim(value) -> str:
    """The declared municipality's name as the provider sends it (an object claim gives its
    `name`); "" when there is none."""
    if isinstance(value, Mapping):
        value = value.get("name") or ""
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:100]


def identity_from_claims(claims: Mapping) -> EidIdentity:
    """The identity in an OpenID provider's claims. The personal code's claim name is set by
    EID_CLAIM_PERSONAL_CODE (with the common names as fall-backs), the birth date comes from
    the EID_CLAIM_BIRTHDATE claim (ISO date) or else from an old-format code; citizenship
    and the declared municipality from EID_CLAIM_CITIZENSHIP and EID_CLAIM_MUNICIPALITY."""
    names = (settings.EID_CLAIM_PERSONAL_CODE, *PERSONAL_CODE_FALLBACK_CLAIMS)
    raw = next((claims[name] for name in names if claims.get(name)), "")
    code = normalise_personal_code(str(raw))
    birth_date = None
    claimed = claims.get(settings.EID_CLAIM_BIRTHDATE)
    if claimed:
        try:
            birth_date = date.fromisoformat(str(claimed)[:10])
        except ValueError:
            birth_date = None
    birth_date = birth_date or birth_date_from_code(code)
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return EidIdentity(
        personal_code=code,
        full_name=str(name or "").strip(),
        birth_date=birth_date,
        latvian_citizen=citizenship_from_claim(claim_value(claims, settings.EID_CLAIM_CITIZENSHIP)),
        municipality=municipality_from_claim(claim_value(claims, settings.EID_CLAIM_MUNICIPALITY)),
    )


def scrub_claims(data: dict) -> None:
    """Remove the personal code from stored provider data (allauth keeps the claims it got
    in SocialAccount.extra_data), in place, at every level it may sit; and the citizenship
    and municipality claims (a dotted name's whole object claim): the account keeps only
    what eligibility needs of them, in its own fields, which unlinking and erasure clear."""
    names = {
        settings.EID_CLAIM_PERSONAL_CODE,
        *PERSONAL_CODE_FALLBACK_CLAIMS,
        settings.EID_CLAIM_CITIZENSHIP.split(".")[0],
        settings.EID_CLAIM_MUNICIPALITY.split(".")[0],
    }
    for key in list(data):
        if key in names:
            del data[key]
        elif isinstance(data[key], dict):
            scrub_claims(data[key])


def claims_of(extra_data: Mapping) -> dict:
    """allauth's OpenID Connect data: userinfo and ID-token claims, userinfo winning."""
    merged: dict = {}
    merged.update(extra_data.get("id_token") or {})
    merged.update(extra_data.get("userinfo") or {})
    if not merged:
        merged.update(extra_data)
    return merged


# --- apps that keep hashes -------------------------------------------------------------------

RehashHook = Callable[[Mapping[str, str]], int]
_rehash_hooks: list[RehashHook] = []


def register_rehash_hook(hook: RehashHook) -> None:
    """An app that stores personal-code hashes updates them when the hash key changes:
    `hook({old_hash: new_hash})` returns how many rows it changed."""
    if hook not in _rehash_hooks:
        _rehash_hooks.append(hook)


def rehash_hooks() -> list[RehashHook]:
    return list(_rehash_hooks)
