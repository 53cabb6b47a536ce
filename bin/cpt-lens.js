#!/usr/bin/env node
// The one executable: `cpt-lens serve --stdio|--node-ipc`, `cpt-lens check FILE...`.
// The bundle runs its entry point on load; `npm install` builds it (prepare script).
require('../dist/server.js');
