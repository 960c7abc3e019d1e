"""Adding a row with a prebuilt INSERT (storage.repositories.rows) leaves it as a flush would:
its id and scalar defaults set, attached to the session, later changes flushed; a column whose
default the database or a function computes is refused rather than written as NULL."""

import pytest
from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.engine import Database
from storage.models import Report
from storage.repositories import rows
from tests.storage.test_repositories import _report


class _Base(DeclarativeBase):
    pass


class _Computed(_Base):
    __tablename__ = "computed_default_example"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str | None] = mapped_column(String(20), default=lambda: "made")


class _ServerSide(_Base):
    __tablename__ = "server_default_example"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str | None] = mapped_column(String(20), server_default=func.now())


async def test_a_row_added_this_way_is_stored_with_its_defaults_and_stays_tracked(
    database: Database,
) -> None:
    async with database.transaction() as session:
        first = _report("SG-2026-0001", version=None, is_practice=None)
        await rows.add(session, first)
        second = _report("SG-2026-0002")
        await rows.add(session, second)
        assert second.id == first.id + 1
        assert (first.version, first.is_practice) == (1, False)
        first.state = "acknowledged"  # a later change to the attached row is flushed
    async with database.sessions() as session:
        stored = (await session.execute(select(Report).order_by(Report.id))).scalars().all()
    assert [(r.reference, r.state, r.version) for r in stored] == [
        ("SG-2026-0001", "acknowledged", 1), ("SG-2026-0002", "submitted", 1)]


@pytest.mark.parametrize("model", [_Computed, _ServerSide])
async def test_computed_defaults_are_refused_not_written_as_null(
    database: Database, model: type[_Base],
) -> None:
    async with database.transaction() as session:
        with pytest.raises(TypeError, match="default"):
            await rows.add(session, model())
