"""The Dietary Reference Intakes file (data/dri/): reading it (files.py) and checking it with a
Pandera schema before it is loaded into a database (schema.py)."""
