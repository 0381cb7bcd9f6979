// Public reads of one user's data by OTHER clients: a second facade with another user in this process, and a
// fresh Node process with no cookies and an empty pkarr cache (open homeserver).

import assert from "node:assert/strict";
import { before, test } from "node:test";

import {
  TEST_OPTIONS,
  addressOf,
  expectFailure,
  inFreshProcess,
  newPubky,
  okValue,
  server,
  signupUser,
  urlOf,
  within,
} from "../lib/harness.js";

let srv;
let owner;
let reader; // { pubky, user } – a different facade and a different signed-up user

const TEXT_PATH = "/pub/public.example/hello.txt";
const JSON_PATH = "/pub/public.example/data.json";
const BYTES_PATH = "/pub/public.example/blob.bin";
const BYTES = [0, 1, 2, 3, 250, 255];

before(async () => {
  srv = server("open");
  owner = await signupUser(newPubky(srv));
  await within("put text", owner.session.storage.putText(TEXT_PATH, "hello public"));
  await within("put json", owner.session.storage.putJson(JSON_PATH, { visible: true }));
  await within("put bytes", owner.session.storage.putBytes(BYTES_PATH, Uint8Array.from(BYTES)));
  const readerPubky = newPubky(srv);
  reader = { pubky: readerPubky, user: await signupUser(readerPubky) };
});

test("another user's client reads public text, JSON and bytes through publicStorage", TEST_OPTIONS, async () => {
  const storage = reader.pubky.publicStorage;
  assert.equal(await within("getText", storage.getText(addressOf(owner.z32, TEXT_PATH))), "hello public");
  assert.deepEqual(await within("getJson", storage.getJson(addressOf(owner.z32, JSON_PATH))), { visible: true });
  assert.deepEqual(Array.from(await within("getBytes", storage.getBytes(addressOf(owner.z32, BYTES_PATH)))), BYTES);
});

test("publicStorage accepts the pubky:// address form", TEST_OPTIONS, async () => {
  const text = await within("getText", reader.pubky.publicStorage.getText(urlOf(owner.z32, TEXT_PATH)));
  assert.equal(text, "hello public");
});

test("another user's client sees exists/stats of public files", TEST_OPTIONS, async () => {
  const storage = reader.pubky.publicStorage;
  assert.equal(await within("exists", storage.exists(addressOf(owner.z32, TEXT_PATH))), true);
  assert.equal(await within("exists missing", storage.exists(addressOf(owner.z32, "/pub/public.example/none"))), false);
  const stats = await within("stats", storage.stats(addressOf(owner.z32, TEXT_PATH)));
  assert.ok(stats);
  assert.equal(stats.contentLength, Buffer.byteLength("hello public"));
  const own = await within("owner stats", owner.session.storage.stats(TEXT_PATH));
  assert.equal(stats.etag, own.etag, "the same etag for owner and public reader");
});

test("another user's client lists the public directory", TEST_OPTIONS, async () => {
  const list = await within("list", reader.pubky.publicStorage.list(addressOf(owner.z32, "/pub/public.example/")));
  assert.deepEqual(list, [
    urlOf(owner.z32, BYTES_PATH),
    urlOf(owner.z32, JSON_PATH),
    urlOf(owner.z32, TEXT_PATH),
  ]);
});

test("public read of a missing file fails with 404", TEST_OPTIONS, async () => {
  await expectFailure(
    "public getText missing",
    reader.pubky.publicStorage.getText(addressOf(owner.z32, "/pub/public.example/missing.txt")),
    { status: 404, name: "RequestError" },
  );
});

test("the reader's own writes land in the reader's space, not the owner's", TEST_OPTIONS, async () => {
  await within("reader put", reader.user.session.storage.putText(TEXT_PATH, "reader's copy"));
  const storage = reader.pubky.publicStorage;
  assert.equal(await within("owner copy", storage.getText(addressOf(owner.z32, TEXT_PATH))), "hello public");
  assert.equal(await within("reader copy", storage.getText(addressOf(reader.user.z32, TEXT_PATH))), "reader's copy");
});

test("a fresh Node process without any session reads, checks and lists public data", TEST_OPTIONS, async () => {
  const results = await inFreshProcess(srv, [
    { op: "getText", address: addressOf(owner.z32, TEXT_PATH) },
    { op: "getJson", address: urlOf(owner.z32, JSON_PATH) },
    { op: "getBytes", address: addressOf(owner.z32, BYTES_PATH) },
    { op: "exists", address: addressOf(owner.z32, TEXT_PATH) },
    { op: "exists", address: addressOf(owner.z32, "/pub/public.example/none") },
    { op: "stats", address: addressOf(owner.z32, JSON_PATH) },
    { op: "list", address: addressOf(owner.z32, "/pub/public.example/"), limit: 2 },
    { op: "list", address: addressOf(owner.z32, "/pub/"), shallow: true },
    { op: "getText", address: addressOf(owner.z32, "/pub/public.example/missing.txt") },
  ]);
  assert.equal(okValue(results[0], "getText"), "hello public");
  assert.deepEqual(okValue(results[1], "getJson"), { visible: true });
  assert.deepEqual(okValue(results[2], "getBytes"), BYTES);
  assert.equal(okValue(results[3], "exists"), true);
  assert.equal(okValue(results[4], "exists missing"), false);
  const stats = okValue(results[5], "stats");
  assert.equal(stats.contentLength, Buffer.byteLength(JSON.stringify({ visible: true })));
  assert.ok(stats.contentType && stats.contentType.toLowerCase().includes("json"), `contentType ${stats.contentType}`);
  assert.deepEqual(okValue(results[6], "list"), [urlOf(owner.z32, BYTES_PATH), urlOf(owner.z32, JSON_PATH)]);
  assert.deepEqual(okValue(results[7], "list shallow"), [urlOf(owner.z32, "/pub/public.example/")]);
  assert.equal(results[8].ok, false, "missing file read fails");
  assert.equal(results[8].statusCode, 404, `missing file: ${JSON.stringify(results[8])}`);
});
