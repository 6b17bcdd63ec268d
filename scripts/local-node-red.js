'use strict';
// A Node-RED instance that has this package installed, in a user directory of its own: used by
// `npm start` (in .node-red/, kept between runs) and by the editor tests (in a temp directory).
// The package is linked into <userDir>/node_modules, which is how Node-RED finds an installed
// module, so the palette, the help, the icons and Import > Examples are exactly what a user of
// the published package sees.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));

/** Example flows in the order the editor lists them; the first is the one `npm start` opens. */
function exampleFiles() {
  const dir = path.join(root, 'examples');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

function prepareUserDir(userDir, { port, seedFlows, link = true }) {
  fs.mkdirSync(path.join(userDir, 'node_modules'), { recursive: true });
  if (link) {
    const target = path.join(userDir, 'node_modules', pkg.name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.symlinkSync(root, target, 'dir');
    // Node-RED only lists a module's examples when the user dir's package.json names it.
    fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({
      name: 'node-red-telephony-local', private: true, dependencies: { [pkg.name]: `file:${root}` },
    }, null, 2));
  }
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    flowFile: 'flows.json',
    // No call home from a test or a demo: no telemetry, no update check.
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    editorTheme: { tours: false, palette: {} },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    logging: { console: { level: process.env.NODE_RED_LOG_LEVEL || 'info', metrics: false, audit: false } },
  };
  fs.writeFileSync(path.join(userDir, 'settings.js'), `module.exports = ${JSON.stringify(settings, null, 2)};\n`);
  const flows = path.join(userDir, 'flows.json');
  if (seedFlows && !fs.existsSync(flows)) {
    const first = exampleFiles()[0];
    fs.writeFileSync(flows, first ? fs.readFileSync(first) : '[]');
  }
}

/** Starts Node-RED; resolves once it listens, with the child process. */
function startNodeRed(userDir, { port, stdio = 'pipe', nodeBinary = process.execPath } = {}) {
  const red = require.resolve('node-red/red.js', { paths: [root] });
  const child = spawn(nodeBinary, [red, '--userDir', userDir, '--settings', path.join(userDir, 'settings.js'), '--port', String(port)], {
    cwd: userDir,
    stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  if (stdio === 'inherit') return Promise.resolve(child);
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d) => {
      log += d;
      if (/Server now running at/.test(log)) {
        child.stdout.off('data', onData);
        child.log = () => log;
        child.stdout.on('data', (more) => { log += more; });
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { log += d; });
    child.on('exit', (code) => reject(new Error(`Node-RED exited with ${code} before listening:\n${log}`)));
  });
}

module.exports = { root, pkg, exampleFiles, prepareUserDir, startNodeRed };
