// Read .argdown sources with the real Argdown (@argdown/core, installed here by
// scripts/setup --dev) and answer with Argdown's JSON export, for argmap's tests.
//
// A long-running helper: each line on standard input is a JSON request
// {"source": "...argdown text...", "map": false}; each answer is one line,
// {"json": <Argdown's JSON export, parsed>, "errors": ["parser error", ...]}.
// With "map": true the "build-map" step runs too, as in the VS Code export.
"use strict";
const readline = require("readline");
const { argdown } = require("@argdown/core/dist/argdown");

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    const steps = ["parse-input", "build-model"];
    if (request.map) steps.push("build-map");
    steps.push("export-json");
    const response = argdown.run({
      input: request.source,
      process: steps,
      logLevel: "error",
      throwExceptions: false,
    });
    const errors = (response.parserErrors || []).map((e) => e.message)
      .concat((response.exceptions || []).map((e) => String(e)));
    answer = { json: response.json ? JSON.parse(response.json) : null, errors };
  } catch (exception) {
    answer = { json: null, errors: [String(exception)] };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
