// weibo-lint for VS Code: starts `weibo-lint lsp` for the Markdown posts of a content
// repository (a folder with weibo.yaml) and lets vscode-languageclient do the rest.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("weibo-lint");
  const [command, ...args] = settings.get("command", ["weibo-lint", "lsp"]);
  client = new LanguageClient(
    "weibo-lint",
    "weibo-lint",
    { command, args },
    {
      documentSelector: [{ scheme: "file", language: "markdown" }],
      initializationOptions: {
        "weibo-lint": { debounce: settings.get("debounce", 0.15), budget: settings.get("budget", 1.0) },
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
