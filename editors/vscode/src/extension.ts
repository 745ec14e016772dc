// The typd extension: starts `typd lsp` for the workspace's Python files
// through vscode-languageclient. The settings typd.path and typd.logFile
// restart the server when they change; typd.args reach the running
// server as workspace/didChangeConfiguration.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

// serverOptions is the command line of the server under the settings.
export function serverOptions(config: vscode.WorkspaceConfiguration): ServerOptions {
  const command = config.get<string>('path') || 'typd';
  const args = ['lsp'];
  const logFile = config.get<string>('logFile');
  if (logFile) {
    args.push('--log-file', logFile);
  }
  const flags = config.get<string[]>('args') || [];
  if (flags.length > 0) {
    args.push('--', ...flags);
  }
  return { command, args, transport: TransportKind.stdio };
}

// clientOptions attach the client to Python files on disk and send it the
// typd settings.
export function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [{ scheme: 'file', language: 'python' }],
    synchronize: { configurationSection: 'typd' },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = new LanguageClient('typd', 'typd', serverOptions(vscode.workspace.getConfiguration('typd')), clientOptions());
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (client && (e.affectsConfiguration('typd.path') || e.affectsConfiguration('typd.logFile'))) {
        await client.stop();
        client = new LanguageClient('typd', 'typd', serverOptions(vscode.workspace.getConfiguration('typd')), clientOptions());
        await client.start();
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
