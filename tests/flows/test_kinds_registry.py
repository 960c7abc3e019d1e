"""The kinds registry: the built-in kinds exactly as before, a fourth kind from a flows folder
(its flow file plus one registry entry), and one-line refusals of a registry that clashes."""

import re
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from bot.domain import Role
from bot.flow.loader import FlowError, load_flows
from bot.kinds import load_kinds
from tests.bot.test_config import MINIMAL
from tests.kinds import ReportKind

FOURTH = Path(__file__).parent / "fourth_kind"
ENTRY = ("- {id: lost_device, prefix: LD, label: Lost device, aliases: [device], "
         "routes: [safeguarding_lead], choice: A lost device}\n")
FLOW = "id: lost_device\nkind: lost_device\ntitle: Lost\nsteps:\n" \
       "  - {id: what, prompt: What, type: short_text}\n"


def test_the_built_in_kinds_keep_their_ids_prefixes_labels_and_aliases() -> None:
    kinds = load_kinds()
    assert kinds.ids == tuple(ReportKind)
    assert [(k.prefix, k.label) for k in kinds] == [(k.prefix, k.label) for k in ReportKind]
    words = {word: kinds.by_word(word).id for word in kinds.words}  # type: ignore[union-attr]
    assert words == {  # what Slack and the console accepted, now on every surface
        "safeguarding": "safeguarding_concern", "concern": "safeguarding_concern",
        "sg": "safeguarding_concern", "breach": "confidentiality_breach",
        "confidentiality": "confidentiality_breach", "data": "confidentiality_breach",
        "cb": "confidentiality_breach", "incident": "operational_incident",
        "operational": "operational_incident", "oi": "operational_incident"}
    assert kinds["confidentiality_breach"].routes == (
        Role.SAFEGUARDING_LEAD, Role.DEPUTY_SAFEGUARDING_LEAD, Role.DATA_PROTECTION_LEAD)
    assert all(k.retention is None and k.flow == k.id for k in kinds)


def test_the_quick_alert_offers_the_registered_kinds_as_before() -> None:
    step = load_flows()["quick_alert"].kind_step
    assert step is not None and [(c.value, c.label) for c in step.choices or []] == [
        ("safeguarding_concern", "A safeguarding concern about someone"),
        ("confidentiality_breach", "A confidentiality or personal-data breach"),
        ("operational_incident", "Something that went wrong in a session")]


def test_a_fourth_kind_is_its_flow_file_plus_one_registry_entry() -> None:
    flows = load_flows(FOURTH)
    kind = flows.kinds["lost_device"]
    assert (kind.prefix, kind.label, kind.flow) == ("LD", "Lost device", "lost_device")
    assert flows.kinds.by_word("device") == kind and flows.kinds.by_word("LD") == kind
    assert flows.kinds.ids[:3] == tuple(ReportKind), "the built-in kinds come first, unchanged"
    quick = flows["quick_alert"].kind_step
    assert quick is not None and "lost_device" in [c.value for c in quick.choices or []]
    config = parse_config(MINIMAL + '[routing]\nlost_device = ["ceo"]\n'
                          '[retention]\nlost_device = "1y"\n', kinds=flows.kinds)
    assert config.routing.roles_for(kind) == [Role.CEO]
    assert config.retention.period_for(kind, practice=False) is not None
    assert parse_config(MINIMAL, kinds=flows.kinds).routing.roles_for(kind) == [
        Role.SAFEGUARDING_LEAD, Role.DATA_PROTECTION_LEAD]


def _folder(tmp_path: Path, entries: str, flow: str = FLOW) -> Path:
    (tmp_path / "kinds.yaml").write_text(entries, encoding="utf-8")
    (tmp_path / "lost_device.yaml").write_text(flow, encoding="utf-8")
    return tmp_path


REFUSED = [
    (ENTRY.replace("prefix: LD", "prefix: SG"),
     "kind 'lost_device': the prefix 'SG' is already used by 'safeguarding_concern'"),
    (ENTRY.replace("aliases: [device]", "aliases: [breach]"),
     "kind 'lost_device': the alias 'breach' is already used by 'confidentiality_breach'"),
    (ENTRY.replace("aliases: [device]", "aliases: [device, device]"),
     "kind 'lost_device': the alias 'device' is already used by 'lost_device'"),
    (ENTRY.replace("aliases: [device]", "aliases: [quick]"),
     "kind 'lost_device': the alias 'quick' is a command word, not a kind"),
    (ENTRY.replace("id: lost_device", "id: safeguarding_concern"),
     "the kind 'safeguarding_concern' is declared twice"),
    (ENTRY.replace("prefix: LD", "prefix: L1"), r"\[0\]\.prefix: String should match"),
]


@pytest.mark.parametrize(("entries", "problem"), REFUSED)
def test_a_clashing_registry_is_refused_in_one_line(tmp_path: Path, entries: str,
                                                     problem: str) -> None:
    with pytest.raises(FlowError, match=problem) as refused:
        load_flows(_folder(tmp_path, entries))
    assert "\n" not in str(refused.value)


def test_a_kind_without_its_flow_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(FlowError, match=re.escape("the kind 'lost_device' (kinds.yaml) needs "
                                                  "its flow 'lost_device'")) as refused:
        load_flows(_folder(tmp_path, ENTRY, FLOW.replace("kind: lost_device\n", "")))
    assert "\n" not in str(refused.value)


def test_a_flow_of_an_unknown_kind_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(FlowError, match="kind: 'lost_device' is not a kind of report in the "
                       "kinds registry") as refused:
        load_flows(_folder(tmp_path, ENTRY.replace("lost_device", "lost_phone")
                           .replace("prefix: LD", "prefix: LP"), FLOW))
    assert "\n" not in str(refused.value) and "lost_device.yaml" in str(refused.value)


@pytest.mark.parametrize(("section", "where"), [
    ('[routing]\nlost_device = ["ceo"]\n', "routing.lost_device: not a known setting or kind"),
    ('[retention]\nlost_device = "1y"\n', "retention.lost_device: not a known setting or kind"),
    ('[escalation.policies.lost_device]\nsteps = [{notify = ["ceo"]}]\n',
     "escalation.policies.lost_device: not a report kind or urgency"),
])
def test_config_keys_of_an_unknown_kind_are_refused_in_one_line(section: str, where: str
                                                                ) -> None:
    with pytest.raises(ConfigError, match=where) as refused:
        parse_config(MINIMAL + section)
    assert "\n" not in str(refused.value)
    fourth = load_flows(FOURTH).kinds
    assert parse_config(MINIMAL + section, kinds=fourth).organisation.name
