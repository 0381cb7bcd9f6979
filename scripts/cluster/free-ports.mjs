// Prints free loopback ports, space-separated:   node free-ports.js <tcp count> [udp count]
// TCP ports first, then UDP ports. Every socket is held open until all ports are picked, so the ports are
// distinct from each other; all are released before the script exits. The reference testnet's fixed ports
// (6286-6289, 6881, 15411, 15412) and Azurite's defaults (10000-10002) are never returned, so a developer's
// testnet or emulator can keep running beside the local cluster.

import dgram from "node:dgram";
import net from "node:net";

const AVOID = new Set([6286, 6287, 6288, 6289, 6881, 10000, 10001, 10002, 15411, 15412]);
const tcpWanted = Number(process.argv[2] ?? "1");
const udpWanted = Number(process.argv[3] ?? "0");
for (const n of [tcpWanted, udpWanted]) {
  if (!Number.isInteger(n) || n < 0 || n > 200) {
    console.error("usage: node free-ports.js <tcp count 0..200> [udp count 0..200]");
    process.exit(2);
  }
}

function holdTcp() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0, exclusive: true }, () =>
      resolve({ port: server.address().port, close: () => new Promise((done) => server.close(() => done())) }));
  });
}

function holdUdp() {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket("udp4");
    socket.unref();
    socket.once("error", reject);
    socket.bind({ address: "127.0.0.1", port: 0, exclusive: true }, () =>
      resolve({ port: socket.address().port, close: () => new Promise((done) => socket.close(() => done())) }));
  });
}

const held = [];
async function pick(count, hold, taken) {
  const ports = [];
  for (let attempt = 0; ports.length < count && attempt < count * 10 + 10; attempt++) {
    const socket = await hold();
    held.push(socket);
    if (!AVOID.has(socket.port) && !taken.has(socket.port)) {
      ports.push(socket.port);
      taken.add(socket.port);
    }
  }
  if (ports.length < count) throw new Error(`found only ${ports.length} of ${count} free ports`);
  return ports;
}

let status = 0;
try {
  // TCP and UDP ports are kept distinct too, so one number never names two services in the logs.
  const taken = new Set();
  const tcp = await pick(tcpWanted, holdTcp, taken);
  const udp = await pick(udpWanted, holdUdp, taken);
  console.log([...tcp, ...udp].join(" "));
} catch (error) {
  console.error(String(error && error.message ? error.message : error));
  status = 1;
} finally {
  await Promise.all(held.map((socket) => socket.close()));
}
process.exit(status);
