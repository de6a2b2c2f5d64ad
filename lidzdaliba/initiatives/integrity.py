"""What a signature records against fraud, as pure functions (no database).

The UK Parliament's petitions taught that the cheap ways to sign twice are one mailbox
under several spellings (`Jan.Ozols@gmail.com`, `janozols+1@gmail.com`), throw-away
mailboxes, and scripts from one network. So every signature keeps:

- a keyed digest of the signer's *normalised* e-mail address (case folded, `+tags` cut,
  Gmail's dots dropped), unique per initiative — one mailbox signs once, whatever account
  it hides behind;
- the e-mail domain (to see and, by a stated rule, invalidate signatures of one domain);
- whether the domain is a known disposable-mail provider (flagged, never silently
  dropped: the institution decides, with a reason);
- the client's *network*, never its address: an IPv4 address cut to its /24, an IPv6 one
  to its /48, enough to see a burst from one network and too coarse to name a household.
"""

from __future__ import annotations

import ipaddress

from disposable_email_domains import blocklist as DISPOSABLE_DOMAINS
from django.utils.crypto import salted_hmac

# Providers whose mailboxes ignore dots in the local part.
DOTLESS_PROVIDERS = {"gmail.com", "googlemail.com"}
# Same mailbox, another name.
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
IPV4_PREFIX = 24
IPV6_PREFIX = 48


def normalise_email(address: str) -> str:
    """The mailbox an address delivers to, as one canonical string.

    Case is folded everywhere (no provider of note treats it as significant); a `+tag`
    (RFC 5233 sub-addressing) is cut for every domain, since telling two people apart by
    what follows a plus is not a case anyone has; dots are dropped only where the provider
    ignores them (Gmail)."""
    address = (address or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    domain = DOMAIN_ALIASES.get(domain, domain)
    local = local.split("+", 1)[0]
    if domain in DOTLESS_PROVIDERS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_key(address: str) -> str:
    """A keyed digest of the normalised address: unique per initiative without storing the
    address a second time (the key is the deployment's SECRET_KEY)."""
    return salted_hmac(
        "lidzdaliba.initiatives.email-key", normalise_email(address), algorithm="sha256"
    ).hexdigest()


def email_domain(address: str) -> str:
    domain = (address or "").strip().lower().rpartition("@")[2]
    return DOMAIN_ALIASES.get(domain, domain)


def is_disposable(domain: str) -> bool:
    """Is `domain` (or a domain it is under) on the maintained list of throw-away mail
    providers (PyPI `disposable-email-domains`)?"""
    domain = (domain or "").strip().lower().rstrip(".")
    parts = domain.split(".")
    return any(".".join(parts[i:]) in DISPOSABLE_DOMAINS for i in range(len(parts) - 1))


def client_network(client: str) -> str:
    """The network of a client address (`core.ratelimits.client_ip`), as "a.b.c.0/24" or
    "x:y:z::/48"; "" when unknown. The address itself is never kept."""
    if not client:
        return ""
    try:
        network = ipaddress.ip_network(client, strict=False)
    except ValueError:
        return ""
    prefix = IPV4_PREFIX if network.version == 4 else IPV6_PREFIX
    if network.prefixlen < prefix:
        return str(network)
    return str(network.supernet(new_prefix=prefix))
