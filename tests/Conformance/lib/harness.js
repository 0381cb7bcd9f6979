// Shared helpers for the conformance tests.
//
// Every test file imports this module. It knows how to find the homeservers that run.sh started (through
// environment variables), builds official-client instances pointed at them, and bounds every asynchronous
// step in time so that a silent server can never hang the suite.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

import { Client, Keypair, Pubky, PublicKey } from "@synonymdev/pubky";

/** z32 public key of the homeserver in testnet mode (secret key = 32 zero bytes). */
export const HOMESERVER_Z32 = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

/** Upper bound for one client call (signup, put, get, ...). */
export const STEP_TIMEOUT_MS = 15_000;

/** Upper bound for one test; node:test cancels the test when it is exceeded. */
export const TEST_TIMEOUT_MS = 90_000;

/** Options for `test(name, TEST_OPTIONS, fn)`. */
export const TEST_OPTIONS = Object.freeze({ timeout: TEST_TIMEOUT_MS });

const here = path.dirname(fileURLToPath(import.meta.url));

// Set when a step got no answer in time. Later tests in the same file (process) then fail at once instead of
// each waiting for its own timeout, so a hung server costs one timeout per file, not one per test.
let stalled = null;

/**
 * Where the homeserver of one configuration listens. run.sh exports, for each configuration NAME
 * (OPEN, TOKEN, QUOTA): CONFORMANCE_<NAME>_CLIENT_PORT, _ADMIN_PORT, _PKARR_RELAY_PORT and _HTTP_RELAY_PORT.
 * Throws (failing the calling test) when the configuration was not started.
 */
export function server(name) {
  if (stalled) throw new Error(`skipping: the server stopped answering earlier in this file (${stalled})`);
  const key = name.toUpperCase();
  const read = (suffix) => {
    const raw = process.env[`CONFORMANCE_${key}_${suffix}`];
    if (!raw || !/^\d+$/.test(raw)) {
      throw new Error(
        `homeserver configuration '${name}' is not running (CONFORMANCE_${key}_${suffix} is not set); start the suite with run.sh`,
      );
    }
    return Number(raw);
  };
  const clientPort = read("CLIENT_PORT");
  const adminPort = read("ADMIN_PORT");
  const pkarrRelayPort = read("PKARR_RELAY_PORT");
  const httpRelayPort = read("HTTP_RELAY_PORT");
  return Object.freeze({
    name,
    clientPort,
    adminPort,
    pkarrRelayPort,
    httpRelayPort,
    pkarrRelay: `http://localhost:${pkarrRelayPort}`,
    httpRelayLink: `http://localhost:${httpRelayPort}/link`,
    adminBase: `http://127.0.0.1:${adminPort}`,
    adminPassword: process.env.CONFORMANCE_ADMIN_PASSWORD || "admin",
  });
}

/** A fresh facade with its own Client (own pkarr cache) that resolves through the server's pkarr relay. */
export function newPubky(srv) {
  const client = new Client({ pkarr: { relays: [srv.pkarrRelay], requestTimeout: 5_000 } });
  return Pubky.withClient(client);
}

/** The homeserver key as the client's PublicKey type. */
export function homeserverKey() {
  return PublicKey.from(HOMESERVER_Z32);
}

/**
 * Awaits `promise`, but rejects with a descriptive error if it has not settled after `ms` milliseconds.
 * The timer is always cleared so it never keeps the process alive.
 */
