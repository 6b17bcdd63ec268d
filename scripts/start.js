#!/usr/bin/env node
// `npm start`: Node-RED on 127.0.0.1:1880 with this package installed and the first example
// flow (the loopback demo) loaded, in the project-local user directory .node-red/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { root, prepareUserDir, startNodeRed } = require('./local-node-red');

if (!fs.existsSync(path.join(root, 'dist'))) require('./build');
const port = Number(process.env.PORT) || 1880;
const userDir = path.join(root, '.node-red');
prepareUserDir(userDir, { port, seedFlows: true });
startNodeRed(userDir, { port, stdio: 'inherit' }).then((child) => {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
});
