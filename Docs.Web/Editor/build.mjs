// Bundles the editor island into ../wwwroot/editor/ (an ES module and its stylesheet).
import { build } from 'esbuild'

await build({
  entryPoints: ['src/editor.jsx'],
  outdir: '../wwwroot/editor',
  entryNames: 'editor',
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
