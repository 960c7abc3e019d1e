"""Platform SDKs log request bodies (modals and cards with report content) at DEBUG: the CLI
keeps them at INFO even when the root logger is turned down to DEBUG."""

import logging
from collections.abc import Iterator

import pytest

from bot.cli import BODY_LOGGERS, configure_logging


@pytest.fixture
def restored_levels() -> Iterator[None]:
    saved = {name: logging.getLogger(name).level for name in BODY_LOGGERS}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def test_sdk_bodies_stay_out_of_debug_logs(restored_levels: None,
                                           caplog: pytest.LogCaptureFixture) -> None:
    configure_logging()
    caplog.set_level(logging.DEBUG)  # an operator turning everything up
    logging.getLogger("slack_sdk.web.async_base_client").debug("body: Planted-Body-1")
    logging.getLogger("botbuilder.core").debug("activity: Planted-Body-2")
    logging.getLogger("bot.delivery").debug("our own debug line")
    assert "Planted-Body" not in caplog.text
    assert "our own debug line" in caplog.text
    assert {name for name in BODY_LOGGERS
            if logging.getLogger(name).getEffectiveLevel() > logging.DEBUG} == set(BODY_LOGGERS)
