// Tests of the extension's activation, with the vscode API and the
// language client replaced by recording stubs (the extension runs outside
// VS Code here).
const test = require('node:test');
const assert = require('node:assert');
const Module = require('node:module');

const events = [];
let settings = {};
let onConfigChange;

const vscode = {
  workspace: {
    getConfiguration: (section) => {
      assert.strictEqual(section, 'typd');
      return { get: (key) => settings[key] };
    },
    onDidChangeConfiguration: (listener) => {
      onConfigChange = listener;
      return { dispose() {} };
    },
  },
};

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    this.serverOptions = serverOptions;
    this.clientOptions = clientOptions;
    events.push(['new', id, name, serverOptions, clientOptions]);
  }
  async start() { events.push(['start', this.serverOptions.command]); }
  async stop() { events.push(['stop', this.serverOptions.command]); }
}
const languageClient = { LanguageClient, TransportKind: { stdio: 0 } };

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return languageClient;
  return load.call(this, request, parent, isMain);
};
const extension = require('../out/extension.js');

test('activation starts typd lsp with the settings', async () => {
  settings = { path: '/opt/typd', logFile: '/tmp/typd.log', args: ['--strict'] };
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.deepStrictEqual(events[0], ['new', 'typd', 'typd',
    { command: '/opt/typd', args: ['lsp', '--log-file', '/tmp/typd.log', '--', '--strict'], transport: 0 },
    { documentSelector: [{ scheme: 'file', language: 'python' }], synchronize: { configurationSection: 'typd' } }]);
  assert.deepStrictEqual(events[1], ['start', '/opt/typd']);
  assert.strictEqual(context.subscriptions.length, 1);
});

test('defaults: typd on PATH, no log file, no flags', () => {
  settings = {};
  assert.deepStrictEqual(extension.serverOptions(vscode.workspace.getConfiguration('typd')),
    { command: 'typd', args: ['lsp'], transport: 0 });
});

test('a new binary restarts the server; new flags do not', async () => {
  events.length = 0;
  settings = { path: '/usr/bin/typd' };
  await onConfigChange({ affectsConfiguration: (key) => key === 'typd.args' });
  assert.deepStrictEqual(events, []);
  await onConfigChange({ affectsConfiguration: (key) => key === 'typd.path' });
  assert.deepStrictEqual(events.map((e) => e[0]), ['stop', 'new', 'start']);
  assert.strictEqual(events[2][1], '/usr/bin/typd');
  await extension.deactivate();
  assert.deepStrictEqual(events[3], ['stop', '/usr/bin/typd']);
});
