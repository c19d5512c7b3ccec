// The peer: Hocuspocus 4.7 as the reference system runs it, in memory (no persistence), any token accepted.
// usage: node peer.mjs <port>
import { Server } from '@hocuspocus/server'

const server = new Server({ port: +(process.argv[2] ?? 1234), address: '127.0.0.1', quiet: true, onAuthenticate: async () => ({}) })
await server.listen()
console.log('listening')
