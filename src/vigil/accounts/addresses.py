"""The client's address, trusting X-Forwarded-For only from the proxies VIGIL_TRUSTED_PROXIES names."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request: HttpRequest) -> str:
    """Return the address of the client that sent the request.

    A client can write any X-Forwarded-For it likes, so the header counts only when the peer is a
    trusted proxy; then the address is the nearest one, reading from the right, that is not a trusted
    proxy itself (what a client wrote further left is never believed).
    """
    peer = _ip(request.META.get("REMOTE_ADDR", "")) or ipaddress.IPv4Address(0)  # no peer: a placeholder
    trusted = trusted_proxies()
    if not _within(peer, trusted):
        return str(peer)
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _ip(hop)
        if address is None:
            break  # a garbled header: stop at the last address known good
        peer = address
        if not _within(address, trusted):
            break
    return str(peer)


def trusted_proxies() -> list[Network]:
    """Return the networks of VIGIL_TRUSTED_PROXIES (addresses or CIDR ranges); none by default."""
    return [ipaddress.ip_network(item, strict=False) for item in getattr(settings, "VIGIL_TRUSTED_PROXIES", [])]


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _within(address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: list[Network]) -> bool:
    return any(address.version == network.version and address in network for network in networks)
