"""A Redis that misbehaves on demand, for live and unit tests of the portal's degraded modes.

`FaultyRedis` listens on a free loopback port and, by mode, forwards to a real Redis, holds every
connection without answering (black-holed), or stops listening and cuts its connections
(refused). Switching modes acts on connections already in the portal's pool too.
"""

import contextlib
import select
import socket
import threading
import time

__all__ = ["Blackhole", "FaultyRedis"]


class Blackhole:
    """A socket that accepts connections and never answers; counts the connections."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            with contextlib.suppress(OSError):
                conn.close()

    def __enter__(self) -> "Blackhole":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class FaultyRedis:
    """A TCP proxy in front of a real Redis with modes "forward", "blackhole", "refuse"."""

    def __init__(self, upstream: tuple[str, int] | None, mode: str = "forward") -> None:
        self.upstream = upstream
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.mode = "refuse"
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self.set_mode(mode)

    def set_mode(self, mode: str) -> None:
        if mode not in {"forward", "blackhole", "refuse"}:
            raise ValueError(mode)
        with self._lock:
            if mode == "refuse" or (mode == "forward") != (self.mode == "forward"):
                self._cut_all()  # the pool's connections break, as when Redis dies
            if mode == "refuse":
                if self._listener:
                    self._listener.close()
                    self._listener = None
            elif self._listener is None:
                self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                self._listener.bind(("127.0.0.1", self.port))
                self._listener.listen(128)
                threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()
            self.mode = mode

    def _cut_all(self) -> None:
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                conn.close()
        self._conns = []

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._conns.append(client)
                mode = self.mode
            if mode == "forward" and self.upstream:
                try:
                    server = socket.create_connection(self.upstream, timeout=5)
                except OSError:
                    client.close()
                    continue
                with self._lock:
                    self._conns.append(server)
                threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            # blackhole: keep the connection open, never read, never answer

    def _pipe(self, client: socket.socket, server: socket.socket) -> None:
        sockets = [client, server]
        while True:
            if self.mode != "forward":
                time.sleep(0.05)  # black-holed mid-connection: hold everything
                continue
            try:
                readable, _, _ = select.select(sockets, [], [], 0.2)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        raise OSError("closed")
                    (server if sock is client else client).sendall(data)
            except (OSError, ValueError):
                for sock in sockets:
                    with contextlib.suppress(OSError):
                        sock.close()
                return

    def close(self) -> None:
        self.set_mode("refuse")
