-- End-to-end test of the copydesk plugin in real Neovim:
--   COPYDESK=/path/to/copydesk nvim --headless -u NONE -i NONE -n -l e2e.lua
-- require("copydesk").setup(), a Markdown draft, diagnostics, diagnostic keys, hover, document
-- symbols, :CopydeskSources (and <CR> in it), then an edit that adds an unattributed quote.
local t = dofile(vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h") .. "/lib.lua")

local state = "starting"
t.watchdog(tonumber(os.getenv("COPYDESK_E2E_TIMEOUT_MS") or "30000"), function() return state end)

local bin = t.copydesk()
vim.opt.runtimepath:prepend(t.plugin_root)
vim.cmd("filetype on")
local messages = t.record_messages()

-- 1. setup() with a setting, so we can see the settings reach the server: loaded-verb is a
--    warning by default, an error here.
local copydesk = require("copydesk")
copydesk.setup({ cmd = { bin, "lsp" }, settings = { rules = { ["loaded-verb"] = "error" } } })
t.check(vim.fn.exists(":CopydeskSources") == 2, "setup() defines :CopydeskSources")

local path = t.fixture("draft.md")
vim.cmd.edit(vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()
t.eq(vim.bo[buf].filetype, "markdown", "the draft is a markdown buffer")

state = "waiting for the client to attach"
t.wait(5000, function() return copydesk.client(buf) ~= nil end, "copydesk attaches to the markdown buffer")
local client = copydesk.client(buf)
t.wait(5000, function() return client.initialized end, "the server initializes")
local caps = client.server_capabilities
t.check(caps.hoverProvider and caps.documentSymbolProvider and caps.codeActionProvider,
  "the server advertises hover, documentSymbol and codeAction", vim.inspect(caps))

-- 2. Diagnostics, with their codes and lines.
state = "waiting for diagnostics"
t.wait(10000, function() return #t.diagnostics(buf) > 0 end, "diagnostics arrive",
  function() return vim.inspect(vim.diagnostic.get(buf)) end)
t.eq(t.diagnostics(buf), {
  "9:loaded-verb",
  "11:anonymity-unexplained",
  "11:anonymous-source",
  "13:unattributed-quote",
  "15:name-variant",
}, "diagnostics: codes and lines")

local loaded = t.find_diagnostic(buf, "loaded-verb", 9)
t.eq({ loaded.col, loaded.end_col }, { 32, 39 }, "loaded-verb underlines “blasted”")
t.eq(loaded.severity, vim.diagnostic.severity.ERROR, "settings from setup() reach the server (loaded-verb is an error)")
t.contains(loaded.message, "blasted", "loaded-verb message names the verb")
t.eq(t.find_diagnostic(buf, "anonymous-source", 11).severity, vim.diagnostic.severity.INFO,
  "anonymous-source is information")
t.eq(t.find_diagnostic(buf, "unattributed-quote", 13).severity, vim.diagnostic.severity.WARN,
  "unattributed-quote is a warning")
t.contains(t.find_diagnostic(buf, "name-variant", 15).message, "Lindqvist", "name-variant names the other spelling")

-- 3. The usual diagnostic keys are there and jump.
t.check(vim.fn.maparg("]d", "n") ~= "" and vim.fn.maparg("[d", "n") ~= "", "]d and [d are mapped")
vim.api.nvim_win_set_cursor(0, { 1, 0 })
vim.cmd("normal ]d")
t.eq(vim.api.nvim_win_get_cursor(0), { 9, 32 }, "]d jumps to the first diagnostic (line 9, “blasted”)")
vim.cmd("normal ]d")
t.eq(vim.api.nvim_win_get_cursor(0)[1], 11, "]d again jumps to line 11")
vim.cmd("normal [d")
t.eq(vim.api.nvim_win_get_cursor(0)[1], 9, "[d jumps back to line 9")

-- 4. Hover on a speaker: the surname on line 7 resolves to the full name and role.
state = "hover"
local function hover(line, character)
  local result = t.request(client, buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = line - 1, character = character },
  })
  return result and result.contents and result.contents.value
