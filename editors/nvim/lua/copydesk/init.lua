-- copydesk for Neovim: starts `copydesk lsp` for drafts and lists a draft's sources.
--
--   require("copydesk").setup({
--     cmd = { "copydesk", "lsp" },          -- the server command
--     filetypes = { "markdown", "text" },   -- buffers to check
--     root_markers = { ".copydesk.toml", ".git" },
--     settings = { rules = { ["unattributed-claim"] = "off" } },  -- the `copydesk` section
--   })
--
-- Any other key (capabilities, on_attach, ...) is passed on to the LSP client config.
-- See :help copydesk.

local M = {}

M.name = "copydesk"

M.defaults = {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  root_markers = { ".copydesk.toml", ".git" },
  settings = nil,
}

local SOURCES_FILETYPE = "copydesk_sources"
local SOURCES_PREFIX = "copydesk://sources/"

local function has(version)
  return vim.fn.has("nvim-" .. version) == 1
end

-- An empty Lua table encodes as a JSON array; the server wants an object.
local function as_object(t)
  if t == nil or (type(t) == "table" and next(t) == nil) then
    return vim.empty_dict()
  end
  return t
end

--- The LSP client config that setup() registers.
function M.client_config(opts)
  opts = vim.tbl_extend("force", {}, M.defaults, opts or {})
  local settings = opts.settings
  -- Accept both { rules = ... } and { copydesk = { rules = ... } }.
  if type(settings) == "table" and settings.copydesk ~= nil then
    settings = settings.copydesk
  end
  local config = {}
  for k, v in pairs(opts) do
    if k ~= "settings" then
      config[k] = v
    end
  end
  config.settings = { copydesk = as_object(settings) }
  return config
end

