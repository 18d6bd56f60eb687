"""One HTTP GET within one wall-clock limit, connect and every read included, redirects not followed.

`requests`' timeout bounds each socket operation, not the request: a server that sends one byte a
second never trips it. Here the request runs in a thread of its own, and when the limit passes, its
connections are shut down under it, so that it ends at once and nothing is left running.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

MAX_BODY_BYTES = 1_000_000
"""Longest answer read (a day's rates are about 1 kB): a server that sends more is cut off."""
_CHUNK_BYTES = 65_536
_JOIN_AFTER_CUT_S = 2.0


class RequestCutOff(Exception):
    """The request did not complete within its limit (connect, headers and body together).

    >>> str(RequestCutOff("http://127.0.0.1:9/api/2018-07-03"))
    'http://127.0.0.1:9/api/2018-07-03'
    """


class BodyTooLarge(Exception):
    """The answer's body is longer than the request's limit (`MAX_BODY_BYTES` unless told).

    >>> issubclass(BodyTooLarge, Exception)
    True
    """


@dataclass(frozen=True)
class Answer:
    """A server's answer, read whole: status, headers, body.

    >>> Answer(200, {"Content-Type": "application/json"}, b"{}").status
    200
    """

    status: int
    headers: dict[str, str]
    body: bytes


class DeadlineSession:
    """A `requests` session whose GETs each end within a limit, whatever the server does.

    >>> session = DeadlineSession()
    >>> session.get("http://127.0.0.1:9/api/", params={}, limit_s=1)  # nothing listens on port 9
    Traceback (most recent call last):
    requests.exceptions.ConnectionError: ...
    >>> session.close()
    """

    def __init__(self) -> None:
        self._connections: set = set()
        self._lock = threading.Lock()
        self._cut = threading.Event()
        self._session = requests.Session()
        adapter = _TrackingAdapter(self)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def get(self, url: str, *, params: dict[str, str], limit_s: float, max_bytes: int = MAX_BODY_BYTES) -> Answer:
        """GET `url` and read its answer within `limit_s` seconds; a redirect is returned, not followed.

        Raises `RequestCutOff` when the limit passes, `BodyTooLarge` past `max_bytes`, and
        `requests`' own errors (refused, reset) as they come.

        >>> DeadlineSession().get("http://127.0.0.1:9/", params={}, limit_s=0.5)
        Traceback (most recent call last):
        requests.exceptions.ConnectionError: ...
        """
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["answer"] = self._get(url, params, limit_s, max_bytes)
            except BaseException as error:  # handed to the caller's thread
                outcome["error"] = error

        worker = threading.Thread(target=run, name="figures-live-request", daemon=True)
        worker.start()
        worker.join(limit_s)
        if worker.is_alive():
            self._cut.set()
            self._shutdown_connections()
            worker.join(_JOIN_AFTER_CUT_S)
            raise RequestCutOff(url)
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["answer"]  # type: ignore[return-value]

    def __reduce__(self):
        """Pickled as a new session (its connections and threads stay with the process that opened them):
        a rate table goes to the chart workers whole.

        >>> import pickle
        >>> isinstance(pickle.loads(pickle.dumps(DeadlineSession())), DeadlineSession)
        True
        """
        return DeadlineSession, ()

    def close(self) -> None:
        """Close every connection.

        >>> DeadlineSession().close()
        """
        self._session.close()

    def _get(self, url: str, params: dict[str, str], limit_s: float, max_bytes: int) -> Answer:
        # The socket's own timeout lies past the deadline, so that the deadline (`get`), not a read that happened
        # to time out at the same moment, says why the answer was cut off.
        timeout = limit_s + _JOIN_AFTER_CUT_S
        with self._session.get(url, params=params, timeout=timeout, allow_redirects=False, stream=True) as response:
            body = bytearray()
            for chunk in response.iter_content(_CHUNK_BYTES):
                body += chunk
                if len(body) > max_bytes:
                    raise BodyTooLarge(url)
            return Answer(response.status_code, dict(response.headers), bytes(body))

    def _register(self, connection) -> None:
        with self._lock:
            self._connections.add(connection)
        if self._cut.is_set():
            self._shutdown_connections()

    def _shutdown_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
            self._connections.clear()
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is None:
                continue
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked on it, in any thread


class _TrackingAdapter(HTTPAdapter):
    """An adapter whose connections the session can shut down from another thread."""

    def __init__(self, owner: DeadlineSession) -> None:
        self._owner = owner
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        owner = self._owner

        class Plain(HTTPConnection):
            def connect(self) -> None:
                super().connect()
                owner._register(self)

        class Secure(HTTPSConnection):
            def connect(self) -> None:
                super().connect()
                owner._register(self)

        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PlainPool", (HTTPConnectionPool,), {"ConnectionCls": Plain}),
            "https": type("SecurePool", (HTTPSConnectionPool,), {"ConnectionCls": Secure}),
        }
