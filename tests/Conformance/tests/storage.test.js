// SessionStorage reads and writes: put*/get*/exists/stats/delete (open homeserver).

import assert from "node:assert/strict";
import { before, test } from "node:test";

import {
  TEST_OPTIONS,
  expectFailure,
  newPubky,
  server,
  signupUser,
  sleep,
  unique,
  within,
} from "../lib/harness.js";

let user;
before(async () => {
  const srv = server("open");
  user = await signupUser(newPubky(srv));
});

const freshPath = (ext) => `/pub/conformance.test/storage/${unique("f")}.${ext}`;

test("putText then getText returns the same text", TEST_OPTIONS, async () => {
  const path = freshPath("txt");
  const text = "hello world from the conformance suite ✓";
  await within("putText", user.session.storage.putText(path, text));
  assert.equal(await within("getText", user.session.storage.getText(path)), text);
});

test("putJson then getJson returns an equal value", TEST_OPTIONS, async () => {
  const path = freshPath("json");
  const value = { foo: "bar", n: 42, list: [1, 2, 3], nested: { ok: true } };
  await within("putJson", user.session.storage.putJson(path, value));
  assert.deepEqual(await within("getJson", user.session.storage.getJson(path)), value);
});

test("putBytes then getBytes returns the same bytes", TEST_OPTIONS, async () => {
  const path = freshPath("bin");
  const bytes = Uint8Array.from([0, 1, 2, 3, 4, 127, 128, 250, 251, 252, 253, 254, 255]);
  await within("putBytes", user.session.storage.putBytes(path, bytes));
  const got = await within("getBytes", user.session.storage.getBytes(path));
  assert.ok(got instanceof Uint8Array, "getBytes yields a Uint8Array");
  assert.deepEqual(Array.from(got), Array.from(bytes));
});

test("putBytes of an empty body stores an empty file", TEST_OPTIONS, async () => {
  const path = freshPath("empty");
  await within("putBytes empty", user.session.storage.putBytes(path, new Uint8Array()));
  const got = await within("getBytes", user.session.storage.getBytes(path));
  assert.equal(got.length, 0);
  assert.equal(await within("exists", user.session.storage.exists(path)), true);
});

