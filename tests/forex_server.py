"""A real HTTP server on 127.0.0.1 that speaks the forex-python API's JSON, and misbehaves on request.

GET /api/<YYYY-MM-DD>?base=EUR answers {"base": "EUR", "date": <last ECB fixing on or before>,
"rates": {...}} from the embedded ECB snapshot, read here with the csv module. `mode` picks a
failure: "ok", "500", "html", "badjson", "missing" (no CNY), "lie" (a date years away), "hang"
(accepts, never answers), "slow" (answers after `delay_s`), "drip" (the whole answer, headers
included, one byte every `delay_s`, as a slow or hostile server would), "redirect" (HTTP 302 to
`location`). `answer` overrides fields of the JSON answer ("date", "base") and `rates` the rates it
gives (a rate of 1e300 for USD, say).
"""

from __future__ import annotations

import bisect
import contextlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpers import ecb_rows

_ROWS = None
_DATES = None


def _fixing_on_or_before(day: str) -> dict[str, str]:
    global _ROWS, _DATES
    if _ROWS is None:
        _ROWS = ecb_rows()
        _DATES = [row["date"] for row in _ROWS]  # ISO dates sort as text
    return _ROWS[bisect.bisect_right(_DATES, day) - 1]


class LocalServer:
    """A server on 127.0.0.1, on a free port, in a thread of its own while in a `with` block, that counts the
    requests it gets and misbehaves as `mode` says."""

    def __init__(self, mode: str, delay_s: float, location: str) -> None:
        self.mode = mode
        self.delay_s = delay_s
        self.location = location
        self.requests = 0
        self.release = threading.Event()

    def serve(self, handler, path: str) -> None:
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"
        # Polled often: `shutdown` waits for the loop's next poll (half a second by default), in every test.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(BaseHTTPRequestHandler):
    # HTTP/1.1: a client's connection is kept alive between requests, as a real API's would be.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def log_message(self, *args):
        pass


class ForexServer(LocalServer):
    def __init__(
        self,
        mode: str = "ok",
        delay_s: float = 0.0,
        *,
        answer: dict | None = None,
        rates: dict | None = None,
        location: str = "",
    ):
        super().__init__(mode, delay_s, location)
        self.answer = answer or {}
        self.rates = rates or {}
        server = self

        class Handler(QuietHandler):
            def do_GET(self):
                server.requests += 1
                if server.mode == "hang":
                    server.release.wait(30)
                    return
                if server.mode == "slow":
                    time.sleep(server.delay_s)
                if server.mode == "500":
                    return self._send(500, "text/plain", b"internal error")
                if server.mode == "html":
                    return self._send(200, "text/html; charset=utf-8", b"<html><body>Maintenance</body></html>")
                if server.mode == "badjson":
                    return self._send(200, "application/json", b'{"base": "EUR", "rates": {')
                if server.mode == "redirect":
                    return redirect(self, server.location)
                day = self.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
                row = _fixing_on_or_before(day)
                rates = {code: float(value) for code, value in row.items() if code != "date" and value}
                if server.mode == "missing":
                    rates.pop("CNY")
                rates.update(server.rates)
                answered = "2026-10-30" if server.mode == "lie" else row["date"]
                body = json.dumps({"base": "EUR", "date": answered, "rates": rates, **server.answer}).encode()
                if server.mode == "drip":
                    return drip(self, server, "application/json", body)
                return self._send(200, "application/json", body)

            def _send(self, status, content_type, body):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.serve(Handler, "/api/")


def redirect(handler: BaseHTTPRequestHandler, location: str) -> None:
    """Answer HTTP 302 to `location`."""
    handler.send_response(302)
    handler.send_header("Location", location)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def drip(handler: BaseHTTPRequestHandler, server, content_type: str, body: bytes) -> None:
    """Send the whole answer, headers included, one byte every `server.delay_s`, as a slow or hostile server would."""
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    for byte in head.encode() + body:
        if server.release.wait(server.delay_s):
            return  # the test is over
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client hung up first (its timeout, under test): expected, and no test's output
        super().handle_error(request, client_address)


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/"
