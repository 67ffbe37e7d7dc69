"""This Santral served over real HTTP on a loopback port, for the two-instance tests.

The server thread shares the test's database connection (as Django's LiveServerThread
does for in-memory SQLite), so it sees the test's uncommitted rows and the test needs no
slow transactional database; the test thread waits while a request is served, so the one
connection is never used by both threads at once.
"""

import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


class WsgiThreadServer:
    def __init__(self):
        self.connection = connections["default"]
        self.server: WSGIServer = make_server(
            "127.0.0.1", 0, WSGIHandler(), handler_class=_QuietHandler
        )
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        connections["default"] = self.connection
        self.server.serve_forever(poll_interval=0.05)

    def url(self, path: str = "/") -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> "WsgiThreadServer":
        # Django would close the shared connection at the end of each request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.connection.inc_thread_sharing()
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.connection.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
