"""Serves the bundled widget (static/) on 127.0.0.1, on a free port, once per kernel."""

from __future__ import annotations

import functools
import http.server
import pathlib
import threading

# The policy the widget is built for (scripts/csp.mjs), with frame-ancestors * so that a notebook
# page of any origin may frame it.
_CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *"
)

_lock = threading.Lock()
_url: str | None = None


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".json": "application/json",
    }

    def end_headers(self):
        self.send_header("Content-Security-Policy", _CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def base_url(root: pathlib.Path) -> str:
    """The address of the bundled widget, starting its server on the first call."""
    global _url
    with _lock:
        if _url is None:
            handler = functools.partial(_Handler, directory=str(root))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True, name="rnn-params").start()
            _url = f"http://127.0.0.1:{server.server_address[1]}/"
        return _url
