'use strict';
// What the package declares, read the way Node-RED reads it: the node files from package.json
// and the node types each one's .html registers (with their palette category).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));

function nodeFiles() {
  return Object.entries(pkg['node-red'].nodes).map(([name, js]) => ({
    name,
    js: path.join(root, js),
    html: path.join(root, js.replace(/\.js$/, '.html')),
  }));
}

/** [{type, category, file}] for every RED.nodes.registerType in the package's .html files. */
function nodeTypes() {
  const types = [];
  for (const f of nodeFiles()) {
    const html = fs.readFileSync(f.html, 'utf8');
    const re = /registerType\(\s*['"]([^'"]+)['"]\s*,\s*\{[\s\S]*?category\s*:\s*['"]([^'"]+)['"]/g;
    let m;
    while ((m = re.exec(html)) !== null) types.push({ type: m[1], category: m[2], file: f.name });
  }
  return types;
}

module.exports = { root, pkg, nodeFiles, nodeTypes };
