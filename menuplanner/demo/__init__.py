"""Demo data: everyday recipes and demo clients with a planned week, so a newcomer's first
screen is a populated dashboard rather than an empty one. The data is a file
(data/demo/demo.toml, read by `data`); `writer` adds it through a unit of work and removes it
again in one action."""

from menuplanner.demo.data import DemoData, demo_data
from menuplanner.demo.writer import (
    DEMO_MENU_NAME,
    DemoRemoval,
    add_demo,
    add_demo_once,
    remove_demo,
)

__all__ = [
    "DEMO_MENU_NAME",
    "DemoData",
    "DemoRemoval",
    "add_demo",
    "add_demo_once",
    "demo_data",
    "remove_demo",
]
