import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { agentOnlyInPullRequest } from '../../src/pipeline.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'flue-added-agent-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A folder holding `.flue/agents/<name>.md` for each name. */
async function definitions(folder: string, agents: string[]): Promise<string> {
  const dir = path.join(root, folder);
  await mkdir(path.join(dir, '.flue', 'agents'), { recursive: true });
  for (const name of agents) await writeFile(path.join(dir, '.flue', 'agents', `${name}.md`), '---\ndescription: x\n---\nx\n');
  return dir;
}

describe('agentOnlyInPullRequest', () => {
  test('an agent the checkout has and the base commit lacks: the reason names its file', async () => {
    const settings = { workspace: await definitions('head', ['review']), definitionsRoot: await definitions('base', ['triage']), agent: 'review' };
    expect(await agentOnlyInPullRequest(settings, { isPullRequest: true })).toBe(
      "agent 'review' is defined only in this pull request (.flue/agents/review.md): a pull request's agents come from its base " +
        'commit, so that a pull request cannot bring the agent that reviews it. It runs once the pull request is merged.',
    );
  });

  test('no skip where the base has the agent, where neither has it (the load names what exists), or off a pull request', async () => {
    const head = await definitions('head', ['review']);
    const base = await definitions('base', ['review']);
    const empty = await definitions('empty', []);
    expect(await agentOnlyInPullRequest({ workspace: head, definitionsRoot: base, agent: 'review' }, { isPullRequest: true })).toBeUndefined();
    expect(await agentOnlyInPullRequest({ workspace: empty, definitionsRoot: empty, agent: 'review' }, { isPullRequest: true })).toBeUndefined();
    expect(await agentOnlyInPullRequest({ workspace: head, definitionsRoot: empty, agent: 'review' }, { isPullRequest: false })).toBeUndefined();
    expect(await agentOnlyInPullRequest({ workspace: head, definitionsRoot: undefined, agent: 'review' }, { isPullRequest: true })).toBeUndefined();
  });
});
