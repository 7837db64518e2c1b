"""A fake OpenID Connect provider for browser tests: just enough of the authorization-code flow
for Streamlit's st.login (Authlib) to accept the user the test chose.

There is no login form: `/authorize` signs in whoever `provider.user` names at that moment and
redirects straight back with a code. `/token` trades the code (once, for the client id and secret
the app was given) for an RS256-signed id_token that echoes the app's nonce; Authlib checks its
signature against `/jwks`, and its issuer, audience, nonce and expiry. No end_session_endpoint is
advertised, so st.logout ends at the app's own home page.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

KEY_ID = "fake-oidc-key"
TOKEN_LIFETIME_S = 3600


@dataclass(frozen=True)
class FakeUser:
    email: str
    name: str
    email_verified: bool = True

    def claims(self) -> dict[str, object]:
        return {
            "sub": "fake|" + self.email,
            "email": self.email,
            "email_verified": self.email_verified,
            "name": self.name,
        }


@dataclass(frozen=True)
class _Grant:
    user: FakeUser
    nonce: str | None
    redirect_uri: str


class FakeOidcProvider:
    """`with FakeOidcProvider(client_id, client_secret) as provider:` serves on a free port of
    127.0.0.1; set `provider.user` before each sign-in."""

    def __init__(self, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.user: FakeUser | None = None  # who the next /authorize signs in
        self.signed_in: list[str] = []  # emails, in the order their id_tokens were issued
        self._key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        self._grants: dict[str, _Grant] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return self.issuer + "/.well-known/openid-configuration"

    def __enter__(self) -> FakeOidcProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def metadata(self) -> dict[str, object]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def jwks(self) -> dict[str, object]:
        return {"keys": [self._key.as_dict(private=False)]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str]]:
        """The redirect back to the app (status, headers), or a 400 for a request the app should
        never make."""
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}
        if not query.get("redirect_uri", "").endswith("/oauth2callback"):
            return 400, {}
        if "openid" not in query.get("scope", "").split() or self.user is None:
            return 400, {}
        code = secrets.token_urlsafe(16)
        self._grants[code] = _Grant(self.user, query.get("nonce"), query["redirect_uri"])
        back = {"code": code, "state": query.get("state", "")}
        return 302, {"Location": query["redirect_uri"] + "?" + urlencode(back)}

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization.removeprefix("Basic ")).decode()
            client_id, _, client_secret = decoded.partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        grant = self._grants.pop(form.get("code", ""), None)  # a code is good for one exchange
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + TOKEN_LIFETIME_S,
            **grant.user.claims(),
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self._key)
        self.signed_in.append(grant.user.email)
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME_S,
            "id_token": id_token,
        }


def _handler_for(provider: FakeOidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.metadata())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                status, headers = provider.authorize(_single(url.query))
                self._reply(status, headers, b"")
            else:
                self._reply(404, {}, b"")

        def do_POST(self) -> None:
            if urlsplit(self.path).path != "/token":
                self._reply(404, {}, b"")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            self._json(*provider.token(_single(body), self.headers.get("Authorization")))

        def _json(self, status: int, payload: dict) -> None:
            self._reply(status, {"Content-Type": "application/json"}, json.dumps(payload).encode())

        def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output to the test's own

    return Handler


def _single(query: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(query).items()}
