// Reads public files with the official JS client, resolving each user's homeserver through the pkarr relay given.
//
// Usage: node read-public.mjs '<json>' where json = { relay, addresses: ["pubky<z32>/pub/…", …] }.
// Prints ONE JSON line: per address { ok: true, text } or { ok: false, message }.

import { Client, Pubky } from "@synonymdev/pubky";

const request = JSON.parse(process.argv[2]);
const pubky = Pubky.withClient(new Client({ pkarr: { relays: [request.relay], requestTimeout: 5_000 } }));
const results = [];
for (const address of request.addresses) {
  try {
    results.push({ ok: true, text: await pubky.publicStorage.getText(address) });
  } catch (error) {
    results.push({ ok: false, message: String(error && error.message) });
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
