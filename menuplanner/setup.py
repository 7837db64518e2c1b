"""Building and opening the working database: the names the CLI, the app, the bench and the
tests use, so they all build the same thing (the bundled USDA data plus the demo data). The
work is done in store/factory.py, the one place that chooses the store."""

from menuplanner.store.factory import SEED, build_database, open_database, seed_demo

__all__ = ["SEED", "build_database", "open_database", "seed_demo"]
