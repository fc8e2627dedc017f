// propose_change with `on-pull-request: suggestions` on a merge request pipeline, end to end against the fake
// GitLab, the trigger read from a merge request job's variables (test/trigger/gitlab-examples.ts, from GitLab's
// own API example for gitlab-ee!14656): the agent's edits become draft notes holding ```suggestion:-0+N blocks,
// positioned from the MR's diff_refs and published together, then the change's title and body as the review note.
import { describe, expect, test } from 'vitest';
import { readGitLabTrigger } from '../../../src/trigger/gitlab.js';
import type { Trigger } from '../../../src/trigger/types.js';
import { commitsOf } from '../../fakes/gitlab-commits.js';
import type { FakeDiff, FakeGitLab, FakeProject } from '../../fakes/gitlab.js';
import { git } from '../../sandbox/git-repo.js';
import { mergeRequestJobEnv } from '../../trigger/gitlab-examples.js';
import type { Checkout } from '../change-set-run.js';
import { run } from '../change-set-run.js';
import { addedPatch, EXPECTED, HEAD_FILES, partialPatch, suggestingCheckout, suggestTurns } from '../suggestions-run.js';
import { API, hostOn, setup } from './helpers.js';

const IID = 14656;
const MARKER = '<!-- flue-action -->\n<!-- flue-action:output agent=fixer run=77 key=propose_change.1 -->';
const BASE = 'ba5e000000000000000000000000000000000001';

const ADDED: FakeDiff[] = [
  { old_path: 'README.md', new_path: 'README.md', diff: `${addedPatch(HEAD_FILES['README.md'])}\n`, new_file: true },
  { old_path: 'src/app.ts', new_path: 'src/app.ts', diff: `${addedPatch(HEAD_FILES['src/app.ts'])}\n`, new_file: true },
];

/** The merge request, its head the checkout's HEAD (seeded with its files), and a detached pipeline's trigger. */
async function mergeRequest(at: Checkout, diffs: FakeDiff[] = ADDED, variables: Record<string, string> = {}) {
  const { gitlab, project } = await setup();
  project.tree(at.head, HEAD_FILES);
  project.mergeRequest(IID, { sha: at.head, diffs });
  const trigger: Trigger = readGitLabTrigger({ ...mergeRequestJobEnv(), CI_COMMIT_SHA: at.head, ...variables }, { source: 'TRIGGER_PAYLOAD' });
  return { gitlab, project, trigger };
}

const writes = (gitlab: FakeGitLab) => gitlab.calls().filter((call) => !call.startsWith('GET '));
const mrNotes = (project: FakeProject) => project.notes('merge_requests', IID);

