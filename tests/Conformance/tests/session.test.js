// Session lifecycle: export/restore, signout, and writes without a session (open homeserver).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  TEST_OPTIONS,
  expectFailure,
  inFreshProcess,
  newPubky,
  server,
  signupUser,
  unique,
  within,
} from "../lib/harness.js";

test("a restored session (restoreSession(session.export())) has the same identity and can write", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { session, z32 } = await signupUser(pubky);

  const exported = session.export();
  assert.equal(typeof exported, "string");
  assert.ok(exported.length > 0, "export() yields a non-empty string");

  // A different facade (fresh pkarr cache) restores it; GET /session validates it on the server.
  const restored = await within("restoreSession", newPubky(srv).restoreSession(exported));

  assert.equal(restored.info.publicKey.z32(), z32);
  assert.deepEqual(restored.info.capabilities, ["/:rw"]);
  const path = `/pub/conformance.test/${unique("restored")}.txt`;
  await within("putText through restored session", restored.storage.putText(path, "restored"));
  assert.equal(await within("getText", restored.storage.getText(path)), "restored");
});

test("restoring a session after signout fails", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { session } = await signupUser(pubky);
  const exported = session.export();

  await within("signout", session.signout());

  await expectFailure("restoreSession after signout", newPubky(srv).restoreSession(exported));
});

test("after signout, writes through the old session fail with 401", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { session } = await signupUser(pubky);
  const path = `/pub/conformance.test/${unique("signout")}.txt`;
  await within("putText before signout", session.storage.putText(path, "before"));

  await within("signout", session.signout());

  await expectFailure("putText after signout", session.storage.putText(path, "after"), { status: 401 });
  await expectFailure("delete after signout", session.storage.delete(path), { status: 401 });
  // The data itself is untouched and still public.
  assert.equal(await within("public getText", pubky.publicStorage.getText(`pubky${session.info.publicKey.z32()}${path}`)), "before");
});

test("signout is repeatable (a second signout does not fail)", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { session } = await signupUser(pubky);

  await within("first signout", session.signout());
  await within("second signout", session.signout());
});

test("signing in again after signout gives a working session", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { signer, session } = await signupUser(pubky);
  await within("signout", session.signout());

  const again = await within("signin", signer.signin());
  const path = `/pub/conformance.test/${unique("again")}.txt`;
  await within("putText", again.storage.putText(path, "again"));
  assert.equal(await within("getText", again.storage.getText(path)), "again");
});

test("writes without any session cookie (fresh process) fail with 401", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const { session, z32 } = await signupUser(pubky);
  const path = `/pub/conformance.test/${unique("nosession")}.txt`;
  await within("owner putText", session.storage.putText(path, "owner"));

  const url = `https://_pubky.${z32}${path}`;
  const [put, del, get] = await inFreshProcess(srv, [
    { op: "fetch", url, method: "PUT", body: "intruder" },
    { op: "fetch", url, method: "DELETE" },
    { op: "fetch", url, method: "GET" },
  ]);

  assert.ok(put.ok, `PUT fetch failed: ${JSON.stringify(put)}`);
  assert.equal(put.value.status, 401, `PUT without cookie: ${JSON.stringify(put.value)}`);
  assert.ok(del.ok, `DELETE fetch failed: ${JSON.stringify(del)}`);
  assert.equal(del.value.status, 401, `DELETE without cookie: ${JSON.stringify(del.value)}`);
  assert.ok(get.ok, `GET fetch failed: ${JSON.stringify(get)}`);
  assert.equal(get.value.status, 200, "public GET works without a cookie");
  assert.equal(get.value.text, "owner", "the unauthorized writes changed nothing");
});
