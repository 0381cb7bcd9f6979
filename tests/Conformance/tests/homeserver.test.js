// The homeserver as a pkarr-addressed host: its own record, GET /, and the admin info endpoint (open homeserver).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  HOMESERVER_Z32,
  TEST_OPTIONS,
  admin,
  newPubky,
  server,
  signupUser,
  within,
} from "../lib/harness.js";

test("the homeserver's own pkarr record resolves and GET https://<homeserver>/ answers 'Pubky Homeserver'", TEST_OPTIONS, async () => {
  const srv = server("open");
  const pubky = newPubky(srv);
  const response = await within("fetch homeserver root", pubky.client.fetch(`https://${HOMESERVER_Z32}/`));
  assert.equal(response.status, 200);
  assert.equal((await within("body", response.text())).trim(), "Pubky Homeserver");
});

test("the client resolves a signed-up user's homeserver to the testnet homeserver key", TEST_OPTIONS, async () => {
  const srv = server("open");
  const { z32, signer } = await signupUser(newPubky(srv));
  const resolved = await within("pkdns.getHomeserver", signer.pkdns.getHomeserver());
  assert.ok(resolved, "a homeserver is found");
  assert.equal(resolved.z32(), HOMESERVER_Z32);
  const viaFacade = await within("getHomeserverOf", newPubky(srv).getHomeserverOf(signer.publicKey));
  assert.equal(viaFacade && viaFacade.z32(), HOMESERVER_Z32, `homeserver of ${z32}`);
});

test("admin GET /info reports the homeserver key and counts users", TEST_OPTIONS, async () => {
  const srv = server("open");
  await signupUser(newPubky(srv));
  const { status, text } = await admin(srv, "GET", "/info");
  assert.equal(status, 200, `GET /info: ${status} ${text}`);
  const info = JSON.parse(text);
  assert.equal(info.public_key, HOMESERVER_Z32);
  assert.ok(Number.isInteger(info.num_users) && info.num_users >= 1, `num_users: ${info.num_users}`);
});

test("the admin API requires the password (401 without it)", TEST_OPTIONS, async () => {
  const srv = server("open");
  const response = await fetch(`${srv.adminBase}/info`, { signal: AbortSignal.timeout(10_000) });
  assert.equal(response.status, 401);
});