local function ensure_diagnostic_keys(bufnr)
  -- Neovim 0.10+ maps ]d, [d and <C-w>d globally; keep them if a config removed them.
  local function map(lhs, rhs, desc)
    if vim.fn.maparg(lhs, "n") == "" then
      vim.keymap.set("n", lhs, rhs, { buffer = bufnr, desc = desc })
    end
  end
  if has("0.11") then
    map("]d", function() vim.diagnostic.jump({ count = vim.v.count1 }) end, "Next diagnostic")
    map("[d", function() vim.diagnostic.jump({ count = -vim.v.count1 }) end, "Previous diagnostic")
  else
    map("]d", vim.diagnostic.goto_next, "Next diagnostic")
    map("[d", vim.diagnostic.goto_prev, "Previous diagnostic")
  end
  map("<C-w>d", vim.diagnostic.open_float, "Show diagnostics under the cursor")
end

local function create_commands()
  vim.api.nvim_create_user_command("CopydeskSources", function()
    M.sources()
  end, { desc = "copydesk: list the current draft's sources", force = true })
end

--- Registers the server and starts it for `filetypes` buffers.
function M.setup(opts)
  local config = M.client_config(opts)
  create_commands()
  local group = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("LspAttach", {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == M.name then
        ensure_diagnostic_keys(args.buf)
      end
    end,
  })

  if has("0.11") then
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
    return
  end
  if not has("0.10") then
    vim.notify("copydesk.nvim needs Neovim 0.10 or newer", vim.log.levels.ERROR)
    return
  end
  -- Neovim 0.10: start the client per buffer.
  local function start(bufnr)
    if vim.bo[bufnr].buftype ~= "" then
      return
    end
    local start_config = vim.tbl_extend("force", {}, config)
    start_config.name = M.name
    start_config.root_markers = nil
    start_config.filetypes = nil
    start_config.root_dir = vim.fs.root(bufnr, config.root_markers)
      or vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr))
    vim.lsp.start(start_config, { bufnr = bufnr })
  end
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      start(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      start(bufnr)
    end
  end
end

--- The copydesk client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  return vim.lsp.get_clients({ bufnr = bufnr, name = M.name })[1]
end

local function request(client, method, params, handler, bufnr)
  if has("0.11") then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

-- Symbol kinds the server uses (src/lsp/symbols.rs).
local KIND = vim.lsp.protocol.SymbolKind
local SPEAKER_KINDS = {
  [KIND.Class] = "person",
  [KIND.Struct] = "organisation",
  [KIND.Object] = "anonymous source",
  [KIND.File] = "document",
}

local function plural(n, one, many)
  return string.format("%d %s", n, n == 1 and one or many)
end

local ORDER = { "quote", "paraphrase", "figure", "comparison", "cause", "prediction" }
local PLURALS = { quote = "quotes", paraphrase = "paraphrases", figure = "figures", comparison = "comparisons",
  cause = "causes", prediction = "predictions" }

-- "2 quotes, 1 paraphrase" from a speaker's claim children.
local function claim_counts(children)
  local counts = {}
  for _, child in ipairs(children or {}) do
    local label = child.detail or "claim"
    counts[label] = (counts[label] or 0) + 1
  end
  local parts = {}
  for _, label in ipairs(ORDER) do
    if counts[label] then
      table.insert(parts, plural(counts[label], label, PLURALS[label]))
      counts[label] = nil
    end
  end
  for label, n in pairs(counts) do
    table.insert(parts, plural(n, label, label .. "s"))
  end
  if #parts == 0 then
    return "mentioned, no claims"
  end
  return table.concat(parts, ", ")
end

local function line_of(sym)
  local range = sym.selectionRange or sym.range
  return range.start.line + 1
end

local function is_anonymous_group(sym)
  return sym.kind == KIND.Namespace and sym.name == "Anonymous sources"
end

local function is_unattributed_group(sym)
  return sym.kind == KIND.Null and sym.name == "Unattributed"
end

--- Formats a textDocument/documentSymbol result as the source list.
--- Returns the lines and, per line number (1-based), the symbol to jump to.
function M.source_lines(symbols, title)
  local speakers, anonymous, unattributed = {}, {}, {}
  for _, sym in ipairs(symbols or {}) do
    if is_anonymous_group(sym) then
      vim.list_extend(anonymous, sym.children or {})
    elseif is_unattributed_group(sym) then
      vim.list_extend(unattributed, sym.children or {})
    elseif SPEAKER_KINDS[sym.kind] then
      table.insert(speakers, sym)
    end
  end

  local lines, targets = {}, {}
  local function add(text, target)
    table.insert(lines, text)
    targets[#lines] = target
  end

  add("# Sources in " .. title)
  add("")
  add(string.format("## Named sources (%d)", #speakers))
  if #speakers == 0 then
    add("- none")
  end
  for _, s in ipairs(speakers) do
    local who = s.name
    if s.detail and s.detail ~= "" then
      who = who .. " — " .. s.detail
    end
    local kind = SPEAKER_KINDS[s.kind]
    if kind ~= "person" then
      who = who .. " (" .. kind .. ")"
    end
    add(string.format("- %s: %s (line %d)", who, claim_counts(s.children), line_of(s)), s)
  end

  add("")
  add(string.format("## Anonymous sources (%d)", #anonymous))
  if #anonymous == 0 then
    add("- none")
  end
  for _, s in ipairs(anonymous) do
    local who = s.name
    if s.detail and s.detail ~= "" then
      who = who .. " — " .. s.detail
    end
    add(string.format("- %s: %s (line %d)", who, claim_counts(s.children), line_of(s)), s)
  end

  local quotes = 0
  for _, c in ipairs(unattributed) do
    if c.detail == "quote" then
      quotes = quotes + 1
    end
  end
  add("")
  local counts = {}
  if quotes > 0 then
    table.insert(counts, plural(quotes, "quote", "quotes"))
  end
  if #unattributed > quotes then
    table.insert(counts, plural(#unattributed - quotes, "other claim", "other claims"))
  end
  add(string.format("## Unattributed (%s)", #counts > 0 and table.concat(counts, ", ") or "0"))
  if #unattributed == 0 then
    add("- none")
  end
  -- Quotes first, then the check-worthy claims.
  local sorted = vim.deepcopy(unattributed)
  table.sort(sorted, function(a, b)
    local qa, qb = a.detail == "quote", b.detail == "quote"
    if qa ~= qb then
      return qa
    end
    return line_of(a) < line_of(b)
  end)
  for _, c in ipairs(sorted) do
    add(string.format("- line %d, %s: %s", line_of(c), c.detail or "claim", c.name), c)
  end
  return lines, targets
end

local function jump(source_buf, uri, sym, encoding)
  local win = vim.fn.bufwinid(source_buf)
  if win ~= -1 then
    vim.api.nvim_set_current_win(win)
  else
    vim.cmd("wincmd p")
  end
  local location = { uri = uri, range = sym.selectionRange or sym.range }
  vim.lsp.util.show_document(location, encoding, { focus = true })
end

local function show(source_buf, uri, lines, targets, encoding)
  local name = SOURCES_PREFIX .. vim.api.nvim_buf_get_name(source_buf)
  local buf = vim.fn.bufnr(name)
  if buf == -1 or not vim.api.nvim_buf_is_valid(buf) then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, name)
  end
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].swapfile = false
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = SOURCES_FILETYPE
  vim.bo[buf].syntax = "markdown"
  vim.b[buf].copydesk_source_buf = source_buf

  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd("botright " .. math.min(#lines + 1, 20) .. "split")
    win = vim.api.nvim_get_current_win()
    vim.api.nvim_win_set_buf(win, buf)
  else
    vim.api.nvim_set_current_win(win)
  end

  vim.keymap.set("n", "q", "<cmd>close<cr>", { buffer = buf, nowait = true, desc = "Close" })
  vim.keymap.set("n", "<CR>", function()
    local target = targets[vim.api.nvim_win_get_cursor(0)[1]]
    if target then
      jump(source_buf, uri, target, encoding)
    end
  end, { buffer = buf, desc = "Go to this source in the draft" })
  return buf
end

--- :CopydeskSources — lists the draft's sources in a scratch buffer.
--- `callback(buf, lines)` runs once the list is shown (optional).
function M.sources(bufnr, callback)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    vim.notify("copydesk: no copydesk language server for this buffer", vim.log.levels.WARN)
    return
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local params = { textDocument = { uri = uri } }
  request(client, "textDocument/documentSymbol", params, function(err, result)
    if err then
      vim.notify("copydesk: documentSymbol failed: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local title = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":~:.")
    local lines, targets = M.source_lines(result or {}, title)
    local buf = show(bufnr, uri, lines, targets, client.offset_encoding)
    if callback then
      callback(buf, lines)
    end
  end, bufnr)
end

return M
