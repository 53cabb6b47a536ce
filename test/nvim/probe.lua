-- Drives the CPT Lens server from Neovim's own LSP client (0.7+), headless:
--   nvim --headless --clean -u test/nvim/probe.lua
-- Inputs (environment):
--   CPT_LENS_SERVER_CMD  JSON array: the server command, e.g. ["node","bin/cpt-lens.js","serve","--stdio"]
--   CPT_LENS_FILE        the file to open
--   CPT_LENS_HOVERS      JSON array of [line, character] (0-based, UTF-16) to hover
--   CPT_LENS_EDIT        optional JSON {line, start_col, end_col, text}: an edit made through
--                        the buffer, so Neovim sends its own incremental didChange
--   CPT_LENS_COMPLETE    optional JSON [line, character]: a textDocument/completion there
--   CPT_LENS_CODE_ACTION optional JSON {line, match}: code actions for the diagnostics on
--                        `line`; the first whose title contains `match` is applied with
--                        vim.lsp.util.apply_workspace_edit, and the line is read back
--   CPT_LENS_TIMEOUT_MS  bound on every wait (default 5000)
-- Output: ONE JSON line on stdout, then `qa!`; on any failure a JSON line with
-- {ok=false, stage, error} and `cquit 1`. Every wait has a deadline: a silent
-- server fails the run instead of hanging it.
-- Neovim 0.7 API only: vim.lsp.start_client + buf_attach_client (no vim.lsp.start).

local started = vim.loop.hrtime()
local function ms_since(t) return math.floor((vim.loop.hrtime() - t) / 1e6) end

