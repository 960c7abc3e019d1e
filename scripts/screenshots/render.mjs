// Draws each card of a shots file with Microsoft's adaptivecards renderer in headless Chromium
// and saves a PNG of it. Run by `python -m scripts.screenshots` (see __main__.py):
//   node render.mjs SHOTS_JSON OUT_DIR
// with NODE_PATH naming the folder that holds adaptivecards, markdown-it and puppeteer-core,
// and CHROMIUM the browser to drive (default: the system chromium).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(resolve(process.env.NODE_PATH || here), "noop.js"));
const puppeteer = require("puppeteer-core");

const [shotsFile, outDir] = process.argv.slice(2);
if (!shotsFile || !outDir) {
  console.error("usage: node render.mjs SHOTS_JSON OUT_DIR");
  process.exit(2);
}
const shots = JSON.parse(readFileSync(shotsFile, "utf8"));
const hostConfig = JSON.parse(readFileSync(join(here, "teams-host-config.json"), "utf8"));
const libraries = [require.resolve("adaptivecards/dist/adaptivecards.min.js"),
                   require.resolve("markdown-it/dist/markdown-it.min.js")];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  env: { ...process.env, LANG: "en_GB.UTF-8", LANGUAGE: "en_GB" },
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none", "--lang=en-GB"],
});
let failed = 0;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 600, height: 800, deviceScaleFactor: 1 });
  for (const shot of shots) {
    await page.goto(pathToFileURL(join(here, "page.html")).href);
    for (const path of libraries) {
      await page.addScriptTag({ path });
    }
    const problems = await page.evaluate(
      (card, config, expand) => window.renderShot(card, config, expand),
      shot.card, hostConfig, shot.expand || null);
    const frame = await page.$("#frame");
    const file = join(outDir, `${shot.name}.png`);
    await frame.screenshot({ path: file });
    console.log(`${file}${problems.length ? `  renderer said: ${problems.join("; ")}` : ""}`);
    failed += problems.some(p => p.startsWith("no button")) ? 1 : 0;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