test("a 1 MiB putBytes round-trips intact", TEST_OPTIONS, async () => {
  const path = freshPath("big");
  const bytes = new Uint8Array(1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  await within("putBytes 1 MiB", user.session.storage.putBytes(path, bytes));
  const got = await within("getBytes 1 MiB", user.session.storage.getBytes(path));
  assert.equal(got.length, bytes.length);
  assert.ok(Buffer.from(got).equals(Buffer.from(bytes)), "content identical");
});

test("get returns a Response with status 200 and the stored body", TEST_OPTIONS, async () => {
  const path = freshPath("txt");
  await within("putText", user.session.storage.putText(path, "via get"));
  const response = await within("get", user.session.storage.get(path));
  assert.equal(response.status, 200);
  assert.equal(await within("response.text", response.text()), "via get");
});

test("putJson stores Content-Type application/json; putText stores something readable back", TEST_OPTIONS, async () => {
  const jsonPath = freshPath("json");
  await within("putJson", user.session.storage.putJson(jsonPath, { a: 1 }));
  const stats = await within("stats", user.session.storage.stats(jsonPath));
  assert.ok(stats, "stats present");
  assert.ok(
    typeof stats.contentType === "string" && stats.contentType.toLowerCase().startsWith("application/json"),
    `content type of a putJson file: ${stats.contentType}`,
  );
});

test("overwriting a file replaces its content", TEST_OPTIONS, async () => {
  const path = freshPath("txt");
  await within("first put", user.session.storage.putText(path, "first version"));
  await within("second put", user.session.storage.putText(path, "second"));
  assert.equal(await within("getText", user.session.storage.getText(path)), "second");
});

test("exists is true for a stored file and false for a missing one", TEST_OPTIONS, async () => {
  const path = freshPath("txt");
  await within("putText", user.session.storage.putText(path, "x"));
  assert.equal(await within("exists (stored)", user.session.storage.exists(path)), true);
  assert.equal(await within("exists (missing)", user.session.storage.exists(freshPath("missing"))), false);
});

test("stats reports content length, content type, unquoted etag and last-modified time", TEST_OPTIONS, async () => {
  const path = freshPath("json");
  const body = { hello: "stats" };
  const started = Date.now();
  await within("putJson", user.session.storage.putJson(path, body));

  const stats = await within("stats", user.session.storage.stats(path));
  assert.ok(stats, "stats returns metadata for a stored file");
  const bytes = await within("getBytes", user.session.storage.getBytes(path));
  assert.equal(stats.contentLength, bytes.length, "contentLength equals the stored byte count");
  assert.equal(stats.contentLength, Buffer.byteLength(JSON.stringify(body)), "compact JSON length");
  assert.ok(stats.contentType && stats.contentType.toLowerCase().includes("json"), `contentType: ${stats.contentType}`);
  assert.equal(typeof stats.etag, "string", "etag present");
  assert.ok(stats.etag.length > 0, "etag not empty");
  assert.ok(!stats.etag.includes('"'), `etag has no quotes: ${stats.etag}`);
  assert.equal(typeof stats.lastModifiedMs, "number", "lastModifiedMs present");
  // Last-Modified is an HTTP date (1 s resolution); allow for that and for small clock differences.
  assert.ok(stats.lastModifiedMs >= started - 5_000, `lastModifiedMs ${stats.lastModifiedMs} not before the write (${started})`);
  assert.ok(stats.lastModifiedMs <= Date.now() + 5_000, `lastModifiedMs ${stats.lastModifiedMs} not in the future`);
});

test("stats of a missing file is undefined", TEST_OPTIONS, async () => {
  assert.equal(await within("stats (missing)", user.session.storage.stats(freshPath("missing"))), undefined);
});

test("after an overwrite, etag changes and lastModified does not go back", TEST_OPTIONS, async () => {
  const path = freshPath("json");
  await within("putJson 1", user.session.storage.putJson(path, { v: 1 }));
  const first = await within("stats 1", user.session.storage.stats(path));
  await sleep(1_100); // Last-Modified has one-second resolution.
  await within("putJson 2", user.session.storage.putJson(path, { v: 2 }));
  const second = await within("stats 2", user.session.storage.stats(path));
  assert.ok(first && second);
  assert.notEqual(second.etag, first.etag, "etag changes with the content");
  assert.ok(second.lastModifiedMs > first.lastModifiedMs, "lastModified increases");
});

test("identical content gives the identical etag", TEST_OPTIONS, async () => {
  const a = freshPath("txt");
  const b = freshPath("txt");
  await within("put a", user.session.storage.putText(a, "same bytes"));
  await within("put b", user.session.storage.putText(b, "same bytes"));
  const [sa, sb] = await Promise.all([user.session.storage.stats(a), user.session.storage.stats(b)]);
  assert.equal(sa.etag, sb.etag);
});

test("delete removes the file: get fails with 404 and exists is false", TEST_OPTIONS, async () => {
  const path = freshPath("txt");
  await within("putText", user.session.storage.putText(path, "to delete"));
  await within("delete", user.session.storage.delete(path));

  await expectFailure("getText after delete", user.session.storage.getText(path), { status: 404, name: "RequestError" });
  await expectFailure("get after delete", user.session.storage.get(path), { status: 404 });
  assert.equal(await within("exists after delete", user.session.storage.exists(path)), false);
});

test("delete of a missing file fails with 404", TEST_OPTIONS, async () => {
  await expectFailure("delete missing", user.session.storage.delete(freshPath("missing")), { status: 404 });
});

test("getText of a missing file fails with 404", TEST_OPTIONS, async () => {
  await expectFailure("getText missing", user.session.storage.getText(freshPath("missing")), { status: 404 });
});

test("deleting one file leaves its siblings intact", TEST_OPTIONS, async () => {
  const dir = `/pub/conformance.test/${unique("sib")}/`;
  await within("put a", user.session.storage.putText(`${dir}a.txt`, "a"));
  await within("put b", user.session.storage.putText(`${dir}b.txt`, "b"));
  await within("delete a", user.session.storage.delete(`${dir}a.txt`));
  assert.equal(await within("get b", user.session.storage.getText(`${dir}b.txt`)), "b");
});

test("a file and a directory of the same name conflict (409, as in newer reference versions)", TEST_OPTIONS, async () => {
  // The 0.6.0 reference allowed both /pub/x and /pub/x/y; later versions (and this project, see ARCHITECTURE.md)
  // refuse the second write with 409 so that paths always form a tree.
  const dir = `/pub/conformance.test/${unique("collide")}`;
  await within("put file inside dir", user.session.storage.putText(`${dir}/inner.txt`, "inner"));
  await expectFailure("put file over dir", user.session.storage.putText(dir, "file"), { status: 409 });
  const file = `/pub/conformance.test/${unique("collide")}`;
  await within("put file", user.session.storage.putText(file, "file"));
  await expectFailure("put dir under file", user.session.storage.putText(`${file}/inner.txt`, "inner"), { status: 409 });
  assert.equal(await within("file intact", user.session.storage.getText(file)), "file");
});
