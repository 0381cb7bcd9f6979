// A user disabled through the admin API: reads, deletes and signin keep working, writes fail with 403
// (open homeserver).

import assert from "node:assert/strict";
import { test } from "node:test";

import { Keypair } from "@synonymdev/pubky";

import {
  TEST_OPTIONS,
  addressOf,
  admin,
  expectFailure,
  newPubky,
  server,
  signupUser,
  within,
} from "../lib/harness.js";

async function disabledUser() {
  const srv = server("open");
  const pubky = newPubky(srv);
  const user = await signupUser(pubky);
  await within("put before disable", user.session.storage.putText("/pub/disabled.example/kept.txt", "kept"));
  await within("put second before disable", user.session.storage.putText("/pub/disabled.example/gone.txt", "gone"));
  const { status, text } = await admin(srv, "POST", `/users/${user.z32}/disable`);
  assert.equal(status, 200, `POST /users/<z32>/disable: ${status} ${text}`);
  return { srv, pubky, ...user };
}

test("a disabled user cannot write (403 User is disabled)", TEST_OPTIONS, async () => {
  const { session } = await disabledUser();
  await expectFailure("put after disable", session.storage.putText("/pub/disabled.example/new.txt", "no"), {
    status: 403,
    message: "User is disabled",
  });
  await expectFailure("overwrite after disable", session.storage.putText("/pub/disabled.example/kept.txt", "no"), {
    status: 403,
    message: "User is disabled",
  });
});

test("a disabled user's data stays readable by the user and the public", TEST_OPTIONS, async () => {
  const { session, z32, srv } = await disabledUser();
  assert.equal(await within("own getText", session.storage.getText("/pub/disabled.example/kept.txt")), "kept");
  assert.equal(await within("exists", session.storage.exists("/pub/disabled.example/kept.txt")), true);
  const reader = newPubky(srv);
  assert.equal(await within("public getText", reader.publicStorage.getText(addressOf(z32, "/pub/disabled.example/kept.txt"))), "kept");
  const list = await within("list", session.storage.list("/pub/disabled.example/"));
  assert.equal(list.length, 2);
});

test("a disabled user can still delete", TEST_OPTIONS, async () => {
  const { session } = await disabledUser();
  await within("delete after disable", session.storage.delete("/pub/disabled.example/gone.txt"));
  assert.equal(await within("exists", session.storage.exists("/pub/disabled.example/gone.txt")), false);
});

test("a disabled user can sign out and sign in again, and still cannot write", TEST_OPTIONS, async () => {
  const { session, signer, z32 } = await disabledUser();
  await within("signout", session.signout());
  const again = await within("signin", signer.signin());
  assert.equal(again.info.publicKey.z32(), z32);
  await expectFailure("put after re-signin", again.storage.putText("/pub/disabled.example/new.txt", "no"), { status: 403 });
});

test("re-enabling a disabled user (POST /users/<z32>/enable) restores writes", TEST_OPTIONS, async () => {
  const { session, z32, srv } = await disabledUser();
  const { status, text } = await admin(srv, "POST", `/users/${z32}/enable`);
  assert.equal(status, 200, `POST /users/<z32>/enable: ${status} ${text}`);
  await within("put after enable", session.storage.putText("/pub/disabled.example/new.txt", "yes"));
});

test("disabling an unknown user fails with 404", TEST_OPTIONS, async () => {
  const srv = server("open");
  // A valid key that never signed up.
  const z32 = Keypair.random().publicKey.z32();
  const { status } = await admin(srv, "POST", `/users/${z32}/disable`);
  assert.equal(status, 404);
});
