"""Cutting the test's database and bringing it back, on both databases the suite runs on.

PostgreSQL: the app reaches the server through a loopback TCP proxy of the test's own; cut()
closes the proxy's listener and drops every connection through it (refused and reset, as when
the server stops), restore() listens again. SQLite: cut() points the app's engine at a file
that cannot be opened (a missing folder), restore() puts the real engine back."""
import socket
import threading

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from lms.extensions import db


class Proxy:
    """Loopback TCP proxy; down() refuses and drops connections, up() restores them."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self._serve()

    def _serve(self):
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def up(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self._serve()

    def down(self):
        try:  # wakes the blocked accept(): a close() alone leaves the socket listening
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass
        self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed by down()
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.close()
            except OSError:
                pass


class DatabaseSwitch:
    """The app's database, that a test can cut and restore."""

    def __init__(self, url: str):
        self.url, self.proxy, self.app, self._engine = url, None, None, None
        if url.startswith("postgresql"):
            real = make_url(url)
            self.proxy = Proxy(real.host or "127.0.0.1", real.port or 5432)
            self.url = real.set(host="127.0.0.1", port=self.proxy.port) \
                .render_as_string(hide_password=False)

    def cut(self, app) -> None:
        if self.proxy is not None:
            self.proxy.down()
            return
        with app.app_context():
            engines = db._app_engines[app]  # Flask-SQLAlchemy's engines of this app
            self._engine = engines[None]
            engines[None] = sa.create_engine("sqlite:////nonexistent-folder/cut.sqlite3")

    def restore(self, app) -> None:
        if self.proxy is not None:
            self.proxy.up()
            return
        with app.app_context():
            db._app_engines[app][None].dispose()
            db._app_engines[app][None] = self._engine
