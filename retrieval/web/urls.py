"""Canonical URLs: an article's identity, so one article under two addresses is one document."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say where a reader came from, never which article it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
_TRACKING_KEYS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src",
                            "cmpid", "ocid", "at_medium", "at_campaign", "amp"})  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """`url` with its scheme and host in lower case, no default port, fragment or tracking
    parameters, the remaining parameters sorted and a bare path as `/`."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_KEYS
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def site_of(url: str) -> str:
    """The host without a leading `www.`: two URLs of one site share it."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def canonical_url(fetched: str, declared: str | None) -> str:
    """The article's identity: the canonical URL the page declares when it is on the same site
    (a page cannot claim another site's article and replace it), else the address fetched."""
    if declared and urlsplit(declared).scheme in ("http", "https") and site_of(declared) == site_of(fetched):
        return normalize_url(declared)
    return normalize_url(fetched)
