// Bundles src/main.ts into main.js, the file Obsidian loads (CommonJS, `obsidian` provided by the app).
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const options = {
  absWorkingDir: dirname(fileURLToPath(import.meta.url)),
  entryPoints: ['src/main.ts'],
  outfile: 'main.js',
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  external: ['obsidian', 'electron', '@codemirror/*', '@lezer/*', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
  sourcemap: watch ? 'inline' : false,
  minify: false,
  treeShaking: true,
  logLevel: 'warning',
  banner: { js: '/* ai-memory Obsidian plugin: built from obsidian-plugin/src by esbuild; do not edit. */' },
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
