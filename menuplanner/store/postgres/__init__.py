"""The PostgreSQL store: for a practice whose dashboard runs as several processes, on one or many
machines, sharing one database server."""
