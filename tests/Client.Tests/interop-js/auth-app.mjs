// The official JS client as the keyless third-party app of a pubkyauth flow.
//
// Usage: node auth-app.mjs '<json>' where json = { pkarrRelay, httpRelay, caps, urlFile, signupHomeserver? }.
// Starts a sign-in flow (a signup flow on signupHomeserver, a z32 key, when given) through httpRelay, writes its authorization URL to urlFile (whole, by a rename) for the
// signer under test, waits for the approval and prints ONE JSON line: { ok: true, z32, capabilities } or
// { ok: false, message }.

import { writeFileSync, renameSync } from "node:fs";
import { AuthFlowKind, Client, Pubky, PublicKey } from "@synonymdev/pubky";

const APPROVAL_TIMEOUT_MS = 60_000;

const request = JSON.parse(process.argv[2]);
const pubky = Pubky.withClient(new Client({ pkarr: { relays: [request.pkarrRelay], requestTimeout: 5_000 } }));
let timer;
try {
  const kind = request.signupHomeserver ? AuthFlowKind.signup(PublicKey.from(request.signupHomeserver), null) : AuthFlowKind.signin();
  const flow = pubky.startAuthFlow(request.caps, kind, request.httpRelay);
  writeFileSync(request.urlFile + ".part", flow.authorizationUrl);
  renameSync(request.urlFile + ".part", request.urlFile);
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no approval within ${APPROVAL_TIMEOUT_MS} ms`)), APPROVAL_TIMEOUT_MS);
  });
  const session = await Promise.race([flow.awaitApproval(), timeout]);
  process.stdout.write(JSON.stringify({ ok: true, z32: session.info.publicKey.z32(), capabilities: session.info.capabilities }) + "\n");
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, message: String(error && error.message) }) + "\n");
} finally {
  clearTimeout(timer);
}
