import { expect, test } from 'vitest';
import { formatOutputsForConsole } from '../../src/publish/console.js';
import type { PublishReport } from '../../src/publish/apply.js';

const report: PublishReport = {
  applied: [
    { id: 'p4', kind: 'remove_labels', output: { kind: 'remove_labels', labels: ['needs-triage'] }, dryRun: true },
    { id: 'p3', kind: 'add_labels', output: { kind: 'add_labels', labels: ['bug', 'area/cli'] }, dryRun: true },
    {
      id: 'p2',
      kind: 'submit_review',
      output: {
        kind: 'submit_review',
        body: 'Two problems.',
        event: 'REQUEST_CHANGES',
        comments: [
          { path: 'src/cli.ts', line: 12, body: 'This throws on empty input.\n\n```suggestion\nif (!input) return;\n```' },
          { path: 'README.md', line: 3, body: 'Typo.' },
        ],
      },
      dryRun: true,
    },
    { id: 'p1', kind: 'add_comment', output: { kind: 'add_comment', body: 'Thanks!\n\nLabelled as a bug.' }, dryRun: true },
  ],
  rejected: [{ id: 'p5', kind: 'add_labels', reason: "label 'wontfix' is not in allowed" }],
  failed: [{ id: 'p6', kind: 'add_comment', message: 'GitHub POST /repos/acme/widgets/issues/7/comments: 403' }],
};

test('a dry run prints every output in full, then rejections and failures', () => {
  expect(formatOutputsForConsole(report, { dryRun: true })).toBe(
    [
      'Outputs (dry run: nothing was posted):',
      '  remove labels: needs-triage',
      '  add labels: bug, area/cli',
      '  review (REQUEST_CHANGES, 2 inline comments):',
      '    Two problems.',
      '    src/cli.ts:12',
      '      This throws on empty input.',
      '',
      '      ```suggestion',
      '      if (!input) return;',
      '      ```',
      '    README.md:3',
      '      Typo.',
      '  comment:',
      '    Thanks!',
      '',
      '    Labelled as a bug.',
      '',
      'Rejected by the outputs policy:',
      "  add_labels (p5): label 'wontfix' is not in allowed",
      '',
      'Failed to apply:',
      '  add_comment (p6): GitHub POST /repos/acme/widgets/issues/7/comments: 403',
    ].join('\n'),
  );
});

test('applied outputs show where they landed', () => {
  const applied: PublishReport = {
    applied: [
      {
        id: 'c1',
        kind: 'add_comment',
        output: { kind: 'add_comment', body: 'Done.' },
        dryRun: false,
        url: 'https://github.com/acme/widgets/issues/7#issuecomment-1',
      },
      {
        id: 'r1',
        kind: 'submit_review',
        output: { kind: 'submit_review', body: '', event: 'COMMENT', comments: [{ path: 'a.ts', line: 1, body: 'nit' }] },
        dryRun: false,
      },
    ],
    rejected: [],
    failed: [],
  };
  expect(formatOutputsForConsole(applied)).toBe(
    [
      'Outputs applied:',
      '  comment: → https://github.com/acme/widgets/issues/7#issuecomment-1',
      '    Done.',
      '  review (COMMENT, 1 inline comment):',
      '    a.ts:1',
      '      nit',
    ].join('\n'),
  );
});

test('nothing to show is an empty string', () => {
  expect(formatOutputsForConsole({ applied: [], rejected: [], failed: [] }, { dryRun: true })).toBe('');
});

test('a change set delivered as suggestions on a pull request says so; one delivered as a branch says nothing more', () => {
  const change = (onPullRequest: 'branch' | 'suggestions'): PublishReport => ({
    applied: [
      {
        id: 'p1',
        kind: 'propose_change',
        output: {
          kind: 'propose_change',
          title: 'Fix the perimeter',
          body: 'Counts each side twice.',
          changes: { base: 'a'.repeat(40), files: [{ path: 'src/app.ts', status: 'modified', mode: '100644', additions: 1, deletions: 1 }] },
          branchPrefix: 'flue/',
          draft: true,
          onPullRequest,
        },
        dryRun: true,
      },
    ],
    rejected: [],
    failed: [],
  });
  expect(formatOutputsForConsole(change('suggestions')).split('\n').slice(1, 2)).toEqual([
    '  change (1 file, as suggestions on a pull request): Fix the perimeter',
  ]);
  expect(formatOutputsForConsole(change('branch')).split('\n').slice(1, 2)).toEqual(['  change (1 file): Fix the perimeter']);
});
