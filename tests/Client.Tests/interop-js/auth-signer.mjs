// The official JS client as the signer of a pubkyauth flow: a new user signs up (which publishes its PKARR record)
// and approves the request.
//
// Usage: node auth-signer.mjs '<json>' where json = { pkarrRelay, homeserver, authorizationUrl }.
// Prints ONE JSON line: { ok: true, z32 } or { ok: false, message }.

import { Client, Keypair, Pubky, PublicKey } from "@synonymdev/pubky";

const request = JSON.parse(process.argv[2]);
const pubky = Pubky.withClient(new Client({ pkarr: { relays: [request.pkarrRelay], requestTimeout: 5_000 } }));
try {
  const signer = pubky.signer(Keypair.random());
  await signer.signup(PublicKey.from(request.homeserver), null);
  await signer.approveAuthRequest(request.authorizationUrl);
  process.stdout.write(JSON.stringify({ ok: true, z32: signer.publicKey.z32() }) + "\n");
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, message: String(error && error.message) }) + "\n");
}
