// A temp git repository for `flue-action init`, and the fixture templates laid out like templates/agents/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../cli/helpers.js';

export const FIXTURE_TEMPLATES = fileURLToPath(new URL('./fixtures/agents/', import.meta.url));

/** A fresh repository with `files`, and `origin` set to `remote` when given. */
export async function tempRepo(remote?: string, files: Record<string, string> = {}): Promise<string> {
  const dir = await makeTempDir(files, 'flue-init-');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  if (remote !== undefined) execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: dir });
  return dir;
}

export const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
export const fixture = (file: string): string => readFileSync(path.join(FIXTURE_TEMPLATES, file), 'utf8');
