import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** git as the test itself runs it, to build fixtures: fixed author and dates, no user or system config. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
      GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z',
      GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z',
    },
  });
}

/**
 * A real repository in a temp folder: `files` committed on `main` as "init", then the config of a CI
 * checkout (a token in an extraheader and in the remote URL), a sibling file outside it.
 */
export function makeGitRepo(files: Record<string, string>): { dir: string; root: string; cleanup: () => void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'flue-git-repo-')));
  const dir = path.join(root, 'repo');
  fs.mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  git(dir, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${TOKEN}`);
  git(dir, 'remote', 'add', 'origin', `https://x-access-token:${TOKEN}@github.com/octo/repo.git`);
  fs.writeFileSync(path.join(root, 'outside.txt'), 'outside secret\n');
  return { dir, root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The token the fixture's git config holds: nothing the sandbox prints may contain it. */
export const TOKEN = 'ghs_FixtureToken0123456789abcdefABCDEF';

/** Runs `work` with a PATH that has no git (as on a slim image), then puts PATH back. */
export async function withoutGit<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'flue-no-git-'));
  process.env.PATH = empty;
  try {
    return await work();
  } finally {
    process.env.PATH = saved;
    fs.rmSync(empty, { recursive: true, force: true });
  }
}