local stage = 'setup'
local result = { ok = false, nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function emit(tbl)
  io.stdout:write(vim.fn.json_encode(tbl) .. '\n')
  io.stdout:flush()
end

local function env_json(name, default)
  local raw = os.getenv(name)
  if raw == nil or raw == '' then
    if default ~= nil then return default end
    error(name .. ' is not set')
  end
  return vim.fn.json_decode(raw)
end

local function language_id(path)
  local ext = path:match('%.(%w+)$')
  ext = ext and ext:lower() or ''
  if ext == 'csv' then return 'csv' end
  if ext == 'tsv' or ext == 'tab' then return 'tsv' end
  if ext == 'md' then return 'markdown' end
  return 'plaintext'
end

local function probe()
  local cmd = env_json('CPT_LENS_SERVER_CMD')
  local file = os.getenv('CPT_LENS_FILE') or error('CPT_LENS_FILE is not set')
  local hovers = env_json('CPT_LENS_HOVERS', {})
  local edit = env_json('CPT_LENS_EDIT', false)
  local complete_at = env_json('CPT_LENS_COMPLETE', false)
  local code_action = env_json('CPT_LENS_CODE_ACTION', false)
  local timeout = tonumber(os.getenv('CPT_LENS_TIMEOUT_MS') or '') or 5000

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)

  -- Every publishDiagnostics for our file, in arrival order; then Neovim's own handler,
  -- so vim.diagnostic shows what a user would see.
  local published = {}
  local exit = nil
  local ready_ms = nil

  stage = 'start_client'
  local spawned = vim.loop.hrtime()
  local client_id = vim.lsp.start_client({
    name = 'cpt-lens',
    cmd = cmd,
    root_dir = vim.fn.getcwd(),
    get_language_id = function(bufnr) return language_id(vim.api.nvim_buf_get_name(bufnr)) end,
    -- Neovim 0.7 keeps no serverInfo on the client: take it from the initialize result.
    on_init = function(_, initialize_result)
      ready_ms = ms_since(spawned)
      result.server_info = initialize_result.serverInfo or vim.NIL
      result.hover_provider = initialize_result.capabilities.hoverProvider or false
    end,
    on_exit = function(code, signal) exit = { code = code, signal = signal } end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params and params.uri == uri then table.insert(published, params) end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  if not client_id then error('start_client failed for ' .. vim.fn.json_encode(cmd)) end
  local client = vim.lsp.get_client_by_id(client_id)

  stage = 'initialize'
  if not vim.wait(timeout, function() return ready_ms ~= nil or exit ~= nil end, 10) or ready_ms == nil then
    error('no initialize response within ' .. timeout .. ' ms' .. (exit and (' (server exited ' .. tostring(exit.code) .. ')') or ''))
  end
  result.ready_ms = ready_ms

  stage = 'didOpen diagnostics'
  vim.lsp.buf_attach_client(buf, client_id)
  local opened = vim.loop.hrtime()
  if not vim.wait(timeout, function() return #published > 0 end, 10) then
    error('no publishDiagnostics within ' .. timeout .. ' ms of didOpen')
  end
  result.diagnostics_ms = ms_since(opened)
  result.language_id = language_id(file)
  result.diagnostics = published[1].diagnostics
  result.shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = d.code, severity = d.severity, source = d.source })
  end

  stage = 'hover'
  result.hovers = {}
  for _, at in ipairs(hovers) do
    local params = { textDocument = { uri = uri }, position = { line = at[1], character = at[2] } }
    local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
    if not responses then error('hover at ' .. vim.fn.json_encode(at) .. ': ' .. tostring(err)) end
    local response = responses[client_id] or {}
    if response.err then error('hover at ' .. vim.fn.json_encode(at) .. ': ' .. vim.inspect(response.err)) end
    local hover = response.result
    table.insert(result.hovers, {
      position = at,
      markdown = hover and hover.contents and hover.contents.value or vim.NIL,
      kind = hover and hover.contents and hover.contents.kind or vim.NIL,
      range = hover and hover.range or vim.NIL,
    })
  end

  if complete_at then
    stage = 'completion'
    local params = { textDocument = { uri = uri }, position = { line = complete_at[1], character = complete_at[2] } }
    local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, timeout)
    if not responses then error('completion: ' .. tostring(err)) end
    local response = responses[client_id] or {}
    if response.err then error('completion: ' .. vim.inspect(response.err)) end
    local list = response.result or {}
    local items = list.items or list
    result.completion = { incomplete = list.isIncomplete or false, labels = {} }
    for i, item in ipairs(items) do
      if i > 10 then break end
      table.insert(result.completion.labels, item.label)
    end
  end

  if code_action then
    stage = 'code action'
    local on_line = {}
    for _, d in ipairs(published[#published].diagnostics) do
      if d.range.start.line == code_action.line then table.insert(on_line, d) end
    end
    local params = {
      textDocument = { uri = uri },
      range = { start = { line = code_action.line, character = 0 }, ['end'] = { line = code_action.line + 1, character = 0 } },
      context = { diagnostics = on_line },
    }
    local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout)
    if not responses then error('codeAction: ' .. tostring(err)) end
    local response = responses[client_id] or {}
    if response.err then error('codeAction: ' .. vim.inspect(response.err)) end
    result.code_actions = {}
    local chosen = nil
    for _, action in ipairs(response.result or {}) do
      table.insert(result.code_actions, action.title)
      if chosen == nil and action.edit and string.find(action.title, code_action.match, 1, true) then chosen = action end
    end
    if chosen then
      vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
      result.applied = chosen.title
      result.line_after = vim.api.nvim_buf_get_lines(buf, code_action.line, code_action.line + 1, false)[1]
    end
  end

  if edit then
    stage = 'didChange diagnostics'
    local before = #published
    -- An ordinary buffer edit: Neovim computes and sends the incremental didChange itself.
    vim.api.nvim_buf_set_text(buf, edit.line, edit.start_col, edit.line, edit.end_col, { edit.text })
    if not vim.wait(timeout, function() return #published > before end, 10) then
      error('no publishDiagnostics within ' .. timeout .. ' ms of the edit')
    end
    result.after_edit = published[#published].diagnostics
  end

  stage = 'shutdown'
  client.stop()
  if not vim.wait(timeout, function() return exit ~= nil end, 10) then
    error('server still running ' .. timeout .. ' ms after shutdown/exit')
  end
  result.exit = exit
  result.total_ms = ms_since(started)
  result.ok = true
end

local ok, err = xpcall(probe, debug.traceback)
if ok then
  emit(result)
  vim.cmd('qa!')
else
  emit({ ok = false, stage = stage, error = tostring(err), nvim = result.nvim })
  -- Leave no server behind: force-stop whatever is still running.
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd('cquit 1')
end
