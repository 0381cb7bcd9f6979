// Asks the official JS client for public reads, so a test can compare its answers with the .NET SDK's.
//
// Usage: node public-answers.mjs '<json>' where json = { relay, ops: [ { op: "list", address, cursor, reverse, limit,
// shallow } | { op: "stats" | "exists" | "getText", address } ] }.
// Prints ONE JSON line: per operation { ok: true, value } or { ok: false, message }.

import { Client, Pubky } from "@synonymdev/pubky";

const request = JSON.parse(process.argv[2]);
const storage = Pubky.withClient(new Client({ pkarr: { relays: [request.relay], requestTimeout: 5_000 } })).publicStorage;

async function run(op) {
  switch (op.op) {
    case "list":
      return storage.list(op.address, op.cursor ?? null, op.reverse ?? false, op.limit ?? null, op.shallow ?? false);
    case "stats": {
      const stats = await storage.stats(op.address);
      return stats === undefined ? null : { contentLength: stats.contentLength, contentType: stats.contentType, etag: stats.etag };
    }
    case "exists":
      return storage.exists(op.address);
    case "getText":
      return storage.getText(op.address);
    default:
      throw new Error(`unknown operation ${op.op}`);
  }
}

const results = [];
for (const op of request.ops) {
  try {
    results.push({ ok: true, value: await run(op) });
  } catch (error) {
    results.push({ ok: false, message: String(error && error.message) });
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
