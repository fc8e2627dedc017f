/**
 * `npm pack` of this repository into a temp dir, as the release publishes it (dist/ must be built):
 * the tarball, its sizes and the paths it holds. test/cli/package.test.ts checks what it holds;
 * test/cli/package-installed.test.ts installs it and runs the installed CLI.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv, makeTempDir, ROOT } from './helpers.js';

export interface Packed {
  tarball: string;
  /** Bytes of the tarball: what `npm install flue-action` downloads. */
  size: number;
  /** Bytes of the files in it. */
  unpackedSize: number;
  /** Paths in the package, sorted ('dist/cli.js'). */
  files: string[];
}

export async function packRepository(): Promise<Packed> {
  const destination = await makeTempDir({}, 'flue-pack-');
  const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: ROOT,
    env: { ...cleanEnv(), npm_config_update_notifier: 'false' },
  });
  const [result] = JSON.parse(stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  if (result === undefined) throw new Error(`npm pack printed no result: ${stdout}`);
  return {
    tarball: path.join(destination, result.filename),
    size: result.size,
    unpackedSize: result.unpackedSize,
    files: result.files.map((file) => file.path).sort(),
  };
}

/** npm settings for a run with no registry at all: a fresh cache, and a registry nobody listens on. */
export async function offlineNpm(): Promise<NodeJS.ProcessEnv> {
  return {
    npm_config_cache: await makeTempDir({}, 'flue-npm-cache-'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}
