"""Put on PYTHONPATH of the app server in the no-network browser test: every connection or name
lookup that would leave this machine is refused and written to $PERSONA_NET_LOG, so the test
sees any telemetry, font or CDN fetch the server attempts."""

import os
import socket

LOCAL = ("127.", "::1", "localhost", "0.0.0.0", "")
_connect, _connect_ex, _getaddrinfo = (socket.socket.connect, socket.socket.connect_ex,
                                       socket.getaddrinfo)


def _leaves(host) -> bool:
    return not str(host or "").startswith(LOCAL)


def _refuse(what: str) -> None:
    with open(os.environ["PERSONA_NET_LOG"], "a", encoding="utf-8") as log:
        log.write(what + "\n")
    raise OSError(101, f"Network is unreachable (blocked by the test): {what}")


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and _leaves(address[0]):
        _refuse(f"connect {address}")
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and _leaves(address[0]):
        _refuse(f"connect {address}")
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if _leaves(host) and host != socket.gethostname():
        _refuse(f"resolve {host}")
    return _getaddrinfo(host, *args, **kwargs)


if os.environ.get("PERSONA_NET_LOG"):
    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.getaddrinfo = getaddrinfo
