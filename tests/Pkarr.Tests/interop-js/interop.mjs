// Independent DHT peers for the C# interop tests. Loopback only; every mode ends on its own within its time limit.
// Usage: node interop.mjs <mode> '<json options>'; each mode prints one JSON line on stdout.
//   peers   {count, bootstrap: ["127.0.0.1:port"], lifetimeMs}  -> {"ports":[...]} then stays up until killed or lifetimeMs
//   get     {bootstrap, key: hex}        bittorrent-dht get       -> {"found", "seq", "v", "k"}
//   resolve {bootstrap, key: hex}        pkarr@1.3.0 DHT client   -> {"found", "seq", "v", "k"}
//   put     {bootstrap, seed: hex}       pkarr@1.3.0 DHT client   -> {"key", "seq", "v", "acknowledged"}
import crypto from 'crypto'
import fs from 'fs'
import os from 'os'
import path from 'path'
import DHT from 'bittorrent-dht'
import sodium from 'sodium-universal'
import { DHT as PkarrDht } from 'pkarr/lib/dht.js'
import { SignedPacket, generateKeyPair } from 'pkarr'

const verify = sodium.crypto_sign_verify_detached
const [mode, raw] = process.argv.slice(2)
const options = JSON.parse(raw || '{}')
const limitMs = options.lifetimeMs || 45000

setTimeout(() => {
  console.log(JSON.stringify({ error: `time limit of ${limitMs} ms reached in mode ${mode}` }))
  process.exit(3)
}, limitMs)

const loopbackOnly = (list) => (list || []).map((address) => {
  const [host, port] = address.split(':')
  if (host !== '127.0.0.1') throw new Error(`refusing non-loopback bootstrap ${address}`)
  return { host, port: Number(port) }
})

function startNode (bootstrap) {
  const dht = new DHT({ bootstrap: bootstrap.length === 0 ? false : bootstrap, verify, host: '127.0.0.1' })
  dht.listen(0, '127.0.0.1')
  return new Promise((resolve) => dht.once('ready', () => resolve(dht)))
}

function report (value) {
  console.log(JSON.stringify(value))
}

function describe (found) {
  return found
    ? { found: true, seq: found.seq, v: Buffer.from(found.v).toString('hex'), k: Buffer.from(found.k).toString('hex') }
    : { found: false }
}

function pkarrClient (bootstrap) {
  const storageLocation = fs.mkdtempSync(path.join(os.tmpdir(), 'pkarr-interop-'))
  return new PkarrDht({ bootstrap, storageLocation })
}

async function peers () {
  const given = loopbackOnly(options.bootstrap)
  const first = await startNode(given)
  const chain = [...given, { host: '127.0.0.1', port: first.address().port }]
  const rest = await Promise.all(Array.from({ length: options.count - 1 }, () => startNode(chain)))
  report({ ports: [first, ...rest].map((n) => n.address().port) })
}

async function get () {
  const node = await startNode(loopbackOnly(options.bootstrap))
  const target = crypto.createHash('sha1').update(Buffer.from(options.key, 'hex')).digest()
  node.get(target, (error, found) => {
    report(error ? { error: error.message } : describe(found))
    process.exit(0)
  })
}

async function resolve () {
  const client = pkarrClient(loopbackOnly(options.bootstrap))
  const found = await client.get(Buffer.from(options.key, 'hex'), { fullLookup: true })
  report(describe(found))
  process.exit(0)
}

async function put () {
  const keypair = generateKeyPair(Buffer.from(options.seed, 'hex'))
  const packet = SignedPacket.fromPacket(keypair, {
    id: 0,
    type: 'response',
    flags: 0,
    answers: [{ name: '_interop', type: 'TXT', class: 'IN', ttl: 300, data: 'written by pkarr@1.3.0' }]
  })
  const client = pkarrClient(loopbackOnly(options.bootstrap))
  const args = packet.bep44Args()
  const result = await client.put(args)
  report({
    key: Buffer.from(keypair.publicKey).toString('hex'),
    seq: args.seq,
    v: Buffer.from(args.v).toString('hex'),
    acknowledged: result.nodes.length
  })
  process.exit(0)
}

const modes = { peers, get, resolve, put }
if (!modes[mode]) {
  report({ error: `unknown mode ${mode}` })
  process.exit(2)
}
modes[mode]().catch((error) => {
  report({ error: String(error && error.stack ? error.stack : error) })
  process.exit(1)
})
