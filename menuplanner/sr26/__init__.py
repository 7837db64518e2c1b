"""The bundled USDA SR26 tables: reading, validating, and the frames the store writes."""
