"""An HTTP server of the demo's (sample sites, boards, the mail catcher's page) in a daemon thread.

Only the process that started it stops it: the demo's web server forks workers, and a forked copy
holds the listening socket but not the serving thread, so its shutdown() would wait forever.
"""
from __future__ import annotations

import os
import threading
from http.server import HTTPServer

#: Seconds between checks for shutdown: short, so stop() returns at once.
POLL = 0.05


class BackgroundServer:
    def __init__(self, server: HTTPServer, name: str) -> None:
        server.daemon_threads = True
        self.server = server
        self._owner = os.getpid()
        self._thread = threading.Thread(target=server.serve_forever, args=(POLL,), name=name, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def stop(self) -> None:
        if os.getpid() != self._owner:
            return
        self.server.shutdown()
        self.server.server_close()
        self._thread.join()
