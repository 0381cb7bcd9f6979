// Waits until a freshly started homeserver is usable, bounded in time:
//   node wait-ready.js <clientPort> <pkarrRelayPort> <homeserverZ32> <timeoutSeconds> [pid]
// 1. GET http://127.0.0.1:<clientPort>/ answers 200 with body "Pubky Homeserver";
// 2. the homeserver's own pkarr record is served by GET http://localhost:<pkarrRelayPort>/<z32> (200).
// Exits 0 when both hold; 3 when GET / works but the record never appeared (the tests will show the effect);
// 1 on timeout or when the server process <pid> died. Prints what it saw last.

const [clientPort, relayPort, z32, timeoutSeconds, pid] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds || "60") * 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function alive() {
  if (!pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

async function probe(url, check) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    const body = Buffer.from(await response.arrayBuffer());
    return check(response, body) ? null : `${response.status} ${body.toString("utf8", 0, 80)}`;
  } catch (error) {
    return String((error && error.cause && error.cause.code) || (error && error.message) || error);
  }
}

let last = "not probed yet";
let stage = "root";
while (Date.now() < deadline) {
  if (!alive()) {
    console.error(`server process ${pid} exited while waiting (${stage}: ${last})`);
    process.exit(1);
  }
  if (stage === "root") {
    last = await probe(`http://127.0.0.1:${clientPort}/`, (r, b) => r.status === 200 && b.toString().trim() === "Pubky Homeserver");
    if (last === null) stage = "pkarr";
  }
  if (stage === "pkarr") {
    last = await probe(`http://localhost:${relayPort}/${z32}`, (r, b) => r.status === 200 && b.length > 72);
    if (last === null) {
      console.log(`ready: GET / on ${clientPort} and the homeserver record on the relay ${relayPort}`);
      process.exit(0);
    }
  }
  await sleep(250);
}
console.error(`not ready after ${timeoutSeconds} s (${stage}: ${last})`);
process.exit(stage === "pkarr" ? 3 : 1);
