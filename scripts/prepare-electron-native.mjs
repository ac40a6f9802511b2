#!/usr/bin/env node
/*
 * Prepares better-sqlite3 for the desktop app: an Electron-ABI build in
 * native/electron-<version>-<platform>-<arch>/better_sqlite3.node, which the
 * app passes to better-sqlite3 as `nativeBinding`. Runs before `npm start`
 * and before packaging.
 *
 * node_modules/better-sqlite3 keeps its Node-ABI build for tests and the
 * command line: everything happens in a temporary copy of the package
 * source, so a failed download or compile cannot break it. (electron-rebuild
 * replaces that build in place, and deletes it when the headers cannot be
 * fetched.)
 *
 * Exit codes: 0 prepared or already present; 1 not possible here, with the
 * reason on stderr.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BINDING_FILE = 'better_sqlite3.node';
const HEADERS_URL = 'https://electronjs.org/headers';
const DOWNLOAD_TIMEOUT_MS = 3 * 60_000;
const COMPILE_TIMEOUT_MS = 20 * 60_000;

const NOT_NEEDED =
  'Tests, the war-room command line and `npm run serve` do not need it; ' +
  'only the desktop app (npm start, npm run dist) does.';

/** Keep in step with `nativeFolderName` in src/main/native-binding.ts. */
export function nativeFolderName(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/** Preparing is not possible here; the message says why. */
export class CannotPrepare extends Error {}

function projectPaths(root) {
  const modules = join(root, 'node_modules');
  return {
    modules,
    packageDir: join(modules, 'better-sqlite3'),
    electronDir: join(modules, 'electron'),
  };
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function electronFacts(paths) {
  const manifest = join(paths.electronDir, 'package.json');
  if (!existsSync(manifest)) {
    throw new CannotPrepare(
      'Electron is not installed (node_modules/electron is missing): run npm ci.',
    );
  }
  const abiFile = join(paths.electronDir, 'abi_version');
  const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : '';
  return { version: readJson(manifest).version, abi };
}

/** Where the Electron binary is, as node_modules/electron/index.js finds it. */
function electronBinaryInstalled(paths, env) {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(override);
  const pathFile = join(paths.electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const executable = readFileSync(pathFile, 'utf8').trim();
  return existsSync(join(paths.electronDir, 'dist', executable));
}

/**
 * The environment for the build tools, without npm settings that would
 * aim them at Node instead of Electron (`npm run` exports `nodedir` from
 * ~/.npmrc, and node-gyp would then compile against Node's headers).
 */
export function buildEnvironment(env) {
  const aimedAtNode = /^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i;
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !aimedAtNode.test(key)),
  );
}

function copyPackageSource(paths, workDir) {
  const copy = join(workDir, 'better-sqlite3');
  const buildDir = join(paths.packageDir, 'build');
  cpSync(paths.packageDir, copy, {
    recursive: true,
    filter: (source) => source !== buildDir,
  });
  return copy;
}

function runTool(label, script, args, options) {
  console.log(`prepare-electron-native: ${label}…`);
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: 'inherit',
    timeout: options.timeoutMs,
  });
  return result.status === 0;
}

function builtBinary(copy) {
  return join(copy, 'build', 'Release', BINDING_FILE);
}

function downloadPrebuilt(job) {
  const { copy, electron } = job;
  const ok = runTool(
    `downloading a prebuilt binary for Electron ${electron.version}`,
    join(job.paths.modules, 'prebuild-install', 'bin.js'),
    [
      '--runtime=electron',
      `--target=${electron.version}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`,
      '--verbose',
    ],
    { cwd: copy, env: job.env, timeoutMs: DOWNLOAD_TIMEOUT_MS },
  );
  return ok && existsSync(builtBinary(copy));
}

function compileAgainstElectron(job) {
  const { copy, electron } = job;
  const ok = runTool(
    `compiling against the Electron ${electron.version} headers`,
    join(job.paths.modules, 'node-gyp', 'bin', 'node-gyp.js'),
    [
      'rebuild',
      '--release',
      `--target=${electron.version}`,
      `--arch=${process.arch}`,
      `--dist-url=${HEADERS_URL}`,
    ],
    { cwd: copy, env: job.env, timeoutMs: COMPILE_TIMEOUT_MS },
  );
  return ok && existsSync(builtBinary(copy));
}

/**
 * A non-N-API addon exports `node_register_module_v<ABI>`; refusing any
 * other ABI catches a build silently made against Node's headers.
 */
function checkAbi(binary, electron) {
  if (!electron.abi) return;
  const symbol = `node_register_module_v${electron.abi}`;
  if (!readFileSync(binary).includes(symbol)) {
    throw new CannotPrepare(
      `the binary that was built is not for Electron's ABI ${electron.abi} ` +
        `(no ${symbol}); it was not installed.`,
    );
  }
}

/** Copies beside the target, then renames, so a half-copy is never used. */
function install(binary, target) {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  copyFileSync(binary, partial);
  renameSync(partial, target);
}

function buildInTempCopy(paths, env, electron, target) {
  const workDir = mkdtempSync(join(tmpdir(), 'war-room-native-'));
  try {
    const copy = copyPackageSource(paths, workDir);
    const job = { paths, copy, electron, env: buildEnvironment(env) };
    const built = downloadPrebuilt(job) || compileAgainstElectron(job);
    if (!built) {
      throw new CannotPrepare(
        `could not get better-sqlite3 for Electron ${electron.version} ` +
          `(${process.platform}-${process.arch}): the prebuilt download ` +
          "(GitHub) and the compile against Electron's headers " +
          '(electronjs.org) both failed; see the output above.',
      );
    }
    checkAbi(builtBinary(copy), electron);
    install(builtBinary(copy), target);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Returns the path of the Electron-ABI binary, building it if needed, or
 * throws CannotPrepare. `root` is the project folder.
 */
export function prepareElectronNative({ root = ROOT, env = process.env } = {}) {
  const paths = projectPaths(root);
  const electron = electronFacts(paths);
  const folder = nativeFolderName(
    electron.version,
    process.platform,
    process.arch,
  );
  const target = join(root, 'native', folder, BINDING_FILE);
  if (existsSync(target)) {
    console.log(`prepare-electron-native: ${relative(root, target)} is ready`);
    return target;
  }
  if (!electronBinaryInstalled(paths, env)) {
    throw new CannotPrepare(
      `the Electron ${electron.version} binary is not installed ` +
        '(node_modules/electron/dist is missing), so the desktop app cannot ' +
        'run on this machine and no Electron build of better-sqlite3 was ' +
        'made. To install Electron: node node_modules/electron/install.js ' +
        '(downloads from github.com).',
    );
  }
  buildInTempCopy(paths, env, electron, target);
  console.log(`prepare-electron-native: wrote ${relative(root, target)}`);
  return target;
}

function main() {
  try {
    prepareElectronNative();
    return 0;
  } catch (error) {
    if (!(error instanceof CannotPrepare)) throw error;
    console.error(`prepare-electron-native: ${error.message}`);
    console.error(`node_modules was not changed. ${NOT_NEEDED}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main();
}
