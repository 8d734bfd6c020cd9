"""A browser for the cluster tests: plain HTTP to one address (a web host, or the load
balancer), its own cookie jar, the site's Host header, and the CSRF token of the page it read
last. Production cookies are Secure (`__Host-`); the test's links are plain HTTP, so the jar
keeps and sends them as a browser would over HTTPS. One connection per request, each bounded by
a timeout."""
import http.client
import re
from dataclasses import dataclass
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Page:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def served_by(self) -> str | None:
        """Which web host answered (the load balancer's X-Served-By)."""
        return self.headers.get("X-Served-By")

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


class Browser:
    def __init__(self, address: str, port: int, host: str):
        self.address, self.port, self.host = address, port, host
        self.cookies: dict[str, str] = {}
        self.csrf: str | None = None

    def at(self, address: str, port: int) -> "Browser":
        """The same browser (cookies and all) talking to another address."""
        other = Browser(address, port, self.host)
        other.cookies, other.csrf = self.cookies, self.csrf
        return other

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict | None = None, timeout: float = 15) -> Page:
        connection = http.client.HTTPConnection(self.address, self.port, timeout=timeout)
        body = None
        sent = {"Host": self.host, "Connection": "close", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            form = {"csrf_token": self.csrf or "", **form}
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            page = Page(response.status, response.headers, response.read())
        finally:
            connection.close()
        self._keep_cookies(page)
        if found := CSRF.search(page.text):
            self.csrf = found[1]
        return page

    def get(self, path: str, **options) -> Page:
        return self.request("GET", path, **options)

    def post(self, path: str, form: dict | None = None, **options) -> Page:
        return self.request("POST", path, form=form or {}, **options)

    def _keep_cookies(self, page: Page) -> None:
        for header in page.headers.get_all("Set-Cookie") or []:
            pair, *attributes = [part.strip() for part in header.split(";")]
            name, _, value = pair.partition("=")
            if any(a.lower() == "max-age=0" or a.lower().startswith("expires=thu, 01 jan 1970")
                   for a in attributes):  # deleted
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def log_in(self, email: str, password: str) -> Page:
        self.get("/login")
        page = self.post("/login", {"email": email, "password": password})
        assert page.status == 302, (page.status, page.text[:500])
        return page
