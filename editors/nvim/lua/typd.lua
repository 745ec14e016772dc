-- typd for Neovim's built-in LSP client (Neovim 0.7 or later).
--
--   require('typd').setup({
--     cmd = 'typd',               -- the typd binary (default: typd on PATH)
--     args = { '--strict' },      -- mypy flags, added to the project's config file
--     log_file = '/tmp/typd.log', -- the server's log (default: Neovim's LSP log)
--   })
--
-- Every Python buffer is attached to one typd per project root: the nearest
-- folder above the file with a mypy configuration file (mypy.ini, .mypy.ini,
-- pyproject.toml, setup.cfg) or .git, else the file's own folder.
local M = {}

local markers = { 'mypy.ini', '.mypy.ini', 'pyproject.toml', 'setup.cfg', '.git' }

-- root returns the project root of a file.
local function root(path)
  local start = vim.fn.fnamemodify(path, ':p:h')
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return start
    end
    dir = parent
  end
end

-- command builds the server's command line from the options.
local function command(opts)
  local cmd = { opts.cmd or 'typd', 'lsp' }
  if opts.log_file then
    vim.list_extend(cmd, { '--log-file', opts.log_file })
  end
  if opts.args and #opts.args > 0 then
    table.insert(cmd, '--')
    vim.list_extend(cmd, opts.args)
  end
  return cmd
end

function M.setup(opts)
  opts = opts or {}
  local clients = {} -- project root → client id
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'python',
    callback = function(ev)
      local name = vim.api.nvim_buf_get_name(ev.buf)
      if name == '' then
        return
      end
      local dir = root(name)
      local id = clients[dir]
      if not id or not vim.lsp.get_client_by_id(id) then
        id = vim.lsp.start_client({
          name = 'typd',
          cmd = command(opts),
          root_dir = dir,
          workspace_folders = { { uri = vim.uri_from_fname(dir), name = dir } },
        })
        clients[dir] = id
      end
      if id then
        vim.lsp.buf_attach_client(ev.buf, id)
      end
    end,
  })
end

return M
