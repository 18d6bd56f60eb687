"""The ECB's history file as a real HTTP server on 127.0.0.1 would serve it, and misbehave with it, for
`figures rates update`; and zips of that history made by hand.

`EcbServer(body)` answers every GET with `body` (a zip's bytes); `mode` picks a failure: "ok", "500",
"drip" (the whole answer, headers included, one byte every `delay_s`), "hang" (accepts, never answers),
"redirect" (HTTP 302 to `location`).
"""

from __future__ import annotations

import io
import zipfile

from forex_server import LocalServer, QuietHandler, drip, redirect
from helpers import ecb_rows

MEMBER = "eurofxref-hist.csv"


def ecb_history_text(extra: list[dict[str, str]] = (), *, through: str | None = None) -> str:
    """The embedded snapshot's history as the ECB publishes it (header `Date`, newest day first, `N/A` where no
    rate, a comma ending each line), up to `through` (included), with the `extra` days after it."""
    rows = [row for row in ecb_rows() if through is None or row["date"] <= through]
    codes = [code for code in rows[0] if code != "date"]
    lines = ["Date," + ",".join(codes) + ","]
    for row in reversed([*rows, *extra]):
        cells = [row.get(code) or "N/A" for code in codes]
        lines.append(row["date"] + "," + ",".join(cells) + ",")
    return "\n".join(lines) + "\n"


def ecb_zip(text: str | bytes, *, name: str = MEMBER, more: dict[str, bytes] | None = None) -> bytes:
    """A zip holding `text` as `name` (and the files of `more`), deflated as the ECB's is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
        for other, payload in (more or {}).items():
            archive.writestr(other, payload)
    return buffer.getvalue()


class EcbServer(LocalServer):
    def __init__(self, body: bytes = b"", mode: str = "ok", delay_s: float = 0.0, *, location: str = ""):
        super().__init__(mode, delay_s, location)
        self.body = body
        server = self

        class Handler(QuietHandler):
            def do_GET(self):
                server.requests += 1
                if server.mode == "hang":
                    server.release.wait(30)
                    return None
                if server.mode == "redirect":
                    return redirect(self, server.location)
                if server.mode == "drip":
                    return drip(self, server, "application/zip", server.body)
                status = 500 if server.mode == "500" else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)
                return None

        self.serve(Handler, "/stats/eurofxref/eurofxref-hist.zip")
