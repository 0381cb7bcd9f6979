// Prints N distinct free TCP ports on 127.0.0.1, space-separated: node free-ports.js N
// All N listeners are held open at the same time, so the ports are distinct; they are released before exit.
// The fixed ports of the reference testnet are never returned, so a developer's testnet can keep running.

import net from "node:net";

const RESERVED = new Set([6286, 6287, 6288, 6289, 6881, 15411, 15412]);
const wanted = Number(process.argv[2] || "1");
if (!Number.isInteger(wanted) || wanted < 1 || wanted > 200) {
  console.error("usage: node free-ports.js N (1..200)");
  process.exit(2);
}

function listenOnce() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen({ host: "127.0.0.1", port: 0, exclusive: true }, () => resolve(srv));
  });
}

const held = [];
const ports = [];
try {
  for (let attempt = 0; ports.length < wanted && attempt < wanted * 5; attempt++) {
    const srv = await listenOnce();
    held.push(srv);
    const { port } = srv.address();
    if (!RESERVED.has(port)) ports.push(port);
  }
} finally {
  await Promise.all(held.map((srv) => new Promise((resolve) => srv.close(resolve))));
}
if (ports.length < wanted) {
  console.error(`could only find ${ports.length} of ${wanted} free ports`);
  process.exit(1);
}
console.log(ports.join(" "));
