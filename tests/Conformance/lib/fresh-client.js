// A one-shot official client in its own Node process: a fresh global cookie jar and a fresh pkarr cache.
//
// Usage: node fresh-client.js '<json>' where json = { pkarrRelay, homeserver, ops: [ {op, ...args} ] }.
// Runs the operations in order and prints ONE JSON line: an array with, per operation,
// { ok: true, value } or { ok: false, name, message, statusCode }.
//
// Operations:
//   { op: "getText" | "getJson" | "exists" | "stats" | "getBytes", address }       publicStorage reads
//   { op: "list", address, cursor, reverse, limit, shallow }                       publicStorage.list
//   { op: "fetch", url, method, body, headers }                                    pubky.client.fetch → { status, text }
//   { op: "signup", token }                                                        a random user signs up → { z32, capabilities }
//   { op: "signupAndApprove", authorizationUrl, token }                            a signer with a random key signs up
//                                                                                  and approves the auth request → { z32 }

import { Client, Keypair, Pubky, PublicKey } from "@synonymdev/pubky";

const STEP_TIMEOUT_MS = 20_000;

function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function statusOf(error) {
  const data = error && error.data;
  if (data && typeof data === "object" && typeof data.statusCode === "number") return data.statusCode;
  const match = /responded with an error: (\d{3})/.exec(String(error && error.message));
  return match ? Number(match[1]) : undefined;
}

async function run(pubky, request, op) {
  const storage = pubky.publicStorage;
  switch (op.op) {
    case "getText":
      return storage.getText(op.address);
    case "getJson":
      return storage.getJson(op.address);
    case "getBytes":
      return Array.from(await storage.getBytes(op.address));
    case "exists":
      return storage.exists(op.address);
    case "stats": {
      const stats = await storage.stats(op.address);
      return stats === undefined ? null : { ...stats };
    }
    case "list":
      return storage.list(op.address, op.cursor ?? null, op.reverse ?? false, op.limit ?? null, op.shallow ?? false);
    case "fetch": {
      const response = await pubky.client.fetch(op.url, {
        method: op.method || "GET",
        headers: op.headers || {},
        body: op.body,
      });
      return { status: response.status, text: await response.text() };
    }
    case "signup": {
      const signer = pubky.signer(Keypair.random());
      const session = await signer.signup(PublicKey.from(request.homeserver), op.token ?? null);
      return { z32: signer.publicKey.z32(), capabilities: session.info.capabilities };
    }
    case "signupAndApprove": {
      const signer = pubky.signer(Keypair.random());
      await signer.signup(PublicKey.from(request.homeserver), op.token ?? null);
      await signer.approveAuthRequest(op.authorizationUrl);
      return { z32: signer.publicKey.z32() };
    }
    default:
      throw new Error(`unknown operation ${op.op}`);
  }
}

async function main() {
  const request = JSON.parse(process.argv[2]);
  const pubky = Pubky.withClient(new Client({ pkarr: { relays: [request.pkarrRelay], requestTimeout: 5_000 } }));
  const results = [];
  for (const op of request.ops) {
    try {
      results.push({ ok: true, value: await within(op.op, run(pubky, request, op)) });
    } catch (error) {
      results.push({
        ok: false,
        name: error && error.name,
        message: String(error && error.message),
        statusCode: statusOf(error),
      });
    }
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
  // The WASM client may keep sockets or background polls alive; the answer is out, so leave now.
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack}\n`);
  process.exit(2);
});
