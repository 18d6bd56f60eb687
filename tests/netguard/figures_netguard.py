"""Refuse every network connection and name lookup outside the loopback range, in any test process.

Installed in the pytest process by tests/conftest.py and, through sitecustomize.py on PYTHONPATH,
in every Python process the tests start (nbval's kernels, the CLI). The check runs before the real
connect, so a refused connection never leaves the machine.
"""

from __future__ import annotations

import ipaddress
import socket

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlockedError(ConnectionRefusedError):
    """A test tried to reach an address outside 127.0.0.0/8 or ::1."""


def is_local(host: object) -> bool:
    """True for loopback addresses and names that can only mean this machine."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(address: object) -> None:
    if isinstance(address, (str, bytes)):  # AF_UNIX paths
        return
    host = address[0] if isinstance(address, tuple) and address else address
    if not is_local(host):
        raise NetworkBlockedError(f"network access outside 127.0.0.1 is forbidden in tests: {address!r}")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def guarded_connect(self, address):
    _check(address)
    return _real_connect(self, address)


def guarded_connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)


def guarded_getaddrinfo(host, *args, **kwargs):
    _check((host,))
    return _real_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    socket.socket.connect = guarded_connect
    socket.socket.connect_ex = guarded_connect_ex
    socket.getaddrinfo = guarded_getaddrinfo


def installed() -> bool:
    return socket.socket.connect is guarded_connect and socket.getaddrinfo is guarded_getaddrinfo
