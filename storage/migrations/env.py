"""Alembic environment: runs on a connection handed over by storage.migrate."""

from alembic import context

import storage.case_models  # the case record's tables, registered on Base
import storage.wellbeing_models  # noqa: F401  (wellbeing check-ins' tables)
from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `safeguard-bot migrate` (storage.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
