"""Every column whose values depend on the key ring, and what binds each value to its row.

Sealed columns (named `…_sealed`: AES-GCM, `v1.<key id>.…`) and signed ones (named `mac`:
HMAC, `m1.<key id>.…`) are found by name in the models; a test fails when one is missing here,
so key rotation (bot.rotation) and the start-up key check (bot.key_check) cover them all.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

from sqlalchemy import Column, ColumnElement, FromClause, Row, Select, Table, select

from bot.cases.describe import entry_label
from bot.checkins import records as checkin_records
from bot.crypto import KeyRing
from bot.records import answers_label, context_label, flow_label
from storage.case_models import CaseEntry
from storage.models import AuditEvent, ChainHead, FlowSession, Report
from storage.repositories.chain import head_data
from storage.wellbeing_models import Checkin

Kind = Literal["sealed", "signed"]
PREFIX = {"sealed": "v1", "signed": "m1"}


@dataclass(frozen=True)
class Keyed:
    """One sealed or signed column, and how to find the label its values are bound to."""

    column: Any
    """The mapped attribute, e.g. Report.answers_sealed."""
    kind: Kind
    inputs: tuple[Any, ...]
    """The columns the label is made from (joined tables allowed, see `join`)."""
    label: Callable[[Row[Any]], str]
    join: Callable[[], FromClause] | None = None

    @property
    def table(self) -> Table:
        return cast(Table, self.column.class_.__table__)

    @property
    def key(self) -> Column[Any]:
        return cast(Column[Any], next(iter(self.table.primary_key.columns)))

    @property
    def name(self) -> str:
        return f"{self.table.name}.{self.column.key}"

    def needs(self) -> set[tuple[str, str]]:
        """The (table, column) pairs this column's rows are read from."""
        return {(base.table.name, base.name) for selected in self.rows().selected_columns
                for base in selected.base_columns}

    def under(self, key_id: str) -> ColumnElement[bool]:
        """Values sealed or signed with this key."""
        return cast(ColumnElement[bool], self.column.like(f"{PREFIX[self.kind]}.{key_id}.%"))

    def rows(self) -> Select[Any]:
        """id, value and the label's inputs, for rows that hold a value."""
        query = select(self.key.label("row_key"), self.column.label("value"), *self.inputs)
        if self.join is not None:
            query = query.select_from(self.join())
        return query.where(self.column.is_not(None))

    def opens(self, keys: KeyRing, row: Row[Any]) -> bool:
        """Whether the keys open (or confirm the signature of) this row's value."""
        if self.kind == "signed":
            return keys.check_chain(self.label(row), row.value) == "ok"
        try:
            keys.open(row.value, self.label(row))
        except Exception:
            return False
        return True

    def renew(self, keys: KeyRing, row: Row[Any]) -> str:
        """The value under the current key (callers check `opens` first)."""
        label = self.label(row)
        if self.kind == "signed":
            return keys.sign_chain(label)
        return keys.seal(keys.open(row.value, label), label)


def _checkin(column: Any, part: str) -> Keyed:
    return Keyed(column, "sealed", (Checkin.id.label("checkin_id"),),
                 lambda row: checkin_records.label(row.checkin_id, part))


def _case_join() -> FromClause:
    return cast(Table, CaseEntry.__table__).join(
        cast(Table, Report.__table__), CaseEntry.report_id == Report.id)


def _mac(column: Any, hash_column: Any) -> Keyed:
    return Keyed(column, "signed", (hash_column.label("signed_hash"),),
                 lambda row: str(row.signed_hash))


KEYED: tuple[Keyed, ...] = (
    Keyed(Report.answers_sealed, "sealed", (Report.reference,),
          lambda row: answers_label(row.reference)),
    Keyed(Report.context_sealed, "sealed", (Report.reference,),
          lambda row: context_label(row.reference)),
    Keyed(FlowSession.state_sealed, "sealed", (FlowSession.platform,
                                                FlowSession.conversation_id),
          lambda row: flow_label(row.platform, row.conversation_id)),
    Keyed(CaseEntry.content_sealed, "sealed", (Report.reference, CaseEntry.sequence),
          lambda row: entry_label(row.reference, row.sequence), _case_join),
    _checkin(Checkin.note_sealed, checkin_records.NOTE),
    _checkin(Checkin.progress_sealed, checkin_records.PROGRESS),
    _checkin(Checkin.answers_sealed, checkin_records.ANSWERS),
    _mac(AuditEvent.mac, AuditEvent.hash),
    _mac(CaseEntry.mac, CaseEntry.hash),
    Keyed(ChainHead.mac, "signed", (ChainHead.name.label("head_name"),
                                    ChainHead.count.label("entries"), ChainHead.last_id,
                                    ChainHead.last_hash),
          lambda row: head_data(row.head_name, row.entries, row.last_id, row.last_hash)),
)
