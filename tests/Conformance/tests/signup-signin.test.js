// Signup in open mode, signin, and independent sessions for several users (open homeserver).

import assert from "node:assert/strict";
import { test } from "node:test";

import { Keypair, PublicKey } from "@synonymdev/pubky";

import {
  TEST_OPTIONS,
  expectFailure,
  homeserverKey,
  newPubky,
  newSigner,
  server,
  signupUser,
  unique,
  within,
} from "../lib/harness.js";

test("signup without a token in open mode returns a root session for the signer's key", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { signer, z32 } = newSigner(pubky);

  const session = await within("signup", signer.signup(homeserverKey(), null));

  assert.equal(session.info.publicKey.z32(), z32, "session belongs to the signer");
  assert.deepEqual(session.info.capabilities, ["/:rw"], "signup grants root capabilities");
});

test("signup publishes the user's homeserver record so the homeserver is discoverable", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { z32 } = await signupUser(pubky);

  // A different client (empty pkarr cache) must resolve the user's homeserver through the relay.
  const other = newPubky(srv);
  const homeserver = await within("getHomeserverOf", other.getHomeserverOf(PublicKey.from(z32)));
  assert.ok(homeserver, "homeserver of the new user is resolvable");
  assert.equal(homeserver.z32(), homeserverKey().z32());
});

test("signup of an existing user fails with 409", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const keypair = Keypair.random();
  await within("first signup", pubky.signer(keypair).signup(homeserverKey(), null));

  await expectFailure("second signup", pubky.signer(keypair).signup(homeserverKey(), null), { status: 409 });
});

test("signin of an existing user returns a working root session", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { signer, z32 } = await signupUser(pubky);

  const session = await within("signin", signer.signin());

  assert.equal(session.info.publicKey.z32(), z32);
  assert.deepEqual(session.info.capabilities, ["/:rw"]);
  const path = `/pub/conformance.test/${unique("signin")}.txt`;
  await within("putText after signin", session.storage.putText(path, "signed in"));
  assert.equal(await within("getText", session.storage.getText(path)), "signed in");
});

test("signinBlocking of an existing user returns a session", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { signer, z32 } = await signupUser(pubky);

  const session = await within("signinBlocking", signer.signinBlocking());

  assert.equal(session.info.publicKey.z32(), z32);
  assert.deepEqual(session.info.capabilities, ["/:rw"]);
});

test("signin of an unknown user fails with 404", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  // The user never signed up: the client resolves the homeserver from the user's pkarr record, so publish it
  // first (as a signer that moved would), then sign in.
  const { signer } = newSigner(pubky);
  await within("publishHomeserverForce", signer.pkdns.publishHomeserverForce(homeserverKey()));

  await expectFailure("signin of unknown user", signer.signin(), { status: 404 });
});

test("two users get independent sessions bound to their own keys", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const alice = await signupUser(pubky);
  const bob = await signupUser(pubky);

  assert.notEqual(alice.z32, bob.z32);
  assert.equal(alice.session.info.publicKey.z32(), alice.z32);
  assert.equal(bob.session.info.publicKey.z32(), bob.z32);

  // Both cookies live in the same jar; the server must pick the one named after the pubky-host.
  const path = "/pub/conformance.test/who.txt";
  await within("alice put", alice.session.storage.putText(path, "alice"));
  await within("bob put", bob.session.storage.putText(path, "bob"));
  assert.equal(await within("alice get", alice.session.storage.getText(path)), "alice");
  assert.equal(await within("bob get", bob.session.storage.getText(path)), "bob");
});
