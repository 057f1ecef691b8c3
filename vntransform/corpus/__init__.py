"""Reading inputs, cleaning them, and the SQLite corpus store."""
