// The TextMate grammar on every example and case file of the repository, with VS Code's own
// tokenizer (vscode-textmate on the Oniguruma engine): each line ends back in the grammar's root
// state, nothing is marked invalid, and ids, kinds, arrows, headings and comments get their scopes.
// Run by tests/test_vscode.py (so CI runs it) or directly: node --test test/
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const HERE = __dirname;
const ROOT = path.resolve(HERE, "..", "..", "..");
const GRAMMAR = path.join(HERE, "..", "syntaxes", "argmap.tmLanguage.json");
const KINDS = "claim|premise|assumption|conclusion|prediction|objection|recommendation";
const CLAIM = new RegExp(`^(?:main[ \\t]+)?(?:${KINDS})[ \\t]+([\\p{L}_][\\p{L}\\p{N}_]*(?:-[\\p{L}\\p{N}_]+)*)[ \\t]*:`, "u");

function files(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...files(full));
    } else if (entry.name.endsWith(".arg")) {
      found.push(full);
    }
  }
  return found.sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR),
  });
  return registry.loadGrammar("source.argmap");
}

/** Each line's tokens: [{text, scopes}], tokenized line after line as the editor does. */
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return {
      line,
      depth: stack.depth,
      tokens: result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })),
    };
  });
}

const has = (token, scope) => token.scopes.some((s) => s.startsWith(scope));

test("every example and case file tokenizes cleanly", async () => {
  const grammar = await loadGrammar();
  const corpus = [...files(path.join(ROOT, "examples")), ...files(path.join(ROOT, "tests", "cases"))];
  assert.ok(corpus.length > 100, `only ${corpus.length} files found`);
  for (const file of corpus) {
    const where = path.relative(ROOT, file);
    for (const [index, { line, depth, tokens }] of tokenize(grammar, fs.readFileSync(file, "utf8")).entries()) {
      const at = `${where}:${index + 1}`;
      assert.strictEqual(depth, 1, `${at}: a rule runs on past the end of the line`);
      assert.ok(!tokens.some((t) => has(t, "invalid")), `${at}: invalid token`);
      const claim = CLAIM.exec(line);
      if (claim && !where.includes(`${path.sep}syntax${path.sep}`)) {
        const id = tokens.find((t) => has(t, "entity.name.claim"));
        assert.ok(id && id.text === claim[1], `${at}: the claim id '${claim[1]}' is not scoped`);
      }
      if (/^[ \t]*#(?!#)/.test(line) || /^[ \t]+#/.test(line)) {
        assert.ok(tokens.every((t) => !t.text.trim() || has(t, "comment")), `${at}: a comment line not all comment`);
      }
      if (/^##/.test(line)) {
        assert.ok(tokens.some((t) => has(t, "markup.heading")), `${at}: heading not scoped`);
      }
    }
  }
});

test("each part of a line gets its scope", async () => {
  const grammar = await loadGrammar();
  const text = [
    "title: Trees  # the title",
    "## Reasons  # why",
    "main conclusion c: Schools teach C# and \\# tags.  # a comment",
    "  quote: plant more trees",
    "u -x (a + b -> c): label  # note",
    "a, b -> c",
  ].join("\n");
  const lines = tokenize(grammar, text);
  // The scopes of the token holding the first character of `part` on line `line`.
  const at = (line, part) => {
    const index = lines[line].line.indexOf(part);
    assert.ok(index >= 0, `'${part}' is not on line ${line}`);
    let start = 0;
    for (const token of lines[line].tokens) {
      if (index < start + token.text.length) {
        return token.scopes;
      }
      start += token.text.length;
    }
    return [];
  };
  const is = (line, part, scope) =>
    assert.ok(at(line, part).includes(scope), `'${part}' on line ${line}: ${at(line, part)} lacks ${scope}`);
  is(0, "title", "support.type.property-name.header.argmap");
  is(0, "Trees", "string.unquoted.value.argmap");
  is(0, "# the title", "comment.line.number-sign.argmap");
  is(1, "Reasons", "entity.name.section.argmap");
  is(1, "# why", "comment.line.number-sign.argmap");
  is(2, "main", "storage.modifier.main.argmap");
  is(2, "conclusion", "keyword.other.kind.argmap");
  is(2, "c:", "entity.name.claim.argmap");
  is(2, "\\#", "constant.character.escape.argmap");
  assert.ok(!at(2, "C#").some((s) => s.startsWith("comment")), "C# is text, not a comment");
  is(2, "# a comment", "comment.line.number-sign.argmap");
  is(3, "quote", "variable.other.property.argmap");
  is(4, "-x", "keyword.operator.arrow.argmap");
  is(4, "+", "keyword.operator.linked.argmap");
  is(4, "u", "variable.other.id.argmap");
  is(4, "(", "punctuation.section.inference.argmap");
  is(4, "label", "string.unquoted.label.argmap");
  is(4, "# note", "comment.line.number-sign.argmap");
  is(5, ",", "punctuation.separator.convergent.argmap");
});

test("the language configuration and manifest agree", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(HERE, "..", "package.json"), "utf8"));
  const config = JSON.parse(fs.readFileSync(path.join(HERE, "..", "language-configuration.json"), "utf8"));
  assert.strictEqual(manifest.contributes.grammars[0].scopeName, "source.argmap");
  assert.deepStrictEqual(manifest.contributes.languages[0].extensions, [".arg"]);
  assert.strictEqual(config.comments.lineComment, "#");
  const word = new RegExp(config.wordPattern.pattern, config.wordPattern.flags);
  assert.strictEqual("gas-supplier -> c".match(word)[0], "gas-supplier");
  assert.strictEqual("Путин2, x".match(word)[0], "Путин2");
  const indent = new RegExp(config.indentationRules.increaseIndentPattern);
  assert.ok(indent.test("premise a: Trees cool streets."));
  assert.ok(indent.test("a + b -> c"));
  assert.ok(!indent.test("title: Trees"));
});
