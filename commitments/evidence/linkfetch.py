"""Fetch an evidence link safely: the one way the app reads a page someone else names.

Only http(s). The host is resolved once and every address it resolves to is checked (no private,
loopback, link-local, reserved or multicast address unless EVIDENCE_LINK_ALLOW_PRIVATE); the
connection is then made to the checked address itself, with the name kept for the Host header, TLS
SNI and certificate check, so a second DNS answer (rebinding) is never used. Redirects are followed
by hand, each hop checked the same way. Body size and total time are capped. HTTP itself is urllib3's.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urljoin

import urllib3
from urllib3.util import Url, parse_url

USER_AGENT = "OGP-Tracker-evidence-check/1.0 (+https://www.opengovpartnership.org/)"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class Failure(StrEnum):
    """Why a check got no answer to judge by, stored as a code (`EvidenceLink.error_code`) and worded
    in the reader's language there; `Fetched.error` keeps the technical detail."""

    INVALID = "invalid"  # not a web address, or no host
    SCHEME = "scheme"  # not http(s)
    DNS = "dns"  # the host name does not resolve
    PRIVATE = "private"  # it resolves to a private, local or reserved address
    REDIRECTS = "redirects"  # more than Limits.max_redirects
    TIMEOUT = "timeout"
    TLS = "tls"  # the certificate or the TLS handshake failed
    CONNECTION = "connection"  # refused, reset or dropped


class Refused(Exception):
    """The link may not be fetched (scheme, address, too many redirects): `code` says why."""

    def __init__(self, code: Failure, detail: str = "") -> None:
        super().__init__(detail or code.value)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    allow_private: bool = False
    timeout: float = 10.0  # seconds, for the whole fetch, redirects included
    max_bytes: int = 20 * 1024 * 1024  # read at most this much of a body
    max_redirects: int = 5
    keep_bytes: int = 0  # keep the body (for a stored copy) when it is at most this long


@dataclass
class Fetched:
    """What one check saw. `error_code` (a `Failure`) is set when there was no final answer (refused,
    no connection), with its technical detail in `error`."""

    url: str
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    size: int | None = None  # bytes read; the body was longer if `truncated`
    truncated: bool = False
    sha256: str = ""
    elapsed_ms: int = 0
    error_code: str = ""
    error: str = ""
    body: bytes = field(default=b"", repr=False)

    @property
    def ok(self) -> bool:
        return not self.error_code and self.status is not None and self.status < 400


def address_allowed(address: str, *, allow_private: bool) -> bool:
    """A public unicast address, or anything when private addresses are allowed."""
    if allow_private:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _checked_target(url: str, limits: Limits) -> tuple[Url, str, int]:
    """The parsed URL, the one address to connect to and the port; raises Refused."""
    try:
        parsed = parse_url(url)
    except urllib3.exceptions.LocationParseError:
        raise Refused(Failure.INVALID) from None
    if parsed.scheme not in ("http", "https"):
        raise Refused(Failure.SCHEME, parsed.scheme or "none")
    host = (parsed.host or "").strip("[]")
    if not host:
        raise Refused(Failure.INVALID, "no host")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise Refused(Failure.DNS, f"{host}: {exc}") from None
    if not addresses:
        raise Refused(Failure.DNS, host)
    # Fail closed: one private answer among public ones is refused too.
    for address in addresses:
        if not address_allowed(address, allow_private=limits.allow_private):
            raise Refused(Failure.PRIVATE, f"{host}: {address}")
    return parsed, addresses[0], port


def _pool(parsed: Url, address: str, port: int, timeout: float) -> urllib3.HTTPConnectionPool:
    host = (parsed.host or "").strip("[]")
    options = {
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "retries": False,
        "maxsize": 1,
    }
    if parsed.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            **options,
        )
    return urllib3.HTTPConnectionPool(address, port, **options)


def fetch(url: str, limits: Limits) -> Fetched:
    """GET `url` under `limits`, following redirects; never raises for a network failure."""
    started = time.monotonic()
    result = Fetched(url=url)
    current = url
    try:
        for _hop in range(limits.max_redirects + 1):
            remaining = limits.timeout - (time.monotonic() - started)
            if remaining <= 0:
                raise Refused(Failure.TIMEOUT)
            parsed, address, port = _checked_target(current, limits)
            host_header = parsed.netloc  # without any user:password
            with _pool(parsed, address, port, remaining) as pool:
                response = pool.urlopen(
                    "GET",
                    parsed.request_uri,
                    headers={"Host": host_header, "User-Agent": USER_AGENT, "Accept": "*/*"},
                    redirect=False,
                    preload_content=False,
                    assert_same_host=False,
                )
                try:
                    if response.status in REDIRECT_CODES and response.headers.get("Location"):
                        current = urljoin(current, response.headers["Location"])
                        continue
                    result.final_url = current
                    result.status = response.status
                    result.content_type = response.headers.get("Content-Type", "")[:200]
                    _read_body(response, result, limits, started)
                    return result
                finally:
                    response.release_conn()
        raise Refused(Failure.REDIRECTS, f"more than {limits.max_redirects}")
    except Refused as exc:
        result.error_code, result.error = exc.code, exc.detail
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        result.error_code, result.error = _failure_of(exc), type(exc).__name__
    finally:
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
        if result.error_code:
            result.final_url = result.final_url or current
    return result


def _failure_of(exc: Exception) -> Failure:
    if isinstance(exc, urllib3.exceptions.SSLError | ssl.SSLError):
        return Failure.TLS
    if isinstance(exc, urllib3.exceptions.TimeoutError | TimeoutError):
        return Failure.TIMEOUT
    return Failure.CONNECTION


def _read_body(response, result: Fetched, limits: Limits, started: float) -> None:
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(64 * 1024):
        room = limits.max_bytes - size
        if len(chunk) > room:
            chunk, result.truncated = chunk[:room], True
        digest.update(chunk)
        size += len(chunk)
        if size <= limits.keep_bytes:
            chunks.append(chunk)
        if result.truncated:
            break
        if time.monotonic() - started > limits.timeout:
            raise Refused(Failure.TIMEOUT)
    result.size = size
    result.sha256 = digest.hexdigest()
    if size <= limits.keep_bytes and not result.truncated:
        result.body = b"".join(chunks)
