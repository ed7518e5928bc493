-- Helpers shared by the end-to-end tests. Loaded with dofile() from a test script.
local M = {}

M.here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
M.plugin_root = vim.fn.fnamemodify(M.here, ":h")
M.failures = 0

local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end
M.out = out

function M.die(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  io.stderr:flush()
  vim.cmd("cquit 1")
  os.exit(1) -- not reached
end

function M.check(cond, what, detail)
  if cond then
    out("ok   - " .. what)
  else
    M.die(what .. (detail and ("\n  " .. detail:gsub("\n", "\n  ")) or ""))
  end
end

function M.eq(actual, expected, what)
  M.check(vim.deep_equal(actual, expected), what,
    "expected: " .. vim.inspect(expected) .. "\nactual:   " .. vim.inspect(actual))
end

function M.contains(haystack, needle, what)
  M.check(type(haystack) == "string" and haystack:find(needle, 1, true) ~= nil, what,
    "expected to find " .. vim.inspect(needle) .. " in:\n" .. tostring(haystack))
end

--- Waits until cond() is truthy; fails with `what` after `ms`.
function M.wait(ms, cond, what, describe)
  local t0 = vim.uv.hrtime()
  local done = vim.wait(ms, cond, 20)
  if not done then
    M.die("timed out after " .. ms .. " ms waiting for " .. what
      .. (describe and ("\n  state: " .. describe()) or ""))
  end
  out(string.format("ok   - %s (%.0f ms)", what, (vim.uv.hrtime() - t0) / 1e6))
end

--- A hang anywhere (server, client, test) becomes a failure with exit status 2.
function M.watchdog(ms, describe)
  local timer = vim.uv.new_timer()
  timer:start(ms, 0, vim.schedule_wrap(function()
    io.stderr:write("FAIL: watchdog: the test did not finish within " .. ms .. " ms\n")
    if describe then
      io.stderr:write("  state: " .. describe() .. "\n")
    end
    io.stderr:flush()
    vim.cmd("cquit 2")
  end))
  timer:unref()
  return timer
end

--- The copydesk binary ($COPYDESK), checked to exist.
function M.copydesk()
  local bin = os.getenv("COPYDESK")
  if not bin or bin == "" then
    M.die("set $COPYDESK to the copydesk binary")
  end
  if vim.fn.executable(bin) ~= 1 then
    M.die("$COPYDESK is not an executable: " .. bin)
  end
  return bin
end

--- Copies a fixture from this folder into a fresh temporary folder (no .copydesk.toml or .git
--- above it to pick up) and returns its path.
function M.fixture(name, as)
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local dest = dir .. "/" .. (as or name)
  vim.fn.writefile(vim.fn.readfile(M.here .. "/" .. name, "b"), dest, "b")
  return dest
end

--- Records window/showMessage and window/logMessage from the server.
function M.record_messages()
  local messages = {}
  for _, method in ipairs({ "window/showMessage", "window/logMessage" }) do
    local orig = vim.lsp.handlers[method]
    vim.lsp.handlers[method] = function(err, result, ctx, config)
      table.insert(messages, { method = method, type = result and result.type, message = result and result.message })
      return orig and orig(err, result, ctx, config)
    end
  end
  return messages
end

--- copydesk's diagnostics in a buffer as sorted "line:code" strings (lines 1-based).
function M.diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" then
      table.insert(list, string.format("%d:%s", d.lnum + 1, d.code))
    end
  end
  table.sort(list, function(a, b)
    local la, lb = tonumber(a:match("^%d+")), tonumber(b:match("^%d+"))
    if la ~= lb then
      return la < lb
    end
    return a < b
  end)
  return list
end

function M.find_diagnostic(buf, code, line)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" and d.code == code and (line == nil or d.lnum + 1 == line) then
      return d
    end
  end
end

--- Synchronous request to the copydesk client; fails on error or timeout.
function M.request(client, buf, method, params)
  local res, err = client:request_sync(method, params, 5000, buf)
  if not res then
    M.die(method .. " failed: " .. tostring(err))
  end
  if res.err then
    M.die(method .. " returned an error: " .. vim.inspect(res.err))
  end
  return res.result
end

return M
