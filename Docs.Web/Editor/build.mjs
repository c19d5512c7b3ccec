// Bundles the editor island into ../wwwroot/editor/: the entry module and its stylesheet, and chunks that the
// entry imports (shared code) or loads on demand (BlockNote's emoji data, its HTML and Markdown conversions).
// Chunks and assets carry a content hash in their names, so Docs.Web serves them as immutable.
import { rm } from 'node:fs/promises'
import { build } from 'esbuild'

// Chunks of earlier builds have other hashes: start from an empty folder so that none lingers as a static asset.
await rm('../wwwroot/editor', { recursive: true, force: true })

await build({
  entryPoints: ['src/editor.jsx'],
  outdir: '../wwwroot/editor',
  entryNames: 'editor',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  sourcemap: false,
  target: ['es2022'],
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
  assetNames: 'assets/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  conditions: ['style'],
  logLevel: 'warning',
})
