import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

const created: string[] = [];

/** A temp directory holding `files` (repository-relative path to content). Remove with removeWorkspaces. */
export async function makeWorkspace(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'flue-definitions-'));
  created.push(root);
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Copies fixture skill folders (`skills/d3k`, `skills-malformed/bad-yaml`) into `<root>/<into>/<folder>`. */
export async function copySkills(root: string, into: string, fixtureFolders: string[]): Promise<void> {
  for (const folder of fixtureFolders) {
    await cp(path.join(FIXTURES, folder), path.join(root, into, path.basename(folder)), { recursive: true });
  }
}

export async function removeWorkspaces(): Promise<void> {
  await Promise.all(created.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/** The message of the error `promise` rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}

/** The message of the error `run` throws. */
export function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}
