// The argmap extension for VS Code: starts argmap's language server (argmap lsp) for .arg files,
// and shows the rendered map beside the editor, refreshed on save.
// Plain JavaScript, so there is no build step: VS Code loads this file as it is.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

/** Start the language server with the command from the settings (argmap.command). */
function startClient(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("argmap").get("command", ["argmap", "lsp"]);
  const serverOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "argmap" },
      { scheme: "untitled", language: "argmap" },
    ],
  };
  client = new LanguageClient("argmap", "argmap", serverOptions, clientOptions);
  client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `argmap: could not start '${command} ${args.join(" ")}' (${error.message}). ` +
        "Install the language server with: pip install 'argmap[lsp]', or set argmap.command.",
    );
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

/** The webview's page: the map's SVG, or the reason there is none. Nothing runs in it. */
function page(result) {
  const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = result.svg !== undefined ? result.svg : `<p class="why">${escape(result.error)}</p>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline';">
<style>body{background:#fff;margin:0;padding:8px} svg{max-width:100%;height:auto} .why{font-family:sans-serif;color:#a00}</style>
</head><body>${body}</body></html>`;
}

/** Ask the server for the map of a document as SVG (its argmap.svg command). */
async function draw(document) {
  try {
    return await client.sendRequest("workspace/executeCommand", {
      command: "argmap.svg",
      arguments: [document.uri.toString()],
    });
  } catch (error) {
    return { error: `argmap: the map could not be drawn (${error.message})` };
  }
}

/** The command argmap.showPreview: the map of the active .arg file beside it, redrawn on each save. */
function showPreview(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "argmap") {
    vscode.window.showInformationMessage("argmap: open an .arg file to see its map.");
    return;
  }
  const document = editor.document;
  const name = document.uri.path.split("/").pop();
  const panel = vscode.window.createWebviewPanel("argmap.preview", `Map: ${name}`, vscode.ViewColumn.Beside, {
    enableScripts: false,
  });
  const refresh = async () => {
    panel.webview.html = page(await draw(document));
  };
  const saved = vscode.workspace.onDidSaveTextDocument((changed) => {
    if (changed.uri.toString() === document.uri.toString()) {
      refresh();
    }
  });
  panel.onDidDispose(() => saved.dispose(), null, context.subscriptions);
  refresh();
}

function activate(context) {
  startClient(context);
  context.subscriptions.push(vscode.commands.registerCommand("argmap.showPreview", () => showPreview(context)));
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, page };
