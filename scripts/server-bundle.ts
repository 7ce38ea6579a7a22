import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '..');

/** What `npm start` runs (scripts/start.mjs), beside the list of sources it was built from. */
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server', 'main.mjs');
export const SERVER_INPUTS = join(ROOT, 'dist', 'server', 'main.inputs.json');

export interface ServerBundle {
  outfile: string;
  /** The packages main.ts imports at start (not those it loads on first use, such as playwright-core). */
  startPackages: string[];
}

/**
 * server/main.ts (or another `entry` that builds the server, such as a benchmark's) compiled once into one ES module by esbuild (the compiler tsx itself uses).
 *
 * Why: under `--import tsx` every start transforms the whole server tree (6–11 s of CPU on a loaded
 * 2-core machine), and tsx keeps function names by wrapping each named closure in a helper call
 * that runs every time the closure is made, on every request. The bundle is the same code.
 * Packages stay in node_modules (the file is written inside the repository so they resolve as
 * before), and each module keeps its own `import.meta.url`, so the migrations and the client build
 * are found where they are. The sources it was built from are listed beside it (SERVER_INPUTS):
 * start.mjs builds again when one of them is newer.
 */
export async function bundleServer({ entry = 'server/main.ts', outfile = SERVER_BUNDLE }: { entry?: string; outfile?: string } = {}): Promise<ServerBundle> {
  mkdirSync(dirname(outfile), { recursive: true });
  const { metafile, outputFiles } = await build({
    metafile: true,
    write: false,
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    outfile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'gridops-server',
        setup(b) {
          // JSON data of packages (the holiday calendar) goes into the bundle: Node's ESM loader
          // would want an import attribute for it, which the package does not write.
          b.onResolve({ filter: /\.json$/ }, (args) => ({ path: require.resolve(args.path, { paths: [args.resolveDir] }) }));
          b.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  for (const file of outputFiles) writeAtomically(file.path, file.contents);
  if (outfile === SERVER_BUNDLE) writeAtomically(SERVER_INPUTS, JSON.stringify(Object.keys(metafile.inputs)));
  const atStart = (i: { external?: boolean; kind: string }) => i.external && i.kind !== 'dynamic-import';
  const startPackages = [...new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter(atStart).map((i) => i.path)))];
  return { outfile, startPackages };
}

/** A process starting the server while it is rebuilt reads the old file or the new one, never half of one. */
function writeAtomically(path: string, contents: string | Uint8Array): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

// `node --import tsx scripts/server-bundle.ts`: what start.mjs runs when the bundle is missing or stale.
if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  await bundleServer();
}
