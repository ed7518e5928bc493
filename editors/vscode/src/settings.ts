// The server's settings from VS Code's `copydesk.*` configuration.
//
// The server reads one schema (src/config.rs) with kebab-case keys, the same as `.copydesk.toml`,
// and rejects unknown keys. VS Code's settings are camelCase and include editor-only ones
// (`copydesk.path`, `copydesk.trace.server`), so they are translated here, never passed through.
//
// Only settings the user actually set are sent: the server merges the editor's layer over the
// project's `.copydesk.toml`, and a default sent from here (`courtesy-titles = "ap"`, an empty
// `attribution-verbs`) would silently override the project file.

import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";

/** VS Code setting (under `copydesk.`) -> the server's key. */
export const SERVER_KEYS: ReadonlyArray<readonly [string, string]> = [
  ["rules", "rules"],
  ["names", "names"],
  ["attributionVerbs", "attribution-verbs"],
  ["anonymityPhrases", "anonymity-phrases"],
  ["courtesyTitles", "courtesy-titles"],
];

function isSet(inspected: unknown): boolean {
  if (!inspected || typeof inspected !== "object") {
    return false;
  }
  const i = inspected as Record<string, unknown>;
  return [
    "globalValue",
    "workspaceValue",
    "workspaceFolderValue",
    "globalLanguageValue",
    "workspaceLanguageValue",
    "workspaceFolderLanguageValue",
  ].some((k) => i[k] !== undefined);
}

/** The `copydesk` section as the server expects it (kebab-case keys, only what is set). */
export function serverSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("copydesk", scope);
  const out: Record<string, unknown> = {};
  for (const [key, serverKey] of SERVER_KEYS) {
    if (isSet(config.inspect(key))) {
      const value = config.get(key);
      if (value !== undefined && value !== null) {
        out[serverKey] = value;
      }
    }
  }
  return out;
}

/** `copydesk.path`, with `~` and `${workspaceFolder}` expanded; relative paths from the first folder. */
export function serverPath(): string {
  const raw = vscode.workspace.getConfiguration("copydesk").get<string>("path", "copydesk").trim() || "copydesk";
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let file = raw.replace(/\$\{workspaceFolder\}/g, folder ?? "");
  if (file === "~" || file.startsWith("~/")) {
    file = path.join(os.homedir(), file.slice(1));
  }
  // A bare command name is looked up on PATH; anything with a separator is a path.
  if (/[\\/]/.test(file) && !path.isAbsolute(file) && folder) {
    file = path.join(folder, file);
  }
  return file;
}
