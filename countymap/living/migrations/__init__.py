"""Alembic migrations of the living map's database (run by :func:`countymap.living.database.upgrade`)."""
