// Starts Azurite (pinned in ../package.json) for the tests, and ends it with them.
//
// Usage: node tests/azurite.js PORTS_FILE [azurite options...]
//
// Azurite as published, with two additions:
// 1. Once its three services listen, it writes their addresses to PORTS_FILE as JSON
//    ({"blob": "http://127.0.0.1:PORT", ...}) and prints "Azurite ready". With port 0
//    each service picks a free port, and this is how the tests learn which.
// 2. A watchdog: when the process that started it is gone (the test run was killed),
//    Azurite exits instead of running on without an owner.
"use strict";

const fs = require("fs");

const [portsFile, ...options] = process.argv.slice(2);
if (!portsFile) {
  console.error("usage: node tests/azurite.js PORTS_FILE [azurite options...]");
  process.exit(2);
}

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    process.exit(0);
  }
}, 500).unref();

const addresses = {};
const listening = /^Azurite (Blob|Queue|Table) service is successfully listening at (\S+)/;
const publishedLog = console.log;
console.log = (...args) => {
  const match = listening.exec(String(args[0]));
  if (match) {
    addresses[match[1].toLowerCase()] = match[2];
    if (Object.keys(addresses).length === 3) {
      fs.writeFileSync(portsFile, JSON.stringify(addresses));
      publishedLog("Azurite ready");
    }
  }
  publishedLog(...args);
};

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(0));
}

// Azurite reads its options from the command line.
process.argv = [process.argv[0], "azurite", ...options];
require("azurite/dist/src/azurite.js");
