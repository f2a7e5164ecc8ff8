"""The loopback HTTP server the tests run sites and endpoints on."""

import http.server


class LocalServer(http.server.ThreadingHTTPServer):
    """A threading server that stays quiet: a request whose client gave up (the point of the
    timeout tests) must not print its traceback into the stderr another test is capturing."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass
