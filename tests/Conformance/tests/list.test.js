// Directory listing through the official client: deep, shallow, limit, cursor (all forms), reverse
// (open homeserver).

import assert from "node:assert/strict";
import { before, test } from "node:test";

import {
  TEST_OPTIONS,
  expectFailure,
  newPubky,
  server,
  signupUser,
  urlOf,
  within,
} from "../lib/harness.js";

let pubky;
let deep; // user with the /pub/example.com/ tree
let shallow; // user with files and directories of similar names directly under /pub/
// (A file and a directory of the SAME name, as in the 0.6.0 reference tests, are not used: newer reference
// versions, and this server, refuse that with 409; see storage.test.js.)

const DEEP_FILES = [
  "/pub/a.wrong/a.txt",
  "/pub/example.com/a.txt",
  "/pub/example.com/b.txt",
  "/pub/example.com/c.txt",
  "/pub/example.com/cc-nested/z.txt",
  "/pub/example.com/d.txt",
  "/pub/example.wrong/a.txt",
  "/pub/example.wrong/d.txt",
  "/pub/z.wrong/a.txt",
];

const SHALLOW_FILES = [
  "/pub/a.com/a.txt",
  "/pub/example.com/a.txt",
  "/pub/example.com/b.txt",
  "/pub/example.com/c.txt",
  "/pub/example.com/d.txt",
  "/pub/example.con",
  "/pub/example.con.d/d.txt",
  "/pub/file",
  "/pub/file2",
  "/pub/z.com/a.txt",
];

before(async () => {
  const srv = server("open");
  pubky = newPubky(srv);
  deep = await signupUser(pubky);
  shallow = await signupUser(pubky);
  // Sequential writes (deterministic and gentle); each write is bounded.
  for (const path of DEEP_FILES) await within(`put ${path}`, deep.session.storage.putText(path, path));
  for (const path of SHALLOW_FILES) await within(`put ${path}`, shallow.session.storage.putBytes(path, new Uint8Array()));
});

const deepUrls = (...names) => names.map((n) => urlOf(deep.z32, `/pub/example.com/${n}`));
const shallowUrls = (...names) => names.map((n) => urlOf(shallow.z32, `/pub/${n}`));

test("deep listing returns every file under the directory in byte order, and nothing else", TEST_OPTIONS, async () => {
  const list = await within("list", deep.session.storage.list("/pub/example.com/"));
  assert.deepEqual(list, deepUrls("a.txt", "b.txt", "c.txt", "cc-nested/z.txt", "d.txt"));
});

test("deep listing with limit returns the first entries", TEST_OPTIONS, async () => {
  const list = await within("list limit 2", deep.session.storage.list("/pub/example.com/", null, false, 2));
  assert.deepEqual(list, deepUrls("a.txt", "b.txt"));
});

test("listing with a '<z32>/<path>' cursor starts after the cursor (exclusive)", TEST_OPTIONS, async () => {
  const cursor = `${deep.z32}/pub/example.com/a.txt`;
  const list = await within("list cursor", deep.session.storage.list("/pub/example.com/", cursor, false, 2));
  assert.deepEqual(list, deepUrls("b.txt", "c.txt"));
});

test("listing with a 'pubky://<z32>/<path>' cursor starts after the cursor (exclusive)", TEST_OPTIONS, async () => {
  const cursor = `pubky://${deep.z32}/pub/example.com/a.txt`;
  const list = await within("list cursor", deep.session.storage.list("/pub/example.com/", cursor, false, 2));
  assert.deepEqual(list, deepUrls("b.txt", "c.txt"));
});

test("paging with limit and the last entry as cursor visits every file exactly once", TEST_OPTIONS, async () => {
  const seen = [];
  let cursor = null;
  for (let page = 0; page < 10; page++) {
    const list = await within(`page ${page}`, deep.session.storage.list("/pub/example.com/", cursor, false, 2));
    if (list.length === 0) break;
    assert.ok(list.length <= 2, "page respects limit");
    seen.push(...list);
    cursor = list[list.length - 1];
  }
  assert.deepEqual(seen, deepUrls("a.txt", "b.txt", "c.txt", "cc-nested/z.txt", "d.txt"));
});

test("reverse listing returns the entries in descending order", TEST_OPTIONS, async () => {
  const list = await within("list reverse", deep.session.storage.list("/pub/example.com/", null, true));
  assert.deepEqual(list, deepUrls("d.txt", "cc-nested/z.txt", "c.txt", "b.txt", "a.txt"));
});

test("reverse listing with limit returns the last entries", TEST_OPTIONS, async () => {
  const list = await within("list reverse limit", deep.session.storage.list("/pub/example.com/", null, true, 2));
  assert.deepEqual(list, deepUrls("d.txt", "cc-nested/z.txt"));
});

test("reverse listing with a cursor continues below the cursor", TEST_OPTIONS, async () => {
  const cursor = `pubky://${deep.z32}/pub/example.com/d.txt`;
  const list = await within("list reverse cursor", deep.session.storage.list("/pub/example.com/", cursor, true, 2));
  assert.deepEqual(list, deepUrls("cc-nested/z.txt", "c.txt"));
});

test("listing with limit 0 returns nothing", TEST_OPTIONS, async () => {
  const list = await within("list limit 0", deep.session.storage.list("/pub/example.com/", null, false, 0));
  assert.deepEqual(list, []);
});

test("shallow listing of a directory shows files and sub-directories (with trailing slash)", TEST_OPTIONS, async () => {
  const list = await within("list shallow", deep.session.storage.list("/pub/example.com/", null, false, null, true));
  assert.deepEqual(list, deepUrls("a.txt", "b.txt", "c.txt", "cc-nested/", "d.txt"));
});

test("shallow listing of /pub/ lists files and directories in byte order", TEST_OPTIONS, async () => {
  const list = await within("list shallow /pub/", shallow.session.storage.list("/pub/", null, false, null, true));
  assert.deepEqual(
    list,
    shallowUrls("a.com/", "example.com/", "example.con", "example.con.d/", "file", "file2", "z.com/"),
  );
});

test("shallow listing with limit returns the first children", TEST_OPTIONS, async () => {
  const list = await within("list shallow limit", shallow.session.storage.list("/pub/", null, false, 3, true));
  assert.deepEqual(list, shallowUrls("a.com/", "example.com/", "example.con"));
});

test("shallow listing with a cursor continues after it", TEST_OPTIONS, async () => {
  const cursor = `${shallow.z32}/pub/example.con`;
  const list = await within("list shallow cursor", shallow.session.storage.list("/pub/", cursor, false, null, true));
  assert.deepEqual(list, shallowUrls("example.con.d/", "file", "file2", "z.com/"));
});

test("shallow listing: a directory cursor and a cursor inside that directory give the same next page", TEST_OPTIONS, async () => {
  const dirCursor = `pubky://${shallow.z32}/pub/example.com/`;
  const fileCursor = `pubky://${shallow.z32}/pub/example.com/a.txt`;
  const a = await within("dir cursor", shallow.session.storage.list("/pub/", dirCursor, false, 2, true));
  const b = await within("file cursor", shallow.session.storage.list("/pub/", fileCursor, false, 2, true));
  assert.deepEqual(a, shallowUrls("example.con", "example.con.d/"));
  assert.deepEqual(b, a);
});

test("shallow reverse listing returns the children in descending order", TEST_OPTIONS, async () => {
  const list = await within("list shallow reverse", shallow.session.storage.list("/pub/", null, true, null, true));
  assert.deepEqual(
    list,
    shallowUrls("z.com/", "file2", "file", "example.con.d/", "example.con", "example.com/", "a.com/"),
  );
});

test("shallow reverse listing with a cursor and limit", TEST_OPTIONS, async () => {
  const cursor = `${shallow.z32}/pub/file2`;
  const list = await within("list shallow reverse cursor", shallow.session.storage.list("/pub/", cursor, true, 3, true));
  assert.deepEqual(list, shallowUrls("file", "example.con.d/", "example.con"));
});

test("listing a directory that holds no file fails with 404", TEST_OPTIONS, async () => {
  await expectFailure("list missing dir", deep.session.storage.list("/pub/nothing.here/"), { status: 404 });
});

test("listing reflects a delete", TEST_OPTIONS, async () => {
  const user = await signupUser(pubky);
  await within("put 1", user.session.storage.putText("/pub/del.test/1.txt", "1"));
  await within("put 2", user.session.storage.putText("/pub/del.test/2.txt", "2"));
  await within("delete 1", user.session.storage.delete("/pub/del.test/1.txt"));
  const list = await within("list", user.session.storage.list("/pub/del.test/"));
  assert.deepEqual(list, [urlOf(user.z32, "/pub/del.test/2.txt")]);
});
