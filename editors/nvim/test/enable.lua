-- End-to-end test of lsp/copydesk.lua with Neovim 0.11's vim.lsp.enable, no setup() call, on a
-- plain-text draft:
--   COPYDESK=/path/to/copydesk nvim --headless -u NONE -i NONE -n -l enable.lua
local t = dofile(vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h") .. "/lib.lua")

local state = "starting"
t.watchdog(tonumber(os.getenv("COPYDESK_E2E_TIMEOUT_MS") or "30000"), function() return state end)

local bin = t.copydesk()
vim.opt.runtimepath:prepend(t.plugin_root)
vim.cmd("filetype on")
vim.cmd("runtime! plugin/copydesk.lua") -- -u NONE skips plugin/ files; a plugin manager loads them
local messages = t.record_messages()

local defaults = vim.lsp.config.copydesk
t.eq({ defaults.cmd, defaults.filetypes, defaults.root_markers },
  { { "copydesk", "lsp" }, { "markdown", "text" }, { ".copydesk.toml", ".git" } },
  "lsp/copydesk.lua is found on the runtimepath with the defaults")
t.check(vim.fn.exists(":CopydeskSources") == 2, "plugin/copydesk.lua defines :CopydeskSources")

vim.lsp.config("copydesk", { cmd = { bin, "lsp" } })
vim.lsp.enable("copydesk")

local path = t.fixture("draft.md", "draft.txt")
vim.cmd.edit(vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()
t.eq(vim.bo[buf].filetype, "text", "the .txt draft is a text buffer")

state = "waiting for diagnostics"
t.wait(10000, function() return #t.diagnostics(buf) > 0 end, "diagnostics arrive for the text buffer",
  function() return vim.inspect(vim.lsp.get_clients()) end)
t.eq(t.diagnostics(buf), {
  "9:loaded-verb",
  "11:anonymity-unexplained",
  "11:anonymous-source",
  "13:unattributed-quote",
  "15:name-variant",
}, "diagnostics: codes and lines")
t.eq(t.find_diagnostic(buf, "loaded-verb", 9).severity, vim.diagnostic.severity.WARN,
  "default settings: loaded-verb is a warning")

state = ":CopydeskSources"
vim.cmd("CopydeskSources")
t.wait(5000, function() return vim.bo.filetype == "copydesk_sources" end, ":CopydeskSources opens the source list")
local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
t.eq(vim.list_slice(lines, 3, 5), {
  "## Named sources (2)",
  "- Mara Lindqvist — Transit Director: 2 quotes, 2 paraphrases (line 5)",
  "- Tomas Okonjo — cannery worker: 1 quote, 1 paraphrase (line 9)",
}, "the source list names the speakers")

local errors = vim.tbl_filter(function(m) return m.type == vim.lsp.protocol.MessageType.Error end, messages)
t.eq(errors, {}, "no error messages from the server")

t.out("PASS nvim e2e (vim.lsp.enable)")
vim.cmd("qall!")