end
local card = hover(7, 3)
t.contains(card, "Mara Lindqvist", "hover on “Lindqvist” (line 7) shows the full name")
t.contains(card, "Transit Director", "hover on “Lindqvist” shows the role")
t.contains(card, "first reference on line 5", "hover shows the first reference")
card = hover(9, 103)
t.contains(card, "Tomas Okonjo", "hover on “Okonjo said” (line 9) shows the full name")
t.contains(card, "cannery worker", "hover on “Okonjo” shows the role")

-- 5. Document symbols: one node per speaker, anonymous sources, unattributed.
state = "documentSymbol"
local symbols = t.request(client, buf, "textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(buf) } })
local top = {}
for _, s in ipairs(symbols) do
  table.insert(top, s.name .. (s.detail and (" | " .. s.detail) or ""))
end
t.eq(top, {
  "Mara Lindqvist | Transit Director",
  "Tomas Okonjo | cannery worker",
  "Anonymous sources | 1 source",
  "Unattributed | 1 claim",
}, "document symbols list the speakers, anonymous sources and unattributed claims")

-- 6. :CopydeskSources in a scratch buffer.
state = ":CopydeskSources"
vim.cmd("CopydeskSources")
t.wait(5000, function() return vim.bo.filetype == "copydesk_sources" end, ":CopydeskSources opens the source list")
local sources_buf = vim.api.nvim_get_current_buf()
local lines = vim.api.nvim_buf_get_lines(sources_buf, 0, -1, false)
t.eq(lines, {
  "# Sources in " .. vim.fn.fnamemodify(path, ":~:."),
  "",
  "## Named sources (2)",
  "- Mara Lindqvist — Transit Director: 2 quotes, 2 paraphrases (line 5)",
  "- Tomas Okonjo — cannery worker: 1 quote, 1 paraphrase (line 9)",
  "",
  "## Anonymous sources (1)",
  "- a transit official: 1 paraphrase (line 11)",
  "",
  "## Unattributed (1 quote)",
  '- line 13, quote: "We will find a way to bring the night boats back."',
}, ":CopydeskSources lists who is quoted, how often, with roles; anonymous; unattributed")
t.eq({ vim.bo[sources_buf].buftype, vim.bo[sources_buf].modifiable }, { "nofile", false },
  "the source list is a read-only scratch buffer")
-- <CR> on Okonjo's line goes to his first reference in the draft.
vim.api.nvim_win_set_cursor(0, { 5, 0 })
vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("<CR>", true, false, true), "x", false)
t.eq({ vim.api.nvim_get_current_buf(), vim.api.nvim_win_get_cursor(0)[1] }, { buf, 9 },
  "<CR> in the source list jumps to the speaker in the draft")
vim.api.nvim_win_close(vim.fn.bufwinid(sources_buf), true)

-- 7. An edit: a new unattributed quote gets its own diagnostic.
state = "waiting for the diagnostic of the edit"
local before = #t.diagnostics(buf)
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { "", '"The night boats were never going to pay for themselves."' })
t.wait(10000, function() return t.find_diagnostic(buf, "unattributed-quote", last + 2) ~= nil end,
  "the inserted quote (line " .. (last + 2) .. ") gets an unattributed-quote diagnostic",
  function() return vim.inspect(t.diagnostics(buf)) end)
t.eq(#t.diagnostics(buf), before + 1, "and nothing else changed")
t.check(t.find_diagnostic(buf, "unattributed-quote", 13) ~= nil, "the first unattributed quote is still flagged")

-- 8. The server never complained (bad settings are reported with showMessage).
local errors = vim.tbl_filter(function(m) return m.type == vim.lsp.protocol.MessageType.Error end, messages)
t.eq(errors, {}, "no error messages from the server")

state = "stopping"
client:stop()
t.wait(5000, function() return client:is_stopped() end, "the server shuts down")
t.out("PASS nvim e2e (setup)")
vim.cmd("qall!")
