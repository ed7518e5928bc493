// End-to-end test of the copydesk extension in the real VS Code workbench: code-server (VS Code
// 1.100 and its extension host) on 127.0.0.1, driven by Playwright with Debian's chromium.
// Run it through test/run.sh, which installs the tools and packages the extension.
//
// What it checks, by reading the screen (plus /proc for the server's process id):
//   1. the Problems panel lists copydesk's diagnostics for the sample draft, on the right lines
//      (including one that exists only because of the copydesk.names setting, and without one
//      that copydesk.rules turns off);
//   2. hover on a surname shows the speaker's full name and role;
//   3. the outline lists the speakers (Go to Symbol in Editor, and the Outline view);
//   4. typing an unattributed quote makes a new problem appear on its line;
//   5. editing copydesk.rules in settings.json (in the editor) turns a rule off live, without
//      restarting the server;
//   6. "copydesk: Restart Language Server" brings the server (and the problems) back;
//   7. "copydesk: Show Sources of This Draft" opens the source list.
// Screenshots go to test/artifacts/ (on failure too, with the code-server log).

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, "artifacts");
const FIXTURE = path.join(HERE, "fixture", "ferry_fares.md");
const TOTAL_TIMEOUT_MS = 150_000;

function env(name) {
  const value = process.env[name];
  if (!value) {
    fail(`${name} is not set (run test/run.sh)`);
  }
  return value;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[${elapsed()}] ${msg}`);

let cleanupHooks = [];
async function cleanup() {
  const hooks = cleanupHooks.reverse();
  cleanupHooks = [];
  for (const hook of hooks) {
    try {
      await hook();
    } catch (e) {
      console.error(`cleanup: ${e?.message ?? e}`);
    }
  }
}

function fail(message) {
  console.error(`\nFAIL: ${message}`);
  process.exitCode = 1;
  throw new TestFailure(message);
}

class TestFailure extends Error {}

const COPYDESK = env("COPYDESK");
const CODE_SERVER = env("CODE_SERVER");
const CHROMIUM = env("CHROMIUM");
const VSIX = env("VSIX");
const require = createRequire(import.meta.url);
const { chromium } = require(env("PLAYWRIGHT_CORE"));

// ---- the expected findings ---------------------------------------------------------------------
// (line, rule code) in the fixture, with the settings written below.
const EXPECTED = [
  [11, "loaded-verb"], // "slammed"
  [13, "unattributed-quote"], // "The crossing is a lifeline, not a luxury."
  [15, "anonymity-unexplained"], // "A person familiar with the negotiations"
  [17, "name-variant"], // "Quintaro" against "Quintero" on line 5
  [17, "name-variant"], // "Belhaven": from the copydesk.names setting
];
// Turned off by copydesk.rules in the settings: must not show.
const SUPPRESSED = [[15, "anonymous-source"]];

function userSettings(rules) {
  return {
    "copydesk.rules": rules,
    "copydesk.names": { Bellhaven: { variants: ["Belhaven"] } },
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.commandCenter.enabled": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "update.mode": "none",
    "editor.minimap.enabled": false,
    "window.restoreWindows": "none",
  };
}

// ---- processes ----------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthz(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      fail(`code-server exited with status ${child.exitCode} before it was ready (see artifacts/code-server.log)`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        return;
      }
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`code-server did not answer /healthz within ${timeoutMs / 1000}s`);
}

/** PIDs of running `$COPYDESK lsp` processes (the servers the extension started). */
function serverPids() {
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[0] === COPYDESK && argv[1] === "lsp") pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

// ---- screen helpers -----------------------------------------------------------------------------

let page;

async function poll(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok) {
      return last;
    }
    await page.waitForTimeout(200);
  }
  fail(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last seen:\n${last?.seen ?? "(nothing)"}`);
}

/** The rows of the Problems panel: {text, aria} for each. */
async function problemRows() {
  return page.$$eval(".markers-panel .monaco-list-row", (rows) =>
    rows.map((r) => ({ text: r.innerText.replace(/\s+/g, " ").trim(), aria: r.getAttribute("aria-label") ?? "" })),
  );
}

/**
 * copydesk's problems as the panel shows them: [{line, code, text}]. A marker row reads
 * "message copydesk loaded-verb [Ln 11, Col 62]"; its aria-label "Warning: message at line 11 and
 * character 62. generated by copydesk".
 */
function parseProblems(rows) {
  const out = [];
  for (const row of rows) {
    const m = row.text.match(/\bcopydesk\s*\(?([a-z][a-z-]*)\)?\s*\[Ln (\d+), Col (\d+)\]/);
    if (m && /generated by copydesk/.test(row.aria)) {
      out.push({ line: Number(m[2]), code: m[1], text: row.text });
    }
  }
  return out;
}