export async function within(what, promise, ms = STEP_TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      stalled ??= `${what}: no answer within ${ms} ms`;
      reject(new Error(`${what}: no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Status code carried by a client RequestError (`error.data.statusCode`), if any. */
export function statusOf(error) {
  const data = error && error.data;
  if (data && typeof data === "object" && typeof data.statusCode === "number") return data.statusCode;
  // Fallback: parse "Server responded with an error: <code> ..." out of the message.
  const match = /responded with an error: (\d{3})/.exec(String(error && error.message));
  return match ? Number(match[1]) : undefined;
}

function describeError(error) {
  if (!(error instanceof Error)) return JSON.stringify(error);
  return `${error.name}: ${error.message} (data=${JSON.stringify(error.data)})`;
}

/**
 * Expects `promise` to reject (within the step timeout). When `status` is given, the client error must carry
 * that HTTP status; when `message` is given (string or RegExp), the error message must contain / match it.
 * Returns the error for further checks.
 */
export async function expectFailure(what, promise, { status, message, name } = {}) {
  let value;
  try {
    value = await within(what, promise);
  } catch (error) {
    if (/no answer within/.test(String(error && error.message)) && error.name === "Error") throw error;
    if (status !== undefined) {
      assert.equal(statusOf(error), status, `${what}: expected HTTP ${status}, got ${describeError(error)}`);
    }
    if (name !== undefined) {
      assert.equal(error.name, name, `${what}: expected error name ${name}, got ${describeError(error)}`);
    }
    if (typeof message === "string") {
      assert.ok(
        String(error.message).includes(message),
        `${what}: expected the error message to contain ${JSON.stringify(message)}, got ${describeError(error)}`,
      );
    } else if (message instanceof RegExp) {
      assert.match(String(error.message), message, `${what}: unexpected error ${describeError(error)}`);
    }
    return error;
  }
  assert.fail(`${what}: expected a failure${status ? ` with HTTP ${status}` : ""}, but it succeeded (${String(value)})`);
}

/** A new random keypair and a signer bound to `pubky`. */
export function newSigner(pubky, keypair = Keypair.random()) {
  const signer = pubky.signer(keypair);
  return { keypair, signer, z32: signer.publicKey.z32() };
}

/** Signs a fresh random user up on the homeserver; returns { keypair, signer, session, z32 }. */
export async function signupUser(pubky, token = null) {
  const user = newSigner(pubky);
  const session = await within("signup", user.signer.signup(homeserverKey(), token));
  return { ...user, session };
}

/** `pubky<z32><path>` address of a user's public path, as accepted by publicStorage. */
export function addressOf(z32, absPath) {
  return `pubky${z32}${absPath}`;
}

/** `pubky://<z32><path>` as returned by list(). */
export function urlOf(z32, absPath) {
  return `pubky://${z32}${absPath}`;
}

/** A short unique name, to keep paths of different tests apart. */
export function unique(prefix = "t") {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/**
 * Calls the homeserver's admin API. `path` starts with `/`. Returns { status, text, json? }.
 * Bounded by the step timeout (AbortSignal).
 */
export async function admin(srv, method, urlPath, { body, password } = {}) {
  const headers = { "X-Admin-Password": password ?? srv.adminPassword };
  const init = { method, headers, signal: AbortSignal.timeout(STEP_TIMEOUT_MS) };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${srv.adminBase}${urlPath}`, init);
  const text = await response.text();
  return { status: response.status, text };
}

/** Generates a signup token through the admin API and checks the call succeeded. */
export async function generateSignupToken(srv) {
  const { status, text } = await admin(srv, "GET", "/generate_signup_token");
  assert.equal(status, 200, `GET /generate_signup_token: expected 200, got ${status} ${text}`);
  return text.trim();
}

/**
 * Runs lib/fresh-client.js in a NEW Node process (its own cookie jar and pkarr cache) with the given
 * operations and returns its per-operation results. See fresh-client.js for the operation list.
 */
export function inFreshProcess(srv, ops, timeoutMs = 60_000) {
  const request = JSON.stringify({ pkarrRelay: srv.pkarrRelay, homeserver: HOMESERVER_Z32, ops });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(here, "fresh-client.js"), request],
      { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024, cwd: path.dirname(here) },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`fresh client process failed: ${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout.trim().split("\n").pop()));
        } catch (parseError) {
          reject(new Error(`fresh client printed no JSON result: ${parseError.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      },
    );
  });
}

/** Asserts that a fresh-process operation result succeeded and returns its value. */
export function okValue(result, what) {
  assert.ok(result && result.ok, `${what}: expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

/** Sleeps `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
