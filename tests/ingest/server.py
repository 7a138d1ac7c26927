"""A local HTTP(S) server on 127.0.0.1 that plays any feed or hostile answer a test needs."""

import http.server
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    content_type: str = "application/rss+xml; charset=utf-8"
    trickle: float = 0.0  # seconds between single bytes
    chunked_size: int = 0  # send this many bytes of zeros, without reading them into memory


class FeedServer:
    """Serve `routes`; with a server-side `tls` context, speak https and note each SNI name."""

    def __init__(self, tls=None):
        self.routes = {}
        self.hits = []
        self.server_names = []
        self.scheme = "https" if tls else "http"
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):
                server.hits.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                route = route() if callable(route) else route
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    if route.trickle:
                        for index in range(len(route.body)):
                            self.wfile.write(route.body[index : index + 1])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    elif route.chunked_size:
                        block = b"<item>" + b" " * 65530
                        for _ in range(route.chunked_size // len(block)):
                            self.wfile.write(block)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _context: self.server_names.append(name)
            # A failed handshake surfaces as an OSError in accept(), which socketserver drops.
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"

    def url(self, path, host=None):
        return f"{self.scheme}://{host or '127.0.0.1'}:{self.port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
