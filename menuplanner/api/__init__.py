"""The HTTP API (`menuplanner serve`): one more thin entry point over the services, like the
command line. `create_app(store, keys)` builds the FastAPI application under /api/v1."""

from menuplanner.api.app import create_app

__all__ = ["create_app"]
