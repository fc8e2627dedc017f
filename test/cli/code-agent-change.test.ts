// A code agent proposes a fix with ctx.outputs.proposeChange, end to end on the built action (TS agents
// need Node >= 22.18: run on Node 24) against the fake GitHub and Anthropic APIs: its ctx.prompt edits the
// checkout (a real git repository), the code proposes the edit and comments with what it got; the runner
// opens one draft pull request holding that edit. The agent's source type-checks against the public types.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs as removeActionDirs, requireBuiltAction, runAction, tempDir } from '../action/harness.js';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { gitData } from '../fakes/github-git.js';
import { git } from '../sandbox/git-repo.js';
import { example } from '../trigger/examples.js';
import { makeTempDir, removeTempDirs, ROOT } from './helpers.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
/** Node strips types and has module.registerHooks from 22.18 on. */
const stripsTypes = major > 22 || (major === 22 && minor >= 18);

const FIXER_TS = `import { defineAgent } from 'flue-action';

export default defineAgent({
  description: 'Fixes the answer when a comment asks',
  tools: ['read', 'write'],
  outputs: { addComment: { max: 1 }, proposeChange: { maxFiles: 1, maxLines: 10 } },
  async run(ctx) {
    await ctx.prompt('Fix the answer in src/app.ts.');
    const proposal = await ctx.outputs.proposeChange({ title: 'Fix the answer', body: \`Asked for in #\${ctx.event.number}.\` });
    ctx.log('proposal:', proposal);
    ctx.outputs.addComment(
      proposal.ok
        ? \`I opened a draft pull request changing \${proposal.files.join(', ')} (\${proposal.lines} lines).\`
        : \`No pull request: \${proposal.message}\`,
    );
    return proposal.ok ? proposal.id : proposal.message;
  },
});
`;

const FILES = { '.flue/agents/fixer.ts': FIXER_TS, 'src/app.ts': 'export const answer = 41;\n' };

describe.runIf(stripsTypes)(`ctx.outputs.proposeChange through the action on Node ${process.versions.node}`, () => {
  let github: FakeGitHub;
  let model: FakeAnthropic;
  beforeAll(() => requireBuiltAction());
  afterEach(async () => {
    await github?.close();
    await model?.close();
  });
  afterAll(removeActionDirs);

  it('commits the edit its prompt made to one branch, opens one draft pull request, and comments with what it got', async () => {
    const payload = example('issue_comment', 'created');
    (payload.comment as Record<string, unknown>).body = '@flue fix the answer please';
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(payload);
    repo.permission('Codertocat', 'write');
    const workspace = await tempDir(FILES);
    git(workspace, 'init', '-q', '-b', 'main');
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'init');
    const head = git(workspace, 'rev-parse', 'HEAD').trim();
    repo.tree(head, FILES);
    model = await startFakeAnthropic({ turns: [toolUse('edit', { path: 'src/app.ts', oldText: '41', newText: '42' }), text('Fixed.')] });

    const result = await runAction({
      eventName: 'issue_comment',
      payload,
      inputs: { agent: 'fixer' },
      workspace,
      githubUrl: github.url,
      anthropicUrl: model.url,
      env: { GITHUB_SHA: head },
    });
    expect(result.outputs.status, result.main.stdout + result.main.stderr).toBe('succeeded');
    expect(result.main.stdout).toContain("log proposal: { ok: true, id: 'output-1', files: [ 'src/app.ts' ], lines: 2, delivery: 'branch' }");

    const data = gitData(repo);
    expect(Object.keys(data.branches())).toEqual(['flue/fixer-4242']);
    const commit = data.commit(data.branches()['flue/fixer-4242'] ?? '');
    expect(commit?.parents).toEqual([head]);
    expect(data.files(commit?.sha ?? '')['src/app.ts']?.content).toBe('export const answer = 42;\n');
    const [pull, ...more] = data.openedPulls();
    expect(more).toEqual([]);
    expect(pull).toMatchObject({ title: 'Fix the answer', draft: true, head: { ref: 'flue/fixer-4242' } });
    expect(String(pull?.body)).toMatch(/^Asked for in #1\.\n\n<!-- flue-action -->/);
    const comments = repo.comments(1).map((comment) => String(comment.body));
    expect(comments.filter((body) => body.startsWith('I opened a draft pull request changing src/app.ts (2 lines).'))).toHaveLength(1);
  });
});

describe('the fixer code agent', () => {
  afterAll(removeTempDirs);

  it('type-checks, strict, against the public types agents import: outputs.proposeChange and its answer', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'fixer.ts');
    writeFileSync(file, FIXER_TS);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2023,
      lib: ['lib.es2023.d.ts'],
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      types: ['node'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      paths: { 'flue-action': [path.join(ROOT, 'src/lib/index.ts')], valibot: [path.join(ROOT, 'node_modules/valibot')] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
    // And the answer's fields are typed: a misspelt one does not compile.
    writeFileSync(file, FIXER_TS.replace('proposal.lines', 'proposal.line'));
    const broken = ts.getPreEmitDiagnostics(ts.createProgram([file], program.getCompilerOptions()));
    expect(broken.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')).join('\n')).toContain(
      "Property 'line' does not exist",
    );
  });
});
