"""axe-core on every page in both languages: no serious or critical violations.

axe-core comes from the npm registry (tests/browser/axe/package.json, pinned by its
package-lock.json), installed by :func:`axe_script` into a temporary folder outside the
checkout, and is injected from that local file: no CDN. It runs on the page and, where a page
has a map, inside the map's frame too.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import DESKTOP, MAP_IFRAME, PAGES, ROOT, app_url, goto, map_frame

pytestmark = pytest.mark.browser

AXE_PACKAGE = ROOT / "tests" / "browser" / "axe"  # package.json and its lock: what npm installs
MAP_PAGES = {"map", "乡镇"}
RUN_AXE_JS = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.html.slice(0, 200) + " :: " + n.failureSummary.slice(0, 120))}));
}"""


@functools.cache
def axe_script() -> Path:
    """axe-core's script, installed by ``npm ci`` once per test run into a temporary folder (never the checkout)."""
    folder = Path(tempfile.mkdtemp(prefix="countymap-axe-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(AXE_PACKAGE / name, folder / name)
    command = ["npm", "ci", "--prefix", str(folder), "--no-audit", "--no-fund"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    assert done.returncode == 0 and script.is_file(), f"npm ci of axe-core failed:\n{done.stderr[-2000:]}"
    return script


def violations(where) -> list[dict]:
    """Serious and critical axe-core violations of a page or frame."""
    where.add_script_tag(path=str(axe_script()))
    return where.evaluate(RUN_AXE_JS)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page_name", list(PAGES))
def test_no_serious_or_critical_violations(page_factory, app_server, page_name, lang):
    page = page_factory(DESKTOP)
    goto(page, app_url(app_server["url"], page_name, **({"lang": "en"} if lang == "en" else {})))
    found = {"page": violations(page)}
    if page_name in MAP_PAGES:
        page.locator(MAP_IFRAME).first.wait_for()
        found["map"] = violations(map_frame(page))
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)
