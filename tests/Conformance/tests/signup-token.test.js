// Signup in token-required mode with admin-generated tokens (token-required homeserver).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  TEST_OPTIONS,
  admin,
  expectFailure,
  generateSignupToken,
  homeserverKey,
  newPubky,
  newSigner,
  server,
  unique,
  within,
} from "../lib/harness.js";

test("the admin API generates signup tokens of the form XXXX-XXXX-XXXX", TEST_OPTIONS, async () => {
  const srv = server("token");
  const token = await generateSignupToken(srv);
  assert.match(token, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const other = await generateSignupToken(srv);
  assert.notEqual(other, token, "every call yields a new token");
});

test("the admin API rejects a wrong password with 401", TEST_OPTIONS, async () => {
  const srv = server("token");
  const { status } = await admin(srv, "GET", "/generate_signup_token", { password: "not-the-password" });
  assert.equal(status, 401);
});

test("signup with an admin-generated token succeeds and the session can write", TEST_OPTIONS, async () => {
  const srv = server("token");
  const pubky = newPubky(srv);
  const token = await generateSignupToken(srv);
  const { signer, z32 } = newSigner(pubky);

  const session = await within("signup with token", signer.signup(homeserverKey(), token));

  assert.equal(session.info.publicKey.z32(), z32);
  assert.deepEqual(session.info.capabilities, ["/:rw"]);
  const path = `/pub/conformance.test/${unique("token")}.txt`;
  await within("putText", session.storage.putText(path, "token user"));
  assert.equal(await within("getText", session.storage.getText(path)), "token user");
});

test("a user who signed up with a token can sign in later", TEST_OPTIONS, async () => {
  const srv = server("token");
  const pubky = newPubky(srv);
  const { signer, z32 } = newSigner(pubky);
  await within("signup", signer.signup(homeserverKey(), await generateSignupToken(srv)));

  const session = await within("signin", signer.signin());
  assert.equal(session.info.publicKey.z32(), z32);
});

test("signup with an unknown token fails with 401 Invalid token", TEST_OPTIONS, async () => {
  const srv = server("token");
  const { signer } = newSigner(newPubky(srv));
  const error = await expectFailure("signup with AAAA-BBBB-CCCC", signer.signup(homeserverKey(), "AAAA-BBBB-CCCC"), {
    status: 401,
    message: "Invalid token",
  });
  assert.ok(error.message.includes("401"), `message mentions 401: ${error.message}`);
});

test("signup with an already used token fails with 401 Token already used", TEST_OPTIONS, async () => {
  const srv = server("token");
  const pubky = newPubky(srv);
  const token = await generateSignupToken(srv);
  await within("first signup", newSigner(pubky).signer.signup(homeserverKey(), token));

  const error = await expectFailure("second signup with the same token", newSigner(pubky).signer.signup(homeserverKey(), token), {
    status: 401,
    message: "Token already used",
  });
  assert.ok(error.message.includes("401"), `message mentions 401: ${error.message}`);
});

test("signup without a token in token-required mode fails with 400", TEST_OPTIONS, async () => {
  const srv = server("token");
  const { signer } = newSigner(newPubky(srv));
  await expectFailure("signup without token", signer.signup(homeserverKey(), null), { status: 400, message: "Token required" });
});

test("signup with a malformed token fails with 400", TEST_OPTIONS, async () => {
  const srv = server("token");
  const { signer } = newSigner(newPubky(srv));
  await expectFailure("signup with malformed token", signer.signup(homeserverKey(), "not-a-token"), { status: 400 });
});

test("a failed token signup does not create the user (signin then fails with 404)", TEST_OPTIONS, async () => {
  const srv = server("token");
  const { signer } = newSigner(newPubky(srv));
  await expectFailure("signup with unknown token", signer.signup(homeserverKey(), "AAAA-BBBB-CCCC"), { status: 401 });
  // Make sure the user's record points at the homeserver, so signin reaches it.
  await within("publishHomeserverForce", signer.pkdns.publishHomeserverForce(homeserverKey()));
  await expectFailure("signin of the never-created user", signer.signin(), { status: 404 });
});
