"""The Slack app manifest: valid against the official schema, and in step with the code."""

import yaml
from jsonschema import Draft7Validator

from adapters.slack import checkin_ids, ids
from adapters.slack.mount import EVENTS_PATH
from tests.specs import ROOT, load_spec

MANIFEST = ROOT / "manifest" / "slack" / "manifest.yaml"


def _schema() -> dict:
    """The official manifest schema (skips, or fails when specs are required, if absent)."""
    return load_spec("slackapi__manifest-schema/schemas/manifest.schema.1.0.0.json")


def _manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_is_valid_against_the_official_schema() -> None:
    validator = Draft7Validator(_schema())
    errors = sorted(validator.iter_errors(_manifest()), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_an_invalid_manifest_is_caught() -> None:
    broken = _manifest()
    broken["settings"]["bad_param"] = True
    assert list(Draft7Validator(_schema()).iter_errors(broken))


def test_manifest_matches_the_code() -> None:
    manifest = _manifest()
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == [
        ids.COMMAND, checkin_ids.COMMAND, ids.AWAY_COMMAND, ids.BACK_COMMAND]
    assert {s["callback_id"] for s in features["shortcuts"]} == {ids.MESSAGE_SHORTCUT,
                                                                 ids.GLOBAL_SHORTCUT}
    urls = [*(c["url"] for c in features["slash_commands"]),
            settings["interactivity"]["request_url"],
            settings["event_subscriptions"]["request_url"]]
    assert all(url.endswith(EVENTS_PATH) for url in urls)
    assert settings["event_subscriptions"]["bot_events"] == ["app_home_opened"]
    assert features["app_home"]["home_tab_enabled"] is True
    # history and im:write only let the outbox find its own earlier post after a crash
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == [
        "channels:history", "chat:write", "commands", "groups:history", "im:history",
        "im:write"]
    assert settings["socket_mode_enabled"] is False
