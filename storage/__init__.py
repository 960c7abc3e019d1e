"""Durable state: ORM models, the async engine, repositories and Alembic migrations."""
