// copydesk for VS Code: starts `copydesk lsp` for Markdown and plain-text drafts (and
// `.copydesk.toml` files, which the server checks as configuration), passes the `copydesk.*`
// settings to it and keeps them current, and adds two commands: restart the server, and show the
// current draft's sources.

import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  DocumentSymbolRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import type { DocumentSymbol } from "vscode-languageclient/node";

import { serverPath, serverSettings } from "./settings";
import * as sources from "./sources";

const SOURCES_SCHEME = "copydesk-sources";

let client: LanguageClient | undefined;
/** The binary the running client was started with. */
let command: string | undefined;
/** Settles when the latest start attempt has finished (either way). */
let starting: Promise<void> = Promise.resolve();
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
      { language: "plaintext", scheme: "file" },
      { language: "plaintext", scheme: "untitled" },
      { pattern: "**/.copydesk.toml", scheme: "file" },
    ],
    outputChannel: output,
    traceOutputChannel: traceOutput,
    // Evaluated at every (re)start.
    initializationOptions: () => serverSettings(),
    middleware: {
      workspace: {
        // The server pulls the `copydesk` section (`workspace/configuration`): answer with the
        // translated settings, never the raw VS Code ones (camelCase, `path`, `trace`).
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) {
            return raw;
          }
          return params.items.map((item, i) => {
            if (item.section === "copydesk") {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return serverSettings(scope);
            }
            return raw[i];
          });
        },
      },
    },
  };
}

function start(): Promise<void> {
  starting = startClient();
  return starting;
}

async function startClient(): Promise<void> {
  command = serverPath();
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"] },
    debug: { command, args: ["lsp"], options: { env: { ...process.env, COPYDESK_LOG: "copydesk=debug" } } },
  };
  const next = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions());
  client = next;
  try {
    await next.start();
  } catch (e) {
    client = undefined;
    const message = e instanceof Error ? e.message : String(e);
    output.appendLine(`Could not start ${command} lsp: ${message}`);
    const choice = await vscode.window.showErrorMessage(
      `copydesk: could not start the language server \`${command} lsp\` (${message}). ` +
        "Install copydesk (cargo install --path . in its repository) or set copydesk.path.",
      "Open Settings",
    );
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.path");
    }
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop(5000);
    } catch (e) {
      output.appendLine(`Stopping the server: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

/** Pushes the translated settings to a running server. */
async function pushSettings(): Promise<void> {
  if (client?.state !== State.Running) {
    return;
  }
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { copydesk: serverSettings() },
  });
}

function draftEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && (editor.document.languageId === "markdown" || editor.document.languageId === "plaintext")) {
    if (editor.document.uri.scheme !== SOURCES_SCHEME) {
      return editor;
    }
  }
  return undefined;
}

/** The sources page for a draft, computed from the server's outline of claims. */
async function sourcesMarkdown(draft: vscode.Uri): Promise<string> {
  const document = await vscode.workspace.openTextDocument(draft);
  await starting;
  if (!client || client.state !== State.Running) {
    throw new Error("the copydesk language server is not running");
  }
  const result = await client.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
  });
  const symbols = (result ?? []).filter((s): s is DocumentSymbol => "selectionRange" in s);
  const title = vscode.workspace.asRelativePath(document.uri);
  return sources.render(title, sources.collect(symbols));
}

class SourcesProvider implements vscode.TextDocumentContentProvider {
  readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const draft = vscode.Uri.parse(uri.query);
    try {
      return await sourcesMarkdown(draft);
    } catch (e) {
      return `# Sources\n\nCould not list the sources: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }
}

/** A read-only Markdown document (a virtual `copydesk-sources:` document) beside the draft. */
async function showSources(provider: SourcesProvider): Promise<void> {
  const editor = draftEditor();
  if (!editor) {
    void vscode.window.showWarningMessage("copydesk: open a Markdown or plain-text draft first.");
    return;
  }
  const draft = editor.document.uri;
  const name = draft.path.split("/").pop() ?? "draft";
  const uri = vscode.Uri.from({
    scheme: SOURCES_SCHEME,
    path: `/Sources of ${name.replace(/\.[^.]*$/, "")}.md`,
    query: draft.toString(),
  });
  provider.changed.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, "markdown");
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("copydesk");
  traceOutput = vscode.window.createOutputChannel("copydesk (trace)");
  const provider = new SourcesProvider();
  context.subscriptions.push(
    output,
    traceOutput,
    vscode.workspace.registerTextDocumentContentProvider(SOURCES_SCHEME, provider),
    vscode.commands.registerCommand("copydesk.restartServer", restart),
    vscode.commands.registerCommand("copydesk.showSources", () => showSources(provider)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("copydesk")) {
        return;
      }
      // Restart only when the binary really changed: VS Code also reports copydesk.path as
      // affected when it re-reads a settings file whose other keys changed.
      if (e.affectsConfiguration("copydesk.path") && serverPath() !== command) {
        await restart();
      } else {
        await pushSettings();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
