"""Teams settings from the environment, and where the Bot Framework endpoints are."""

import ipaddress
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from botframework.connector.auth import AuthenticationConstants

from bot.app import StartupError

log = logging.getLogger(__name__)
APP_TYPES = ("SingleTenant", "MultiTenant")


@dataclass(frozen=True)
class Endpoints:
    """Where tokens come from; tests point these at a local fake."""

    openid_metadata_url: str = AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
    login_base: str = AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX
    oauth_scope: str = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE

    def token_url(self, tenant: str) -> str:
        path = AuthenticationConstants.TO_CHANNEL_FROM_BOT_TOKEN_ENDPOINT_PATH
        return f"{self.login_base.rstrip('/')}/{tenant}{path}"


@dataclass(frozen=True)
class TeamsSettings:
    app_id: str
    password: str
    app_type: str
    tenant_id: str
    auth_enabled: bool

    @property
    def token_tenant(self) -> str:
        if self.app_type == "SingleTenant":
            return self.tenant_id
        return AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_settings(environ: Mapping[str, str], host: str) -> TeamsSettings:
    """Credentials from the environment; refuse to start unauthenticated unless told to."""
    app_id = environ.get("MICROSOFT_APP_ID", "").strip()
    password = environ.get("MICROSOFT_APP_PASSWORD", "").strip()
    app_type = environ.get("MICROSOFT_APP_TYPE", "").strip() or "SingleTenant"
    tenant = environ.get("MICROSOFT_APP_TENANT_ID", "").strip()
    if app_id or password:
        return _authenticated(app_id, password, app_type, tenant)
    if environ.get("SAFEGUARD_TEAMS_NO_AUTH") != "1":
        raise StartupError(
            "Teams needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and (for a single-tenant "
            "bot) MICROSOFT_APP_TENANT_ID; for local development with the Bot Framework "
            "Emulator only, set SAFEGUARD_TEAMS_NO_AUTH=1 and serve on 127.0.0.1")
    if not is_loopback(host):
        raise StartupError(
            f"SAFEGUARD_TEAMS_NO_AUTH=1 is only honoured on a loopback address, not {host!r}: "
            "anyone could post activities to an unauthenticated bot")
    log.warning("!!! TEAMS AUTHENTICATION IS OFF (SAFEGUARD_TEAMS_NO_AUTH=1). Anyone who can "
                "reach %s can act as any Teams user. Local development only. !!!", host)
    return TeamsSettings("", "", app_type, tenant, auth_enabled=False)


def _authenticated(app_id: str, password: str, app_type: str, tenant: str) -> TeamsSettings:
    missing = [name for name, value in (("MICROSOFT_APP_ID", app_id),
                                        ("MICROSOFT_APP_PASSWORD", password)) if not value]
    if app_type not in APP_TYPES:
        raise StartupError(f"MICROSOFT_APP_TYPE must be one of {', '.join(APP_TYPES)} "
                           f"(got {app_type!r}); managed identities are not supported yet")
    if app_type == "SingleTenant" and not tenant:
        missing.append("MICROSOFT_APP_TENANT_ID")
    if missing:
        raise StartupError(f"Teams is missing {', '.join(missing)} (MICROSOFT_APP_TYPE is "
                           f"{app_type})")
    return TeamsSettings(app_id, password, app_type, tenant, auth_enabled=True)
