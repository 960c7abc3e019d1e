"""A case from acknowledgement to export through `safeguard-bot console`, and the trustees'
annual picture through `safeguard-bot report`: content stays in private views and exports."""

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.bot.cases.helpers import NOTE_PLANT
from tests.bot.cases.pdf_reading import pdf_text
from tests.journeys.console import EXAMPLE_CONFIG, POSTGRES_KEYS, ROOT, run_console
from tests.kinds import ReportKind
from tests.scripts import PLANTED, console_lines

REFERENCE = re.compile(r"Your reference is (CB-\d{4}-\d{4})")


def _report_command(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("SAFEGUARD_CONFIG", None)
    if database_url.startswith("postgresql"):
        env.setdefault("SAFEGUARD_KEYS", POSTGRES_KEYS)
    else:
        env.pop("SAFEGUARD_KEYS", None)
    return subprocess.run([sys.executable, "-m", "bot", "report", "--config",
                           str(EXAMPLE_CONFIG), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


def test_a_breach_from_acknowledgement_to_closure_export_and_the_annual_picture(
    journey_db: str, tmp_path: Path,
) -> None:
    filed = run_console(["/report breach", *console_lines(ReportKind.CONFIDENTIALITY_BREACH),
                         "submit"], journey_db)
    found = REFERENCE.search(filed.stdout)
    assert found, filed.stdout
    ref = found.group(1)

    worked = run_console([
        "/as lead", f"/ack {ref}", f"/note {ref}: Called the sender. {NOTE_PLANT}",
        f"/decide {ref} refer police: Threats in the reply. {NOTE_PLANT}",
        "/advance 3d", f"/case {ref}",
        f"/close {ref} action-taken: all done",
        f"/refer {ref} police ref=CAD-{NOTE_PLANT}: Passed on by phone",
        f"/decide {ref} no-referral ico: Contact details only, contained.",
        f"/feedback {ref}", f"/close {ref} action-taken: Handled and referred.",
        f"/note {ref}: one more thing", f"/export {ref} pdf {tmp_path}",
        f"/export {ref} json {tmp_path}", "/register", f"/chronology {ref}",
        "/as alex", f"/case {ref}", f"/export {ref} pdf {tmp_path / 'stolen.pdf'}",
    ], journey_db)
    out = worked.stdout
    assert worked.returncode == 0 and "Traceback" not in out + worked.stderr
    case_view = out.split(f"> /case {ref}")[1].split("> /close")[0]
    assert "Private case record" in case_view and NOTE_PLANT in case_view
    assert re.search(r"(Reminder|Overdue): Decide on telling the ICO", case_view), case_view
    assert "x Not closed: record the referral or the decision" in out
    assert f"{ref} is closed and now read-only" in out
    assert f"x {ref} is closed, so it is read-only" in out
    assert f"x You cannot view the case {ref}" in out and f"x You cannot export {ref}" in out
    assert not (tmp_path / "stolen.pdf").exists()
    register = out.split("> /register")[1].split("> /chronology")[0]
    assert f"{ref},Confidentiality breach,normal" in register and "closed" in register
    for private in (PLANTED, NOTE_PLANT):
        assert private not in register
        assert all(private not in line for line in worked.deliveries())

    pdf = (tmp_path / f"{ref}.pdf")
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    text = pdf_text(pdf.read_bytes())
    for expected in (PLANTED, NOTE_PLANT, "Referral to Police", "Closed: Action taken",
                     "Feedback"):
        assert expected in text, expected
    data = json.loads((tmp_path / f"{ref}.json").read_text())
    assert data["case"]["state"] == "closed"
    # three days on, both clocks (ICO 72h from awareness yesterday; same working day) were late
    assert [c["status"] for c in data["case"]["clocks"]] == ["met_late", "met_late"]

    year = datetime.now(ZoneInfo("Europe/London")).year
    for fmt in ("html", "pdf"):
        target = tmp_path / f"annual.{fmt}"
        made = _report_command(journey_db, "--year", str(year), "--format", fmt,
                               "--output", str(target))
        assert made.returncode == 0, made.stderr
        assert str(target) in made.stdout
        body = target.read_text() if fmt == "html" else pdf_text(target.read_bytes())
        assert "Confidentiality breach" in body and "Police" in body
        # check-ins run under the example config: the command reports their figures
        assert "Taken up" in body and "not recorded by this installation" not in body.lower()
        for private in (PLANTED, NOTE_PLANT, ref, "CAD-", "SO", "Sam Okafor"):
            assert private not in body, private
    assert _report_command(journey_db, "--year", "99999").returncode == 2
