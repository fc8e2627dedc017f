/**
 * GitLab runs `/close`, `/merge`, `/approve` written on a line of their own in a note, with the rights of
 * the runner's token. The model's words pass the GitLab rules of the sanitizer (`quickActions`,
 * `commaSeparatedLabels`); here they are read back by GitLab's own extractor pattern
 * (`Gitlab::QuickActions::Extractor#commands_regex`, ported: code fences, lines between backticks, HTML
 * blocks and `>>>` quotes skipped, then `^/name`), which must find no command in anything posted.
 */
import { describe, expect, test } from 'vitest';
import { applySafeOutputs } from '../../src/publish/apply.js';
import { sanitizeOutput, type PlatformRules } from '../../src/publish/index.js';
import { createRedactor } from '../../src/session-log/redact.js';
import type { ProposedOutput } from '../../src/tools/types.js';
import type { Trigger } from '../../src/trigger/types.js';
import { EventList, RecordingHost } from '../publish/fakes.js';
import { bodyWithOutsideComments } from '../../src/hosts/gitlab/diff.js';

const mergeRequest: Trigger = {
  kind: 'pull_request',
  eventName: 'merge_request',
  repository: { owner: 'acme', name: 'widgets' },
  number: 7,
  isPullRequest: true,
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  refs: {},
  inputs: {},
};

/** Commands GitLab knows today that a hostile note would want. */
const NAMES = [
  'close',
  'reopen',
  'merge',
  'approve',
  'unapprove',
  'label',
  'unlabel',
  'relabel',
  'assign',
  'title',
  'lock',
  'rebase',
  'ready',
  'submit_review',
];
const EXTRACTOR = new RegExp(
  '(?<code>^```.+?\\n```$)|(?<inline>^.*`\\n*.+?\\n*`$)|(?<html>^<[^>]+?>\\n.+?\\n<\\/[^>]+?>$)|(?<quote>^>>>.+?\\n>>>$)|' +
    `(?:^\\/(?<cmd>${NAMES.join('|')})(?:[ ](?<arg>[^\\n]*))?(?:\\s*\\n|$))`,
  'gmis',
);

/** The commands GitLab would run from `note`, as its extractor finds them. */
function gitlabCommands(note: string): string[] {
  return [...note.replaceAll('\r', '').matchAll(EXTRACTOR)].flatMap((match) => (match.groups?.cmd ? [match.groups.cmd.toLowerCase()] : []));
}

const GITLAB: PlatformRules = { quickActions: true, commaSeparatedLabels: true };
const redactor = createRedactor(['glpat-SECRETSECRETSECRET1234']);
const comment = (body: string, rules: PlatformRules) => (sanitizeOutput({ kind: 'add_comment', body }, redactor, rules) as { body: string }).body;

const ATTACKS: Array<[string, string]> = [
  ['a command after the answer', 'Looks fine to me.\n/merge'],
  ['several, one after another', '/approve\n/label ~security-reviewed\n/assign @me'],
  ['upper case', 'Done.\n/CLOSE'],
  ['a ~~~ fence, code to CommonMark but not to the extractor', 'Try:\n~~~\n/close\n~~~'],
  ['CR line ends, deleted by GitLab before it looks', 'ok\r\n/merge\r\n'],
  ['a lone CR, a line start once GitLab deleted it', 'ok\n\r/close'],
  ['hidden HTML removed in front of the command', 'ok\n<!-- note -->/close'],
  ['in a list item continuation', '- first\n/close'],
  ['after a heading', '# Result\n/rebase'],
  ['a command with arguments, in a review body', 'LGTM\n/title Fixed by the bot'],
];

