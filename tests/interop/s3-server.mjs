// An S3 protocol server for the blob store's tests: s3rver on a free loopback port, files under the
// given folder, with the given bucket. Each line on standard input is answered with the endpoint;
// closing standard input stops it.
import S3rver from 's3rver'
import { createInterface } from 'node:readline'

const [directory, bucket] = process.argv.slice(2)
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
const { port } = await server.run()
const lines = createInterface({ input: process.stdin })
lines.on('line', () => console.log(`http://127.0.0.1:${port}`))
lines.on('close', async () => {
  await server.close()
  process.exit(0)
})
