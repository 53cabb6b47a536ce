// Preloaded into a server or CLI process by tests (NODE_OPTIONS="--expose-gc --require
// this file"), never shipped. It writes JSON lines to $CPT_LENS_PROBE_FILE:
// - {"network": "..."} for every attempt to open a network socket or resolve a name
//   (net/tls connect, dns, http/https requests, and the diagnostics channels Node
//   publishes for client sockets and fetch), so a test can assert there were none;
// - {"memory": process.memoryUsage()} after a full garbage collection, on SIGUSR2.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const diagnosticsChannel = require('node:diagnostics_channel');

const out = process.env.CPT_LENS_PROBE_FILE;
if (out) {
  const write = (entry) => fs.appendFileSync(out, `${JSON.stringify(entry)}\n`);
  const record = (what) => write({ network: what });
  const wrap = (owner, name, what) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) {
      record(`${what}${typeof args[0] === 'string' || typeof args[0] === 'number' ? ` ${args[0]}` : ''}`);
      return original.apply(this, args);
    };
  };
  wrap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  wrap(net, 'connect', 'net.connect');
  wrap(net, 'createConnection', 'net.createConnection');
  wrap(tls, 'connect', 'tls.connect');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) {
    wrap(dns, name, `dns.${name}`);
    wrap(dns.promises, name, `dns.promises.${name}`);
  }
  for (const [module, label] of [[http, 'http'], [https, 'https']]) {
    wrap(module, 'request', `${label}.request`);
    wrap(module, 'get', `${label}.get`);
  }
  if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
  for (const channel of ['net.client.socket', 'http.client.request.start', 'undici:request:create']) {
    diagnosticsChannel.subscribe(channel, () => record(`diagnostics channel ${channel}`));
  }
  process.on('SIGUSR2', () => {
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    write({ memory: process.memoryUsage() });
  });
}