describe('GitLab quick actions in what the model writes', () => {
  test.each(ATTACKS)('%s: GitLab finds no command in the sanitized body', (_name, body) => {
    // The attack is real: without the GitLab rules, GitLab would run it.
    expect(gitlabCommands(comment(body, {}))).not.toEqual([]);
    expect(gitlabCommands(comment(body, GITLAB))).toEqual([]);
  });

  test('a review: its body and every inline comment are neutralized', () => {
    const review: ProposedOutput = {
      kind: 'submit_review',
      body: 'Summary\n/approve',
      event: 'COMMENT',
      comments: [{ path: 'a.ts', line: 3, body: 'nit\n/merge' }],
    };
    const sanitized = sanitizeOutput(review, redactor, GITLAB) as Extract<ProposedOutput, { kind: 'submit_review' }>;
    expect([sanitized.body, ...sanitized.comments.map((entry) => entry.body)].flatMap(gitlabCommands)).toEqual([]);
  });

  test('prose reads the same: only a line start moves, code keeps its bytes but one space, `//` comments stay', () => {
    expect(comment('Use the `/close` command.\nSee /usr/bin here.', GITLAB)).toBe('Use the `/close` command.\nSee /usr/bin here.');
    expect(comment('```js\n// keep\n/close\n```', GITLAB)).toBe('```js\n// keep\n /close\n```');
  });
});

describe('a review comment moved into the body brings its path along', () => {
  test('a path holding a line break would put a command on a line of its own; it is refused, and nothing is posted', async () => {
    // A comment on a line the diff does not show is listed in the review body under its path
    // (src/hosts/gitlab/diff.ts bodyWithOutsideComments); the path is the model's, and never a body. The
    // joined body has its quick actions neutralized again (sanitizeJoined), but the path is refused first.
    const path = 'docs/notes.md\n/merge\n';
    expect(gitlabCommands(bodyWithOutsideComments('Summary', [{ path, line: 400, body: 'nit' }]))).toEqual([]);
    const host = new (class extends RecordingHost {
      override readonly sanitizeRules = GITLAB;
    })();
    const review: ProposedOutput = { kind: 'submit_review', body: 'Summary', event: 'COMMENT', comments: [{ path, line: 400, body: 'nit' }] };
    const report = await applySafeOutputs({
      agent: 'review',
      proposals: [{ id: 'p1', output: review }],
      policy: { submit_review: { max: 1, events: ['COMMENT'] } },
      trigger: { ...mergeRequest },
      host,
      recorder: new EventList(),
      dryRun: false,
      secrets: [],
    });
    expect(host.calls).toEqual([]);
    expect(report.rejected.map((entry) => entry.reason)).toEqual([
      'submit_review: comments[0].path "docs/notes.md\\n/merge\\n" holds a line break or control character; name the file',
    ]);
  });
});

describe('GitLab label lists', () => {
  const trigger: Trigger = {
    kind: 'issue',
    eventName: 'Issue Hook',
    repository: { owner: 'acme', name: 'widgets' },
    number: 3,
    isPullRequest: false,
    labels: [],
    actor: 'alice',
    actorIsBot: false,
    refs: {},
    inputs: {},
  };

  test('a comma inside one label is two labels to GitLab, so each is checked against the policy', async () => {
    // GitLab's add_labels is a comma-separated list: `area/ui,security::approved` would add both.
    const host = new (class extends RecordingHost {
      override readonly sanitizeRules = GITLAB;
    })();
    const report = await applySafeOutputs({
      agent: 'triage',
      proposals: [{ id: 'p1', output: { kind: 'add_labels', labels: ['area/ui,security::approved'] } }],
      policy: { add_labels: { allowed: ['area/*'], max: 3 } },
      trigger,
      host,
      recorder: new EventList(),
      dryRun: false,
      secrets: [],
    });
    expect(host.calls).toEqual([]);
    expect(report.rejected.map((entry) => entry.reason)).toEqual([expect.stringContaining('security::approved')]);
  });

  test('without the GitLab rule the label would pass the same policy whole', () => {
    expect(sanitizeOutput({ kind: 'add_labels', labels: ['area/ui,security::approved'] }, redactor, {})).toEqual({
      kind: 'add_labels',
      labels: ['area/ui,security::approved'],
    });
    expect(sanitizeOutput({ kind: 'add_labels', labels: ['area/ui, area/api'] }, redactor, GITLAB)).toEqual({
      kind: 'add_labels',
      labels: ['area/ui', 'area/api'],
    });
  });
});