describe('propose_change as suggestions on a merge request (GitLab)', () => {
  test('each hunk a draft note on its first line with suggestion:-0+N, published together, then the title and body as the note', async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at);

    const report = await run(at, hostOn(gitlab), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(writes(gitlab).filter((call) => !call.includes('/notes') || call.includes('draft'))).toEqual([
      ...EXPECTED.map(() => `POST ${API}/merge_requests/${IID}/draft_notes`),
      `POST ${API}/merge_requests/${IID}/draft_notes/bulk_publish`,
    ]);
    const positions = gitlab.requests
      .filter((request) => request.path.endsWith('/draft_notes'))
      .map((request) => (request.body as { position: unknown }).position);
    expect(positions).toEqual(
      EXPECTED.map(([path, start]) => ({
        base_sha: BASE,
        start_sha: BASE,
        head_sha: at.head,
        position_type: 'text',
        old_path: path,
        new_path: path,
        new_line: start,
      })),
    );
    const notes = mrNotes(project).filter((note) => note.author && (note.body as string).includes('propose_change.1'));
    expect(notes.map((note) => [note.type, note.body])).toEqual([
      ...EXPECTED.map(([, start, end, lines]) => {
        const fence = lines.some((line) => line.includes('```')) ? '````' : '```';
        return ['DiffNote', `${fence}suggestion:-0+${end - start}\n${lines.map((line) => `${line}\n`).join('')}${fence}\n\n${MARKER}`];
      }),
      [null, `### Fix the perimeter\n\nThe perimeter counts each side twice.\n\n${MARKER}`],
    ]);
    expect(notes[0]?.body).toBe(`\`\`\`\`suggestion:-0+0\n\`\`\`bash\n\`\`\`\`\n\n${MARKER}`);
    expect(notes[3]?.body).toBe(`\`\`\`suggestion:-0+1\n\`\`\`\n\n${MARKER}`);
    expect(commitsOf(project).branches()).toEqual({});
  });

  test('a line off the diff refuses the whole change set naming file:line: no draft, no note', async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at, [
      ADDED[0]!,
      { old_path: 'src/app.ts', new_path: 'src/app.ts', diff: `${partialPatch(HEAD_FILES['src/app.ts'], 7, 2)}\n` },
    ]);
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab), trigger, suggestTurns());

    expect(report.publish.failed[0]?.message).toBe(
      'propose_change: the change cannot be posted as suggestions on merge request !14656: src/app.ts:9-10 is not on the diff. A suggestion ' +
        "replaces lines the merge request's diff shows, in a file it changes: nothing was posted. Set on-pull-request: branch (onPullRequest " +
        "in a TypeScript agent) under propose_change to propose it as a merge request into the merge request's branch instead.",
    );
    expect(writes(gitlab).filter((call) => call.includes('draft_notes') || call.endsWith(`/merge_requests/${IID}/notes`))).toEqual([]);
    expect(mrNotes(project).filter((note) => String(note.body).includes('propose_change.1'))).toEqual([]);
  });

  test('a position GitLab refuses (400) deletes the drafts already made and refuses the change set: nothing published', async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at);
    // The first draft goes in, GitLab refuses the second.
    gitlab.fail(`POST ${API}/merge_requests/${IID}/draft_notes`, {
      status: 400,
      message: '400 Bad request - Note {:line_code=>["can\'t be blank"]}',
      after: 1,
    });
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab), trigger, suggestTurns());

    expect(report.publish.failed[0]?.message).toMatch(
      /^propose_change: the change cannot be posted as suggestions on merge request !14656: GitLab refused a note on src\/app\.ts:4 \(.*line_code/,
    );
    // The draft made before it is deleted: pending, it would go out with the next review the token's user publishes.
    expect(gitlab.calls().filter((call) => call.includes('draft_notes'))).toEqual([
      `POST ${API}/merge_requests/${IID}/draft_notes`,
      `POST ${API}/merge_requests/${IID}/draft_notes`,
      expect.stringMatching(new RegExp(`^DELETE ${API}/merge_requests/${IID}/draft_notes/\\d+$`)),
    ]);
    expect(project.threads.get(`merge_requests/${IID}`)?.drafts).toEqual([]);
    expect(mrNotes(project).filter((note) => String(note.body).includes('propose_change.1'))).toEqual([]);
  });

  test("a fork's merge request takes suggestions: nothing is pushed", async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at, ADDED, { CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '999' });
    expect(trigger.refs.fromFork).toBe(true);

    const report = await run(at, hostOn(gitlab), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(mrNotes(project).filter((note) => note.type === 'DiffNote')).toHaveLength(EXPECTED.length);
    expect(commitsOf(project).branches()).toEqual({});
  });

  test('a retried job edits its review note and posts no second set of suggestions', async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at);
    await run(at, hostOn(gitlab), trigger, suggestTurns());
    const before = mrNotes(project).length;
    git(at.dir, 'checkout', '--', '.');
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab, { rerun: true }), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(writes(gitlab).filter((call) => !call.includes('/notes/') || call.startsWith('PUT'))).toEqual([
      expect.stringMatching(new RegExp(`^PUT ${API}/merge_requests/${IID}/notes/\\d+$`)),
    ]);
    expect(mrNotes(project).length).toBe(before);
  });

  test('a retried job after suggestions were published without the note posts the note alone', async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at);
    gitlab.fail(`POST ${API}/merge_requests/${IID}/notes`, { status: 403 });
    const first = await run(at, hostOn(gitlab), trigger, suggestTurns());
    expect(first.publish.failed).toHaveLength(1);
    git(at.dir, 'checkout', '--', '.');
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab, { rerun: true }), trigger, suggestTurns());

    expect(report.publish.applied[0]).toBeDefined();
    expect(writes(gitlab).filter((call) => call.includes('draft_notes') || call.endsWith(`/merge_requests/${IID}/notes`))).toEqual([
      `POST ${API}/merge_requests/${IID}/notes`,
    ]);
    expect(mrNotes(project).filter((note) => note.type === 'DiffNote')).toHaveLength(EXPECTED.length);
  });

  test('a retried job deletes the drafts an interrupted attempt left pending before it drafts its own: each suggestion published once', async () => {
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at);
    gitlab.fail(`POST ${API}/merge_requests/${IID}/draft_notes/bulk_publish`, { status: 403 });
    await run(at, hostOn(gitlab), trigger, suggestTurns());
    expect(project.threads.get(`merge_requests/${IID}`)?.drafts).toHaveLength(EXPECTED.length);
    git(at.dir, 'checkout', '--', '.');

    const report = await run(at, hostOn(gitlab, { rerun: true }), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(mrNotes(project).filter((note) => note.type === 'DiffNote')).toHaveLength(EXPECTED.length);
    expect(project.threads.get(`merge_requests/${IID}`)?.drafts).toEqual([]);
  });

  test('while GitLab still computes the diff (diff_refs null) nothing can be placed: refused, nothing posted', async () => {
    const at = suggestingCheckout();
    const { gitlab, project } = await setup();
    project.tree(at.head, HEAD_FILES);
    project.mergeRequest(IID, { sha: at.head, diffs: ADDED, diff_refs: null });
    const trigger = readGitLabTrigger({ ...mergeRequestJobEnv(), CI_COMMIT_SHA: at.head }, { source: 'TRIGGER_PAYLOAD' });

    const report = await run(at, hostOn(gitlab), trigger, suggestTurns());

    expect(report.publish.failed[0]?.message).toMatch(
      /^propose_change: the change cannot be posted as suggestions on merge request !14656: GitLab has not computed the diff yet/,
    );
    expect(writes(gitlab).filter((call) => call.includes('draft_notes'))).toEqual([]);
  });

  test('a hunk of more than 101 lines is more than one GitLab suggestion can replace: refused, nothing posted', async () => {
    const big = `${Array.from({ length: 110 }, (_, index) => `export const n${index} = ${index};`).join('\n')}\n`;
    const files = { ...HEAD_FILES, 'src/big.ts': big };
    const at = suggestingCheckout(files);
    const { gitlab, project } = await setup();
    project.tree(at.head, files);
    project.mergeRequest(IID, {
      sha: at.head,
      diffs: [{ old_path: 'src/big.ts', new_path: 'src/big.ts', diff: `${addedPatch(big)}\n`, new_file: true }],
    });
    const trigger = readGitLabTrigger({ ...mergeRequestJobEnv(), CI_COMMIT_SHA: at.head }, { source: 'TRIGGER_PAYLOAD' });
    const turns = [
      { content: [{ type: 'tool_use' as const, name: 'write', input: { path: 'src/big.ts', content: big.replaceAll(' = ', ' = -') } }] },
      { content: [{ type: 'tool_use' as const, name: 'propose_change', input: { title: 'Negate', body: 'Negate them all.' } }] },
      { content: 'Done.' },
    ];

    const report = await run(at, hostOn(gitlab), trigger, turns);

    expect(report.publish.failed[0]?.message).toMatch(
      /^propose_change: the change cannot be posted as suggestions on merge request !14656: src\/big\.ts:1-110 replaces more than 101 lines, which one GitLab suggestion cannot\. /,
    );
    expect(writes(gitlab).filter((call) => call.includes('draft_notes'))).toEqual([]);
  });

  test('a suggestion line GitLab would run as a quick action is refused: a ``` line ends its code block for the extractor', async () => {
    // GitLab's quick action extractor skips a code block from a line starting ``` to the next line that is
    // exactly ```: here the suggestion's own ``` line (the fence around it is ````), so the /merge after it
    // would run with the token's rights once the drafts are published. A space cannot be added to that line
    // (the suggestion would apply it), so the change set is refused, nothing drafted.
    const at = suggestingCheckout();
    const { gitlab, project, trigger } = await mergeRequest(at);
    gitlab.clearCalls();
    const readme = `${HEAD_FILES['README.md']}\`\`\`\n/merge\n\`\`\`\n\r/approve\n`;
    const turns = [
      { content: [{ type: 'tool_use' as const, name: 'write', input: { path: 'README.md', content: readme } }] },
      { content: [{ type: 'tool_use' as const, name: 'propose_change', input: { title: 'Docs', body: 'More docs.' } }] },
      { content: 'Done.' },
    ];

    const report = await run(at, hostOn(gitlab), trigger, turns);

    expect(report.publish.failed[0]?.message).toMatch(
      /^propose_change: the change cannot be posted as suggestions on merge request !14656: README\.md:4 holds a line GitLab reads as a quick action \(\/merge, \/approve\), which a suggestion cannot carry unchanged\. /,
    );
    expect(writes(gitlab).filter((call) => call.includes('draft_notes') || call.endsWith(`/merge_requests/${IID}/notes`))).toEqual([]);
    expect(mrNotes(project).filter((note) => String(note.body).includes('/merge'))).toEqual([]);
  });

  test('on an issue the policy is ignored: a branch and a merge request, as without it', async () => {
    const { gitlab, project } = await setup();
    const at = suggestingCheckout();
    project.tree(at.head, HEAD_FILES);
    project.issue(3, {});
    const trigger: Trigger = {
      kind: 'issue',
      eventName: 'issue',
      repository: { owner: 'group/sub', name: 'app' },
      number: 3,
      isPullRequest: false,
      labels: [],
      actor: 'alice',
      actorIsBot: false,
      refs: {},
      inputs: {},
    };

    const report = await run(at, hostOn(gitlab), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(Object.keys(commitsOf(project).branches())).toEqual(['flue/fixer-77']);
    expect(commitsOf(project).openedMergeRequests()).toHaveLength(1);
  });
});