function multisetContains(haystack, needles) {
  const left = haystack.map((p) => `${p.line} ${p.code}`);
  for (const [line, code] of needles) {
    const i = left.indexOf(`${line} ${code}`);
    if (i < 0) {
      return false;
    }
    left.splice(i, 1);
  }
  return true;
}

async function waitForProblems(what, timeoutMs, predicate) {
  return poll(what, timeoutMs, async () => {
    const rows = await problemRows();
    const problems = parseProblems(rows);
    return {
      ok: predicate(problems),
      problems,
      seen: rows.map((r) => `  ${r.text}`).join("\n"),
    };
  });
}

async function quickInput(prefix, text) {
  await page.keyboard.press(prefix);
  const input = page.locator(".quick-input-widget input").first();
  await input.waitFor({ state: "visible", timeout: 10_000 });
  if (text !== undefined) {
    await input.fill(text);
  }
  return input;
}

/** Waits until the status bar shows the cursor at line:column (1-based). */
async function cursorAt(line, column) {
  await poll(`the cursor at Ln ${line}, Col ${column}`, 10_000, async () => {
    const text = (await page.locator(".statusbar-item", { hasText: /Ln \d+, Col \d+/ }).first().innerText().catch(() => "")) || "";
    return { ok: text.includes(`Ln ${line}, Col ${column}`), seen: text };
  });
}

async function closeQuickInput() {
  await page.keyboard.press("Escape");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10_000 });
}

async function shot(name) {
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  log(`screenshot: ${path.relative(process.cwd(), file)}`);
}

