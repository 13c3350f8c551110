// npm run lint: no import cycles in src/, and every index.ts of a core folder only re-exports (webpack treats
// those files as free of side effects, so that a name imported from a folder brings only its own module).
// Imports are read with the TypeScript compiler's scanner (type-only imports count: a cycle of types is still a
// cycle) and resolved as the compiler does for relative paths: file.ts, then folder/index.ts.
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

/** Every .ts file under `dir`. */
function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The file a relative import names, or undefined for a package or a file that is not there. */
function resolve(from, spec) {
  if (!spec.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const p of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (p.endsWith(".ts") && fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return undefined;
}

/** The import graph of the .ts files under `root`: each file to the files it imports (relative imports only). */
function importGraph(root) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const targets = importedFiles.map((i) => resolve(file, i.fileName)).filter((t) => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The cycles of `graph`: each strongly connected component of more than one file, or a file importing itself,
 * as one cycle through it (Tarjan's algorithm, iterative: linear in files and imports, no recursion depth).
 */
function findCycles(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const edges = graph.get(node) ?? [];
      if (i < edges.length) {
        frame[1]++;
        const to = edges[i];
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || edges.includes(node)) components.push(component);
      }
    }
  }
  return components.map((c) => cycleThrough(graph, new Set(c)));
}

/** One cycle inside a strongly connected component: a shortest path from its first file back to itself. */
function cycleThrough(graph, members) {
  const [first] = [...members].sort();
  const previous = new Map();
  const queue = [first];
  for (let k = 0; k < queue.length; k++) {
    for (const to of graph.get(queue[k]) ?? []) {
      if (!members.has(to)) continue;
      if (to === first) {
        const back = [first];
        for (let at = queue[k]; at !== first; at = previous.get(at)) back.push(at);
        return [first, ...back.reverse()];
      }
      if (!previous.has(to)) {
        previous.set(to, queue[k]);
        queue.push(to);
      }
    }
  }
  return [first, first];
}

/** The statements of a core folder's index.ts that are not re-exports (`export ... from "./x"`), as text. */
function notReexports(file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2020, true);
  return source.statements
    .filter((s) => !(ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)))
    .map((s) => s.getText(source));
}

/** The problems found under `src`: cycles, and index.ts files of core folders that do more than re-export. */
function importProblems(src) {
  const rel = (f) => path.relative(path.dirname(src), f);
  const problems = findCycles(importGraph(src)).map((c) => `import cycle: ${c.map(rel).join(" -> ")}`);
  const core = path.join(src, "core");
  if (fs.existsSync(core)) {
    for (const e of fs.readdirSync(core, { withFileTypes: true })) {
      const index = path.join(core, e.name, "index.ts");
      if (!e.isDirectory() || !fs.existsSync(index)) continue;
      for (const text of notReexports(index)) problems.push(`${rel(index)} does more than re-export: ${text}`);
    }
  }
  return problems;
}

module.exports = { importGraph, findCycles, importProblems };

if (require.main === module) {
  const src = path.resolve(process.argv[2] || path.join(__dirname, "..", "src"));
  const problems = importProblems(src);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
}
