// Starts @vercel/cosmosdb-server (pinned in ../package.json) for the tests, on 127.0.0.1.
//
// Usage: node tests/cosmosdb_server.js PORT   (0 picks a free port)
// Prints "Ready to accept HTTPS connections at 127.0.0.1:PORT" once it listens.
// With COSMOS_SERVER_PARENT_PID set (tests/app_environment.py sets it to the pid of the
// Python process that starts the server), it exits when that process is gone.
//
// The server as published, with two changes, both for behaviour Cosmos DB has:
//
// 1. Known gap: reading an item that doesn't exist (or that lives in another partition)
//    crashes the server's handler with "Cannot read properties of undefined" and answers
//    500. Cosmos DB answers 404 NotFound, and the app relies on that to say 404. Here a
//    read of a missing item answers 404 before the published handler runs.
// 2. Connections are kept alive, as Cosmos DB keeps them; the published command line
//    closes every connection after one response.
//
// The other known gap is left as it is, and the app's queries work with it: on a query
// the server ignores the partition key the client sends and answers 400 "missing partition
// keys" unless the WHERE clause names the partition key.
"use strict";

const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document");
const {
  default: partitionKeyHeader,
  parsePartitionKey,
} = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");

const publishedReadDocument = readDocument.default;
readDocument.default = (account, req, res, params) => {
  const collection = account.database(params.dbId).collection(params.collId);
  const header = partitionKeyHeader(req);
  if (collection.read() && header) {
    const partitionKey = parsePartitionKey(header, params.docId);
    if (!collection.document(params.docId, partitionKey).read()) {
      res.statusCode = 404;
      return {
        code: "NotFound",
        message: "Entity with the specified id does not exist in the system.",
      };
    }
  }
  return publishedReadDocument(account, req, res, params);
};

// Required after the change above, so that the server's routes pick up the patched handler.
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const port = Number.parseInt(process.argv[2] || "0", 10);
const server = createHttpsServer({ keepAlive: true }).listen(port, "127.0.0.1", () => {
  console.log(`Ready to accept HTTPS connections at 127.0.0.1:${server.address().port}`);
});

// Exit when the process that started the server is gone, however it ended (SIGKILL leaves
// it no chance to stop the server): COSMOS_SERVER_PARENT_PID names it. process.ppid can't
// tell, as Node reads it once at start. process.kill(pid, 0) sends nothing: it fails with
// ESRCH once no process has that pid.
const parentPid = Number.parseInt(process.env.COSMOS_SERVER_PARENT_PID || "", 10);
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch (error) {
      if (error.code === "ESRCH") {
        process.exit(0);
      }
    }
  }, 500).unref();
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(0));
}
