// Authorization: the third-party auth flow through the http relay, capability-scoped writes, and writes outside
// /pub/ (open homeserver).

import assert from "node:assert/strict";
import { test } from "node:test";

import { AuthFlowKind } from "@synonymdev/pubky";

import {
  TEST_OPTIONS,
  addressOf,
  expectFailure,
  inFreshProcess,
  newPubky,
  okValue,
  server,
  signupUser,
  unique,
  within,
} from "../lib/harness.js";

const APP_CAPS = "/pub/app.example/:rw";

/**
 * Runs the pubkyauth flow: this process is the keyless app; a fresh Node process plays the signer (signs up a
 * new user and approves the request). Returns { session, z32, flow }.
 */
async function thirdPartySession(srv, caps = APP_CAPS) {
  const app = newPubky(srv);
  const flow = app.startAuthFlow(caps, AuthFlowKind.signin(), srv.httpRelayLink);
  assert.ok(flow.authorizationUrl.startsWith("pubkyauth://signin?"), `authorization URL: ${flow.authorizationUrl}`);
  // Start waiting before the signer acts, as a real app does; the long-poll is already running in the background.
  const approval = within("awaitApproval", flow.awaitApproval(), 60_000);
  approval.catch(() => {}); // observed below; avoid an unhandled rejection while the signer runs
  const [signerResult] = await inFreshProcess(srv, [{ op: "signupAndApprove", authorizationUrl: flow.authorizationUrl }]);
  const { z32 } = okValue(signerResult, "signer signup + approveAuthRequest");
  const session = await approval;
  return { app, session, z32 };
}

test("third-party auth flow through the http relay yields a session with exactly the requested capabilities", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { session, z32 } = await thirdPartySession(srv);

  assert.equal(session.info.publicKey.z32(), z32, "session belongs to the approving user");
  assert.deepEqual(session.info.capabilities, [APP_CAPS]);
});

test("a third-party session can write, read and delete inside its capability scope", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { app, session, z32 } = await thirdPartySession(srv);
  const path = `/pub/app.example/${unique("inscope")}.json`;

  await within("putJson in scope", session.storage.putJson(path, { granted: true }));
  assert.deepEqual(await within("getJson", session.storage.getJson(path)), { granted: true });
  assert.deepEqual(await within("public getJson", app.publicStorage.getJson(addressOf(z32, path))), { granted: true });
  await within("delete in scope", session.storage.delete(path));
  assert.equal(await within("exists", session.storage.exists(path)), false);
});

test("a third-party session gets 403 for writes outside its capability scope", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { session } = await thirdPartySession(srv);

  await expectFailure("put in another app's dir", session.storage.putText("/pub/other.example/x.txt", "no"), { status: 403 });
  await expectFailure("put at /pub/ root", session.storage.putText("/pub/x.txt", "no"), { status: 403 });
  // The scope ends in '/', so the bare directory name is not covered.
  await expectFailure("put /pub/app.example (no slash)", session.storage.putText("/pub/app.example", "no"), { status: 403 });
  await expectFailure("delete outside scope", session.storage.delete("/pub/other.example/x.txt"), { status: 403 });
});

test("a third-party session's 403 reports missing write access", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { session } = await thirdPartySession(srv);
  await expectFailure("put outside scope", session.storage.putText("/pub/other.example/y.txt", "no"), {
    status: 403,
    message: "Session does not have write access to path",
  });
});

test("a read-only capability does not allow writes (403)", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { session } = await thirdPartySession(srv, "/pub/app.example/:rw,/pub/readonly.example/:r");
  assert.deepEqual(session.info.capabilities, ["/pub/app.example/:rw", "/pub/readonly.example/:r"]);
  await expectFailure("put under read-only scope", session.storage.putText("/pub/readonly.example/f.txt", "no"), {
    status: 403,
  });
  await within("put under rw scope", session.storage.putText("/pub/app.example/f.txt", "yes"));
});

test("writing outside /pub/ fails with 403 even with a root session", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { session } = await signupUser(newPubky(srv));

  // Not /priv/: servers that adopted the newer private root accept writes there. Any other root is refused by
  // every reference version with a message that starts the same way.
  await expectFailure("putText /foo/", session.storage.putText("/foo/example.com/secret.txt", "hidden"), {
    status: 403,
    message: "Writing to directories other than '/pub/'",
  });
});

test("writing outside /pub/ through client.fetch fails with 403 for PUT and DELETE", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { z32 } = await signupUser(pubky);

  for (const method of ["PUT", "DELETE"]) {
    const response = await within(
      `${method} /foo/`,
      pubky.client.fetch(`https://_pubky.${z32}/foo/example.com/x.txt`, { method, body: method === "PUT" ? "x" : undefined }),
    );
    const text = await within("body", response.text());
    assert.equal(response.status, 403, `${method} /foo/: ${response.status} ${text}`);
    assert.ok(text.includes("Writing to directories other than '/pub/'"), `${method} message: ${text}`);
  }
});

test("a session of one user cannot write into another user's space (401)", TEST_OPTIONS, async () => {
  const srv = server("open");
  const victim = await signupUser(newPubky(srv));
  const url = `https://_pubky.${victim.z32}/pub/conformance.test/intrusion.txt`;
  // In a fresh process the intruder signs up (its own cookie is in that jar, none named after the victim) and
  // then PUTs into the victim's space.
  const [intruder, put] = await inFreshProcess(srv, [
    { op: "signup" },
    { op: "fetch", url, method: "PUT", body: "intrusion" },
  ]);
  okValue(intruder, "intruder signup");
  const value = okValue(put, "fetch");
  assert.equal(value.status, 401, `PUT into another user's space: ${JSON.stringify(value)}`);
  assert.equal(await within("exists", newPubky(srv).publicStorage.exists(addressOf(victim.z32, "/pub/conformance.test/intrusion.txt"))), false);
});
