"""A throwaway server that accepts connections and never answers: how a hung Redis or
PostgreSQL looks from the app (the shared services are never stopped for a test)."""

import contextlib
import socket
import threading


@contextlib.contextmanager
def hung_server():
    """Yields ``(port, accepted)``: the port to point a client at, and the
    connections accepted so far (a test may count them)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield server.getsockname()[1], accepted
    finally:
        server.close()
        for connection in accepted:
            connection.close()
