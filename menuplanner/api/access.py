"""Who is asking: the Bearer key names the workspace; a small token bucket per key limits the
rate; the body size is limited before anything is read."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request

from menuplanner.ports_api_keys import ApiKey

MAX_BODY_BYTES = 1_000_000
MAX_IMPORT_BYTES = 200_000_000  # a table or a FoodData Central zip (POST /imports)
RATE_PER_SECOND = 50.0
BURST = 100.0


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    def __init__(self, rate: float = RATE_PER_SECOND, burst: float = BURST) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[int, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: int) -> bool:
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.setdefault(key_id, _Bucket(self.burst, now))
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True


def api_key(request: Request) -> ApiKey:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "Give an API key: Authorization: Bearer <key>.")
    key = request.app.state.keys.authenticate(token.strip())
    if key is None:
        raise HTTPException(401, "This API key is not known or has been revoked.")
    if not request.app.state.limiter.allow(key.key_id):
        raise HTTPException(429, "Too many requests with this key; wait a moment.")
    length = request.headers.get("content-length")
    limit = MAX_IMPORT_BYTES if request.url.path.endswith("/imports") else MAX_BODY_BYTES
    if length is not None and length.isdigit() and int(length) > limit:
        raise HTTPException(413, f"The request body is larger than {limit:,} bytes.")
    return key
