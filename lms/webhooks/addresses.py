"""Where a webhook may be sent: an http(s) URL whose host resolves only to public addresses.

Checked when an admin registers the URL and again before every attempt, against the addresses
the request then connects to (a name that resolved to a public address at registration may
resolve to 127.0.0.1 later: DNS rebinding). WEBHOOKS_ALLOW_PRIVATE lifts the rule, and allows
plain http, for a receiver on the same machine or network (development, tests)."""
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app

from lms.refusal import N_, Refusal

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(Refusal):
    """The URL may not receive webhooks; the message says why."""


class HostNotFound(AddressRefused):
    """The host does not resolve (now: it may later)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str          # as in the URL: sent as Host, and the name the TLS certificate must carry
    port: int
    path: str          # path and query
    addresses: tuple[str, ...]   # what the host resolved to, every one allowed


def is_public(address: IPAddress) -> bool:
    """Not private, loopback, link-local, multicast, reserved or otherwise special."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_multicast or address.is_reserved
                                      or address.is_link_local or address.is_loopback
                                      or address.is_private or address.is_unspecified)


def parse(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of a URL a webhook may name, or AddressRefused."""
    allow_private = current_app.config["WEBHOOKS_ALLOW_PRIVATE"]
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise AddressRefused(N_("This is not a valid URL.")) from error
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        raise AddressRefused(N_("The URL must start with https://."))
    if not parts.hostname:
        raise AddressRefused(N_("The URL must name a host."))
    if parts.username or parts.password:
        raise AddressRefused(N_("The URL must not contain a user name or password: the "
                                "signature proves that a delivery comes from this site."))
    if parts.fragment:
        raise AddressRefused(N_("The URL must not contain a fragment (#...)."))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve(url: str) -> Target:
    """The URL's host resolved, every address checked; AddressRefused if any is not public
    (unless WEBHOOKS_ALLOW_PRIVATE) or if the host does not resolve."""
    scheme, host, port, path = parse(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise HostNotFound(N_("The host %(host)s could not be found."), host=host) from error
    addresses = tuple(dict.fromkeys(info[4][0] for info in found))
    if not current_app.config["WEBHOOKS_ALLOW_PRIVATE"]:
        for address in addresses:
            if not is_public(ipaddress.ip_address(address.split("%")[0])):
                raise AddressRefused(
                    N_("%(host)s resolves to %(address)s, a private, loopback or reserved "
                       "address: webhooks are sent only to public addresses."),
                    host=host, address=address)
    return Target(scheme, host, port, path, addresses)
