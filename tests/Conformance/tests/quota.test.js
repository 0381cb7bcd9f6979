// Storage quota (homeserver started with Limits__DefaultQuotaMb=1, i.e. 1 048 576 bytes per user, where every
// file costs its length + 256 bytes).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  TEST_OPTIONS,
  admin,
  expectFailure,
  newPubky,
  server,
  signupUser,
  within,
} from "../lib/harness.js";

const MB = 1024 * 1024;
const bytes = (n, fill = 0x61) => new Uint8Array(n).fill(fill);
const QUOTA_MESSAGE = /quota/i;

test("within the quota: a 600 000 byte file is stored and can be overwritten", TEST_OPTIONS, async () => {
  const srv = server("quota");
  const { session } = await signupUser(newPubky(srv));

  await within("first 600 000 B", session.storage.putBytes("/pub/quota.example/a.bin", bytes(600_000)));
  await within("overwrite 600 000 B", session.storage.putBytes("/pub/quota.example/a.bin", bytes(600_000, 0x62)));
  const got = await within("getBytes", session.storage.getBytes("/pub/quota.example/a.bin"));
  assert.equal(got.length, 600_000);
  assert.equal(got[0], 0x62);
});

test("exceeding the quota: a second 600 000 byte file fails with 507 and is not stored", TEST_OPTIONS, async () => {
  const srv = server("quota");
  const { session } = await signupUser(newPubky(srv));
  await within("first file", session.storage.putBytes("/pub/quota.example/a.bin", bytes(600_000)));

  await expectFailure("second file", session.storage.putBytes("/pub/quota.example/b.bin", bytes(600_000)), {
    status: 507,
    message: QUOTA_MESSAGE,
  });
  assert.equal(await within("exists b", session.storage.exists("/pub/quota.example/b.bin")), false);
  assert.equal((await within("getBytes a", session.storage.getBytes("/pub/quota.example/a.bin"))).length, 600_000);
});

test("quota accounting follows the reference sequence (overwrite, delete, 256-byte overhead)", TEST_OPTIONS, async () => {
  const srv = server("quota");
  const { session } = await signupUser(newPubky(srv));
  const a = "/pub/quota.example/a.bin";
  const b = "/pub/quota.example/b.bin";

  await within("put a 600 000", session.storage.putBytes(a, bytes(600_000)));
  await within("put a 600 000 again", session.storage.putBytes(a, bytes(600_000)));
  await expectFailure("put b 600 000", session.storage.putBytes(b, bytes(600_000)), { status: 507 });
  await expectFailure("grow a to 1 100 000", session.storage.putBytes(a, bytes(1_100_000)), { status: 507 });
  assert.equal((await within("a unchanged", session.storage.getBytes(a))).length, 600_000, "failed overwrite kept the old content");
  await within("delete a", session.storage.delete(a));
  await expectFailure("put 1025 KiB - 256", session.storage.putBytes(a, bytes(1025 * 1024 - 256)), { status: 507 });
  await within("put exactly 1 MiB - 256", session.storage.putBytes(a, bytes(MB - 256)));
});

test("a full quota still allows deletes and frees the space", TEST_OPTIONS, async () => {
  const srv = server("quota");
  const { session } = await signupUser(newPubky(srv));
  await within("fill", session.storage.putBytes("/pub/quota.example/full.bin", bytes(MB - 256)));
  await expectFailure("one more byte", session.storage.putBytes("/pub/quota.example/more.bin", bytes(1)), { status: 507 });

  await within("delete", session.storage.delete("/pub/quota.example/full.bin"));
  await within("write after delete", session.storage.putBytes("/pub/quota.example/more.bin", bytes(1)));
});

test("the quota is per user: another user still has the full quota", TEST_OPTIONS, async () => {
  const srv = server("quota");
  const pubky = newPubky(srv);
  const first = await signupUser(pubky);
  const second = await signupUser(pubky);
  await within("first user fills", first.session.storage.putBytes("/pub/quota.example/a.bin", bytes(900_000)));
  await within("second user writes", second.session.storage.putBytes("/pub/quota.example/a.bin", bytes(900_000)));
});

test("raising a user's quota through the admin API (PATCH /users/<z32>/quota) allows more data", TEST_OPTIONS, async () => {
  const srv = server("quota");
  const { session, z32 } = await signupUser(newPubky(srv));
  await within("first file", session.storage.putBytes("/pub/quota.example/a.bin", bytes(600_000)));
  await expectFailure("second file at 1 MB", session.storage.putBytes("/pub/quota.example/b.bin", bytes(600_000)), {
    status: 507,
  });

  const patched = await admin(srv, "PATCH", `/users/${z32}/quota`, { body: { storage_quota_mb: 2 } });
  assert.equal(patched.status, 200, `PATCH quota: ${patched.status} ${patched.text}`);

  await within("second file at 2 MB", session.storage.putBytes("/pub/quota.example/b.bin", bytes(600_000)));
});