// ---- the test ---------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS)) {
    fs.rmSync(path.join(ARTIFACTS, f), { recursive: true, force: true });
  }
  if (!fs.existsSync(COPYDESK)) {
    fail(`the copydesk binary ${COPYDESK} does not exist`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-vscode-e2e-"));
  cleanupHooks.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const userDir = path.join(tmp, "user");
  const extDir = path.join(tmp, "extensions");
  const workspace = path.join(tmp, "newsroom");
  const settingsFile = path.join(userDir, "User", "settings.json");
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.copyFileSync(FIXTURE, path.join(workspace, "ferry_fares.md"));
  fs.writeFileSync(settingsFile, JSON.stringify(userSettings({ "anonymous-source": "off" }), null, 2));
  // copydesk.path is machine-scoped (it names a file on the machine the extension host runs on):
  // in a remote window, code-server's included, it belongs in the remote ("Machine") settings, and
  // VS Code ignores it in the user settings.
  const machineSettings = path.join(userDir, "Machine", "settings.json");
  fs.mkdirSync(path.dirname(machineSettings), { recursive: true });
  fs.writeFileSync(machineSettings, JSON.stringify({ "copydesk.path": COPYDESK }, null, 2));

  log(`installing ${path.basename(VSIX)} into a fresh extensions dir`);
  const install = spawnSync(
    CODE_SERVER,
    ["--user-data-dir", userDir, "--extensions-dir", extDir, "--install-extension", VSIX],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (install.status !== 0 || !/copydesk/i.test(install.stdout + install.stderr)) {
    fail(`installing the extension failed (status ${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const serverLog = fs.openSync(path.join(ARTIFACTS, "code-server.log"), "w");
  log(`starting code-server on 127.0.0.1:${port}`);
  const server = spawn(
    CODE_SERVER,
    [
      "--bind-addr", `127.0.0.1:${port}`,
      "--auth", "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--user-data-dir", userDir,
      "--extensions-dir", extDir,
      workspace,
    ],
    { stdio: ["ignore", serverLog, serverLog], detached: true, env: { ...process.env, COPYDESK_LOG: "copydesk=info" } },
  );
  cleanupHooks.push(async () => {
    if (server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // gone
      }
    }
  });
  await waitForHealthz(port, server, 60_000);

  log("starting chromium");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  cleanupHooks.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: `http://127.0.0.1:${port}` });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  cleanupHooks.push(async () => {
    if (process.exitCode) {
      await page.screenshot({ path: path.join(ARTIFACTS, "failure.png") }).catch(() => {});
    }
  });

  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 30_000 });
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  log("workbench is up");
  // Let the workbench settle, then give it the keyboard.
  await page.locator(".part.statusbar").waitFor({ timeout: 30_000 });
  await page.locator(".part.editor").click();

  // Open the draft.
  await quickInput("Control+P", "ferry_fares.md");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "ferry_fares.md" }).first().waitFor();
  await page.keyboard.press("Enter");
  const editor = page.locator(".editor-instance .monaco-editor").first();
  await editor.locator(".view-lines", { hasText: "Bellhaven ferry fares" }).waitFor({ timeout: 20_000 });
  log("draft is open");

  // 1. Problems panel.
  await page.keyboard.press("Control+Shift+M");
  await page.locator(".markers-panel").waitFor({ timeout: 10_000 });
  const first = await waitForProblems("copydesk's diagnostics in the Problems panel", 45_000, (problems) =>
    multisetContains(problems, EXPECTED),
  );
  for (const [line, code] of SUPPRESSED) {
    if (first.problems.some((p) => p.line === line && p.code === code)) {
      fail(`${code} on line ${line} is listed although copydesk.rules turns it off:\n${first.seen}`);
    }
  }
  const belhaven = first.problems.find((p) => p.line === 17 && /Bellhaven/.test(p.text));
  if (!belhaven) {
    fail(`no name-variant for “Belhaven” (from the copydesk.names setting):\n${first.seen}`);
  }
  log(`Problems panel: ${first.problems.map((p) => `${p.line}:${p.code}`).join(", ")}`);
  await shot("vscode-problems.png");

  // 2. Hover on a surname: "Whitcombe said." on line 11 -> Dana Whitcombe, Board member.
  await page.locator(".part.editor .monaco-editor textarea").first().focus();
  const line11 = fs.readFileSync(FIXTURE, "utf8").split("\n")[10];
  const column = line11.lastIndexOf("Whitcombe said") + 3; // 1-based, inside the surname
  await quickInput("Control+G", `:11:${column}`);
  await page.keyboard.press("Enter");
  await cursorAt(11, column);
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  const hover = await poll("the hover card for Whitcombe", 20_000, async () => {
    const texts = await page.$$eval(".monaco-hover .rendered-markdown", (els) => els.map((e) => e.innerText));
    const text = texts.join("\n");
    return { ok: /Dana Whitcombe/.test(text) && /Board member/i.test(text), seen: text, text };
  });
  log(`hover: ${hover.text.replace(/\s+/g, " ").slice(0, 160)}`);
  await shot("vscode-hover.png");
  await page.keyboard.press("Escape");
  await page.locator(".monaco-hover .rendered-markdown").first().waitFor({ state: "hidden", timeout: 10_000 }).catch(() => {});

  // 3. Outline: Go to Symbol in Editor lists the speakers.
  await quickInput("Control+Shift+O");
  const speakers = ["Marisol Quintero", "Tobias Lindqvist", "Dana Whitcombe", "Anonymous sources", "Unattributed"];
  const outline = await poll("the speakers in Go to Symbol", 20_000, async () => {
    const rows = await page.$$eval(".quick-input-widget .monaco-list-row", (els) =>
      els.map((e) => e.innerText.replace(/\s+/g, " ").trim()),
    );
    return { ok: speakers.every((s) => rows.some((r) => r.includes(s))), seen: rows.join("\n"), rows };
  });
  log(`Go to Symbol: ${outline.rows.join(" | ").slice(0, 300)}`);
  await closeQuickInput();
  // ... and so does the Outline view in the Explorer (folded the folder view to give it room).
  await page.locator(".pane-header", { hasText: path.basename(workspace) }).first().click();
  await page.locator(".pane-header", { hasText: /^Outline/i }).first().click();
  const outlineView = await poll("the speakers in the Outline view", 20_000, async () => {
    const rows = await page.$$eval(".outline-pane .monaco-list-row", (els) =>
      els.map((e) => (e.getAttribute("aria-label") || e.innerText).replace(/\s+/g, " ").trim()),
    );
    return { ok: speakers.every((s) => rows.some((r) => r.includes(s))), seen: rows.join("\n"), rows };
  });
  log(`Outline view: ${outlineView.rows.filter((r) => speakers.some((s) => r.includes(s))).join(" | ").slice(0, 300)}`);
  await shot("vscode-outline.png");

  // 4. Type an unattributed quote at the end of the draft: a new problem on line 19.
  await page.locator(".part.editor .monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+End");
  await cursorAt(18, 1);
  await page.keyboard.press("Enter");
  await page.keyboard.type('"Nobody told us the schedule was changing."', { delay: 10 });
  const line19 = await editor.locator(".view-line", { hasText: "Nobody told us" }).innerText();
  if (line19.replace(/\u00a0/g, " ").trim() !== '"Nobody told us the schedule was changing."') {
    fail(`the typed line reads ${JSON.stringify(line19)}`);
  }
  // While the quote was being typed it was unbalanced; once closed, exactly one new problem.
  const typed = await waitForProblems("the new unattributed quote on line 19 (and nothing else there)", 20_000, (problems) => {
    const on19 = problems.filter((p) => p.line === 19);
    return on19.length === 1 && on19[0].code === "unattributed-quote" && multisetContains(problems, EXPECTED);
  });
  log(`after typing: ${typed.problems.map((p) => `${p.line}:${p.code}`).join(", ")}`);
  await shot("vscode-typed.png");

  // 5. Settings change live, the way a user makes it: edit settings.json in the editor and save.
  //    copydesk.rules gets loaded-verb = off -> the problem on line 11 goes away.
  const pidBeforeSettings = serverPids();
  await quickInput("F1", ">Preferences: Open User Settings (JSON)");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Open User Settings (JSON)" }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".tab.active", { hasText: "settings.json" }).waitFor({ timeout: 15_000 });
  await page.locator(".part.editor .monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+A");
  // Pasted: typed text would get auto-closed brackets and quotes from the JSON editor.
  await page.evaluate(
    (text) => navigator.clipboard.writeText(text),
    JSON.stringify(userSettings({ "anonymous-source": "off", "loaded-verb": "off" }), null, 2),
  );
  await page.keyboard.press("Control+V");
  await page.keyboard.press("Control+S");
  await waitForProblems("loaded-verb to disappear after copydesk.rules changed", 20_000, (problems) =>
    !problems.some((p) => p.code === "loaded-verb") && problems.some((p) => p.line === 19),
  );
  const savedText = fs.readFileSync(settingsFile, "utf8");
  let saved;
  try {
    saved = JSON.parse(savedText);
  } catch (e) {
    fail(`settings.json as saved does not parse (${e.message}):\n${savedText}`);
  }
  if (saved["copydesk.rules"]?.["loaded-verb"] !== "off") {
    fail(`settings.json was not saved as typed: ${JSON.stringify(saved["copydesk.rules"])}`);
  }
  if (serverPids().join() !== pidBeforeSettings.join()) {
    fail(`the server was restarted for a settings change (pids ${pidBeforeSettings} -> ${serverPids()}): it should be pushed live`);
  }
  log("copydesk.rules change applied live, same server process");
  await page.keyboard.press("Control+W");
  await page.locator(".tab.active", { hasText: "ferry_fares.md" }).waitFor({ timeout: 10_000 });

  // 6. Restart the server: a new server process, and the problems come back (with the live
  //    settings still applied).
  const before = serverPids();
  if (before.length !== 1) {
    fail(`expected one running \`${COPYDESK} lsp\`, found ${before.length}`);
  }
  await page.locator(".part.editor .monaco-editor textarea").first().focus();
  await quickInput("F1", ">copydesk: Restart Language Server");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Restart Language Server" }).first().waitFor();
  await page.keyboard.press("Enter");
  await poll("a new copydesk server process after the restart", 20_000, async () => {
    const now = serverPids();
    return { ok: now.length === 1 && now[0] !== before[0], seen: `before: ${before}, now: ${now}` };
  });
  await waitForProblems("the problems to come back after copydesk: Restart Language Server", 20_000, (problems) => {
    const want = EXPECTED.filter(([, code]) => code !== "loaded-verb").concat([[19, "unattributed-quote"]]);
    return multisetContains(problems, want) && !problems.some((p) => p.code === "loaded-verb");
  });
  log(`server restarted (pid ${before[0]} -> ${serverPids()[0]})`);

  // 7. Show the sources.
  await page.locator(".part.editor .monaco-editor textarea").first().focus();
  await quickInput("F1", ">copydesk: Show Sources");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Show Sources" }).first().waitFor();
  await page.keyboard.press("Enter");
  await poll("the Sources document", 20_000, async () => {
    const tab = await page.locator(".tab", { hasText: "Sources of ferry_fares" }).count();
    const texts = await page.$$eval(".editor-instance .view-lines", (els) => els.map((e) => e.innerText));
    const text = texts.join("\n").replace(/\u00a0/g, " "); // the editor renders spaces as NBSP
    return {
      ok:
        tab > 0 &&
        /3 named sources, 1 anonymous source, 2 unattributed quotes/.test(text) &&
        /\| Dana Whitcombe \| Board member \| person \| 1 \| 1 \| line 11 \|/.test(text.replace(/\s+/g, " ")),
      seen: `tab found: ${tab > 0}\n${text}`,
    };
  });
  log("Show Sources opened the source list");
  await shot("vscode-sources.png");

  await page.keyboard.press("Control+Shift+M");
  await shot("vscode-final.png");
}

const watchdog = setTimeout(async () => {
  console.error(`\nFAIL: the test did not finish within ${TOTAL_TIMEOUT_MS / 1000}s`);
  process.exitCode = 1;
  await cleanup();
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

try {
  await main();
  log("PASS: copydesk works in the VS Code workbench");
} catch (e) {
  process.exitCode = 1;
  if (!(e instanceof TestFailure)) {
    console.error(`\nFAIL: ${e?.stack ?? e}`);
  }
  console.error(`artifacts (screenshots, code-server.log): ${ARTIFACTS}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
