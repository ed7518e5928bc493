// "Show sources": the draft's source list as Markdown, built from the server's outline of claims
// (`textDocument/documentSymbol`, src/lsp/symbols.rs):
//
// - one node per named speaker: `name`, `detail` = role, kind Class (person), Struct
//   (organisation) or File (document); children are their claims;
// - one node "Anonymous sources" (kind Namespace) whose children are the anonymous speakers
//   (kind Object), each with their claims;
// - one node "Unattributed" (kind Null) whose children are quotes and check-worthy claims with no
//   source.
//
// A claim node has the (shortened) claim text as `name` and its kind in `detail`: `quote`,
// `paraphrase`, `figure`, `comparison`, `cause` or `prediction`.

import { SymbolKind } from "vscode-languageclient/node";
import type { DocumentSymbol } from "vscode-languageclient/node";

export interface Claim {
  text: string;
  kind: string;
  line: number;
}

export interface Source {
  name: string;
  role?: string;
  kind: "person" | "organisation" | "document" | "anonymous source";
  line: number;
  claims: Claim[];
}

export interface Sources {
  named: Source[];
  anonymous: Source[];
  unattributed: Claim[];
}

const KINDS: Partial<Record<SymbolKind, Source["kind"]>> = {
  [SymbolKind.Class]: "person",
  [SymbolKind.Struct]: "organisation",
  [SymbolKind.File]: "document",
  [SymbolKind.Object]: "anonymous source",
};

function claims(node: DocumentSymbol): Claim[] {
  return (node.children ?? []).map((c) => ({
    text: c.name,
    kind: c.detail ?? "claim",
    line: c.selectionRange.start.line + 1,
  }));
}

function source(node: DocumentSymbol, fallback: Source["kind"]): Source {
  return {
    name: node.name,
    role: node.detail || undefined,
    kind: KINDS[node.kind] ?? fallback,
    line: node.selectionRange.start.line + 1,
    claims: claims(node),
  };
}

export function collect(symbols: DocumentSymbol[]): Sources {
  const out: Sources = { named: [], anonymous: [], unattributed: [] };
  for (const node of symbols) {
    if (node.kind === SymbolKind.Namespace && node.name === "Anonymous sources") {
      out.anonymous.push(...(node.children ?? []).map((c) => source(c, "anonymous source")));
    } else if (node.kind === SymbolKind.Null && node.name === "Unattributed") {
      out.unattributed.push(...claims(node));
    } else {
      out.named.push(source(node, "person"));
    }
  }
  return out;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Escapes what Markdown would otherwise take as markup (underscores are left alone: inside
 * words they are not emphasis, and the page is read as source as much as rendered). */
function escape(text: string): string {
  return text.replace(/([\\`*[\]<>|])/g, "\\$1");
}

function count(source: Source, kind: string): number {
  return source.claims.filter((c) => c.kind === kind).length;
}

function claimLines(list: Claim[], withKind: boolean): string[] {
  return list.map(
    (c) => `- line ${c.line}${withKind ? ` (${c.kind})` : ""}: ${escape(c.text)}`,
  );
}

function sourceSection(s: Source): string[] {
  const lines: string[] = [];
  const role = s.role ? ` — ${escape(s.role)}` : "";
  lines.push(`### ${escape(s.name)}${role}`);
  lines.push("");
  lines.push(
    `${s.kind} · ${plural(count(s, "quote"), "quote", "quotes")} · ` +
      `${plural(count(s, "paraphrase"), "paraphrase", "paraphrases")} · first reference on line ${s.line}`,
  );
  if (s.claims.length > 0) {
    lines.push("");
    lines.push(...claimLines(s.claims, true));
  }
  lines.push("");
  return lines;
}

/** The Markdown document shown by `copydesk.showSources`. */
export function render(title: string, sources: Sources): string {
  const lines: string[] = [`# Sources: ${escape(title)}`, ""];
  const quotes = (list: Claim[]) => list.filter((c) => c.kind === "quote");
  const unattributedQuotes = quotes(sources.unattributed);
  const otherClaims = sources.unattributed.filter((c) => c.kind !== "quote");
  lines.push(
    `${plural(sources.named.filter((s) => s.claims.length > 0).length, "named source", "named sources")}, ` +
      `${plural(sources.anonymous.length, "anonymous source", "anonymous sources")}, ` +
      `${plural(unattributedQuotes.length, "unattributed quote", "unattributed quotes")}.`,
    "",
  );

  // Speakers the draft names but never quotes or paraphrases are not sources: listed apart.
  const quoted = sources.named.filter((s) => s.claims.length > 0);
  const mentioned = sources.named.filter((s) => s.claims.length === 0);
  lines.push(`## Named sources (${quoted.length})`, "");
  if (quoted.length > 0) {
    lines.push("| Source | Role | Kind | Quotes | Paraphrases | First reference |");
    lines.push("| --- | --- | --- | ---: | ---: | ---: |");
    for (const s of quoted) {
      lines.push(
        `| ${escape(s.name)} | ${s.role ? escape(s.role) : "—"} | ${s.kind} | ${count(s, "quote")} | ` +
          `${count(s, "paraphrase")} | line ${s.line} |`,
      );
    }
    lines.push("");
    for (const s of quoted) {
      lines.push(...sourceSection(s));
    }
  } else {
    lines.push("None.", "");
  }
  if (mentioned.length > 0) {
    lines.push(`## Mentioned, not quoted (${mentioned.length})`, "");
    for (const s of mentioned) {
      const role = s.role ? ` — ${escape(s.role)}` : "";
      lines.push(`- ${escape(s.name)}${role} (${s.kind}, line ${s.line})`);
    }
    lines.push("");
  }

  lines.push(`## Anonymous sources (${sources.anonymous.length})`, "");
  if (sources.anonymous.length > 0) {
    for (const s of sources.anonymous) {
      lines.push(...sourceSection(s));
    }
  } else {
    lines.push("None.", "");
  }

  lines.push(`## Unattributed quotes (${unattributedQuotes.length})`, "");
  lines.push(...(unattributedQuotes.length > 0 ? claimLines(unattributedQuotes, false) : ["None."]));
  lines.push("");
  if (otherClaims.length > 0) {
    lines.push(`## Other claims with no source (${otherClaims.length})`, "");
    lines.push(...claimLines(otherClaims, true));
    lines.push("");
  }
  return lines.join("\n");
}
