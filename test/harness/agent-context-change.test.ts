// ctx.outputs.proposeChange: a code agent proposes its edits as the model does with the propose_change
// tool, through the run's real OutputCollector and the agent's policy, over a real git checkout. It
// answers with what was proposed or why not, and the collector logs it; where the tool would not be
// offered (not declared, an untrusted run) the checkout is not read at all.
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ChangePolicy, OutputPolicy } from '../../src/definitions/types.js';
import { runAgent } from '../../src/harness/run-agent.js';
import { ScriptedModelClient } from '../../src/harness/scripted-client.js';
import type { AgentRunFunction, ChangeProposal } from '../../src/lib/types.js';
import { outputTools } from '../../src/tools/output-tools.js';
import { OutputCollector } from '../../src/tools/outputs.js';
import { git, makeGitRepo } from '../sandbox/git-repo.js';
import { memoryRecorder, runContext, spec } from './helpers.js';

const POLICY: ChangePolicy = {
  max: 1,
  branchPrefix: 'fix/',
  protectedPaths: ['package.json'],
  maxFiles: 2,
  maxLines: 10,
  draft: true,
  onPullRequest: 'branch',
};

function checkout(): string {
  const repo = makeGitRepo({ 'src/app.ts': 'export const answer = 41;\n', 'package.json': '{}\n', '.github/workflows/ci.yml': 'on: push\n' });
  onTestFinished(repo.cleanup);
  return repo.dir;
}

/** A folder that is no git repository: a change set read there fails, so a refusal that names no git proves none was read. */
function notACheckout(): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'flue-no-git-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function runCode(
  workspace: string,
  run: (ctx: Parameters<AgentRunFunction>[0]) => Promise<ChangeProposal | ChangeProposal[]>,
  options: { outputs?: OutputPolicy; trusted?: boolean; isPullRequest?: boolean } = {},
) {
  const outputs = options.outputs ?? { propose_change: POLICY };
  const recorder = memoryRecorder();
  const context = { isPullRequest: options.isPullRequest ?? false, trusted: options.trusted ?? true };
  const collector = new OutputCollector(outputs, context, recorder);
  const base = runContext(recorder);
  let answer: ChangeProposal | ChangeProposal[] | undefined;
  const outcome = await runAgent({
    ...base.options,
    workspace,
    outputs: collector,
    spec: spec({
      format: 'typescript',
      file: '.flue/agents/fixer.ts',
      tools: ['read', 'write'],
      outputs,
      run: async (ctx) => {
        answer = await run(ctx);
      },
    }),
    // The agent's output tools, as createAgentTools builds them for this policy and profile.
    tools: outputTools(outputs, collector, context, workspace),
    model: new ScriptedModelClient([], 'none.jsonl'),
    prompt: 'unused by run agents',
  });
  return { outcome, answer, proposals: collector.list(), recorder };
}

const fix = (dir: string) => fs.writeFileSync(path.join(dir, 'src/app.ts'), 'export const answer = 42;\n');

