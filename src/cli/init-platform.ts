// Which CI `flue-action init` writes for: GitHub Actions or GitLab CI/CD, from the flags, else from the
// `origin` remote's host, else from a CI file already there. Undecided is an answer: the caller asks or
// picks GitHub and says so.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export type Platform = 'github' | 'gitlab';

export interface PlatformGuess {
  platform?: Platform;
  /** Why, for the line init prints: `origin is github.com`. */
  reason: string;
}

/** The host of a git remote URL: `https://host/...`, `ssh://git@host:22/...` or scp-like `git@host:path`. */
export function remoteHost(url: string): string | undefined {
  const trimmed = url.trim();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return new URL(trimmed).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):/.exec(trimmed);
  return scp?.[1]?.toLowerCase();
}

export function platformOfHost(host: string): Platform | undefined {
  if (host === 'github.com' || host.endsWith('.github.com') || host.endsWith('.ghe.com')) return 'github';
  if (host.split('.').some((label) => label.includes('gitlab'))) return 'gitlab';
  return undefined;
}

async function originUrl(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['remote', 'get-url', 'origin'], { cwd, timeout: 10_000 });
    return stdout.trim() || undefined;
  } catch {
    // Not a git repository, no `origin`, or no git: the files in the checkout decide.
    return undefined;
  }
}

export async function detectPlatform(cwd: string): Promise<PlatformGuess> {
  const url = await originUrl(cwd);
  const host = url === undefined ? undefined : remoteHost(url);
  const fromHost = host === undefined ? undefined : platformOfHost(host);
  if (fromHost !== undefined) return { platform: fromHost, reason: `the origin remote is on ${host}` };
  if (existsSync(path.join(cwd, '.gitlab-ci.yml'))) return { platform: 'gitlab', reason: '.gitlab-ci.yml exists' };
  if (existsSync(path.join(cwd, '.github', 'workflows'))) return { platform: 'github', reason: '.github/workflows/ exists' };
  return { reason: host === undefined ? 'no origin remote' : `the origin remote's host ${host} is neither GitHub nor GitLab` };
}
