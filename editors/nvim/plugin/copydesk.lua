-- :CopydeskSources, available as soon as the plugin is on the runtimepath (also with
-- vim.lsp.enable("copydesk") and no setup() call).
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = 1

vim.api.nvim_create_user_command("CopydeskSources", function()
  require("copydesk").sources()
end, { desc = "copydesk: list the current draft's sources" })