describe('ctx.outputs.proposeChange', () => {
  it("proposes the checkout's edits read by the runner, with the policy's branch prefix and draft, and answers the id, files and lines", async () => {
    const dir = checkout();
    const { outcome, answer, proposals, recorder } = await runCode(dir, async (ctx) => {
      fix(dir);
      fs.writeFileSync(path.join(dir, 'src/new.ts'), 'export {};\n');
      return ctx.outputs.proposeChange({ title: 'Fix the answer', body: 'It is 42.' });
    });
    expect(outcome.status).toBe('succeeded');
    expect(answer).toEqual({ ok: true, id: 'output-1', files: ['src/app.ts', 'src/new.ts'], lines: 3, delivery: 'branch' });
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.output).toMatchObject({
      kind: 'propose_change',
      title: 'Fix the answer',
      body: 'It is 42.',
      branchPrefix: 'fix/',
      draft: true,
      changes: { base: git(dir, 'rev-parse', 'HEAD').trim() },
    });
    const files = proposals[0]?.output.kind === 'propose_change' ? proposals[0].output.changes.files : [];
    expect(files.map((file) => [file.path, file.status, Buffer.from(file.content ?? '', 'base64').toString()])).toEqual([
      ['src/app.ts', 'modified', 'export const answer = 42;\n'],
      ['src/new.ts', 'added', 'export {};\n'],
    ]);
    expect(recorder.of('output_proposed').map((event) => event.id)).toEqual(['output-1']);
  });

  it('refuses what the policy refuses, with the message the model would read, and logs it; the run goes on', async () => {
    const dir = checkout();
    const { outcome, answer, proposals, recorder } = await runCode(dir, async (ctx) => {
      // What a real command could leave behind; the sandbox's write tools cannot write there.
      fs.writeFileSync(path.join(dir, '.github/workflows/ci.yml'), 'on: push\njobs: {}\n');
      const workflow = await ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' });
      fs.writeFileSync(path.join(dir, '.github/workflows/ci.yml'), 'on: push\n');
      fs.writeFileSync(path.join(dir, 'package.json'), '{"x": 1}\n');
      const manifest = await ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' });
      fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
      fs.writeFileSync(path.join(dir, 'src/app.ts'), 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n');
      const large = await ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' });
      git(dir, 'checkout', '--', 'src/app.ts');
      const empty = await ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' });
      fix(dir);
      const twoLines = await ctx.outputs.proposeChange({ title: 'Fix\nand more', body: 'Fix.' });
      return [workflow, manifest, large, empty, twoLines];
    });
    expect(outcome.status).toBe('succeeded');
    expect(answer).toEqual([
      {
        ok: false,
        message:
          'propose_change: path .github/workflows/ci.yml (always protected: .github/) is protected and never committed; undo that change and propose again',
      },
      { ok: false, message: expect.stringMatching(/^propose_change: path package\.json \(protected-paths: package\.json\) is protected/) },
      { ok: false, message: 'propose_change: 11 lines changed; the policy allows at most 10 (max-lines). Propose a smaller change' },
      { ok: false, message: expect.stringMatching(/^propose_change: .*no change/i) },
      { ok: false, message: 'propose_change: the title is one line (the commit subject); put details in the body' },
    ]);
    expect(proposals).toEqual([]);
    expect(recorder.of('output_rejected')).toHaveLength(5);
  });

  it('says how the change goes: suggestions on a pull request event when the policy says so, else a branch', async () => {
    const suggestions = { propose_change: { ...POLICY, onPullRequest: 'suggestions' as const } };
    const cases = [
      [{ isPullRequest: true, outputs: suggestions }, 'suggestions'],
      [{ isPullRequest: false, outputs: suggestions }, 'branch'],
      [{ isPullRequest: true }, 'branch'],
    ] as const;
    for (const [options, delivery] of cases) {
      const dir = checkout();
      const { answer } = await runCode(
        dir,
        async (ctx) => {
          fix(dir);
          return ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' });
        },
        options,
      );
      expect(answer, JSON.stringify(options)).toEqual({ ok: true, id: 'output-1', files: ['src/app.ts'], lines: 2, delivery });
    }
  });

  it('counts with the model: a second change set over `max` is refused', async () => {
    const dir = checkout();
    const { answer } = await runCode(dir, async (ctx) => {
      fix(dir);
      const first = await ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' });
      const second = await ctx.outputs.proposeChange({ title: 'Again', body: 'Again.' });
      return [first, second];
    });
    expect(answer).toEqual([
      { ok: true, id: 'output-1', files: ['src/app.ts'], lines: 2, delivery: 'branch' },
      { ok: false, message: 'propose_change: at most 1 change set per run, and 1 already proposed' },
    ]);
  });

  it('without propose_change in outputs, or on an untrusted run, is refused before the checkout is read', async () => {
    const dir = notACheckout();
    const undeclared = await runCode(dir, async (ctx) => ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' }), {
      outputs: { add_comment: { max: 1 } },
    });
    expect(undeclared.answer).toEqual({ ok: false, message: "propose_change is not allowed: the agent's outputs: policy does not declare it" });
    const untrusted = await runCode(dir, async (ctx) => ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' }), { trusted: false });
    expect(untrusted.answer).toEqual({
      ok: false,
      message: "propose_change: this run uses the untrusted profile, so the agent's edits are never committed",
    });
    expect(untrusted.recorder.of('output_rejected').map((event) => event.reason)).toEqual([
      "propose_change: this run uses the untrusted profile, so the agent's edits are never committed",
    ]);
    // Trusted and declared, the same folder is read, and git says it is no checkout: the refusals above read nothing.
    const trusted = await runCode(dir, async (ctx) => ctx.outputs.proposeChange({ title: 'Fix', body: 'Fix.' }));
    expect(trusted.answer).toEqual({ ok: false, message: expect.stringContaining('propose_change: the checkout has no HEAD commit to build on') });
  });

  it('throws for a value of the wrong shape (code is not type-checked), naming the call and the field', async () => {
    const dir = checkout();
    const { outcome } = await runCode(dir, async (ctx) => ctx.outputs.proposeChange({ title: 'Fix' } as never));
    expect(outcome.reason).toBe('run(ctx) threw: ctx.outputs.proposeChange: body: Invalid key: Expected "body" but received undefined');
  });
});
