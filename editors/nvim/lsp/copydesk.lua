-- copydesk language server, for Neovim 0.11's vim.lsp.config / vim.lsp.enable:
--
--   vim.lsp.enable("copydesk")
--
-- Override any field with vim.lsp.config("copydesk", { ... }), e.g.
--   vim.lsp.config("copydesk", {
--     cmd = { "/path/to/copydesk", "lsp" },
--     settings = { copydesk = { rules = { ["unattributed-claim"] = "off" } } },
--   })
--
-- require("copydesk").setup({ ... }) does the same with shorter option names. See :help copydesk.
return {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  root_markers = { ".copydesk.toml", ".git" },
  -- The server asks for the `copydesk` section (workspace/configuration); an empty dict so it
  -- is sent as a JSON object, not as [].
  settings = { copydesk = vim.empty_dict() },
}
