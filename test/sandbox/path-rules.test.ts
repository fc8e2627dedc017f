import { describe, expect, test } from 'vitest';
import { pathRule } from '../../src/sandbox/path-rules.js';
import { mutationRefusal, readRefusal, sandboxPolicy, UNREADABLE_NAMES } from '../../src/sandbox/policy.js';

const covered = (pattern: string, paths: string[]) => paths.filter((relative) => pathRule(pattern).covers(relative));

describe('pathRule', () => {
  test('a rooted rule covers the path and what is under it, case-insensitively, and nothing beside it', () => {
    const paths = ['.github', '.github/workflows/ci.yml', '.GITHUB/x', '.github-notes', 'docs/.github/x', ''];
    expect(covered('.github/', paths)).toEqual(['.github', '.github/workflows/ci.yml', '.GITHUB/x']);
    expect(covered('docs/CODEOWNERS', ['docs/codeowners', 'docs', 'CODEOWNERS', 'docs/CODEOWNERS/x'])).toEqual([
      'docs/codeowners',
      'docs/CODEOWNERS/x',
    ]);
  });

  test('* stands for characters within one name', () => {
    expect(
      covered('gha-creds-*.json', ['gha-creds-1.json', 'GHA-CREDS-abc.JSON', 'gha-creds-.json', 'x/gha-creds-1.json', 'gha-creds-1.json.bak']),
    ).toEqual(['gha-creds-1.json', 'GHA-CREDS-abc.JSON', 'gha-creds-.json']);
  });

  test('**/name matches that name at any depth, never a name that only contains it', () => {
    expect(covered('**/.git', ['.git', '.git/config', 'a/b/.GIT/modules/x/config', 'a/.gitignore', '.github/x', 'a.git/x', ''])).toEqual([
      '.git',
      '.git/config',
      'a/b/.GIT/modules/x/config',
    ]);
  });

  test('mayBeInside: a tree whose names lead to a rooted rule; any-depth rules are for the gate to walk', () => {
    const rule = pathRule('docs/CODEOWNERS');
    expect(['', 'docs', 'DOCS', 'docs/x', 'src'].map((relative) => rule.mayBeInside(relative))).toEqual([true, true, true, false, false]);
    expect(pathRule('**/.git').mayBeInside('')).toBe(false);
    expect(pathRule('**/.git').anyDepthName).toBe('.git');
    expect(rule.anyDepthName).toBeUndefined();
  });

  test.each([
    ['', "sandbox path rule '': name a path inside the workspace"],
    ['../x', "sandbox path rule '../x': name a path inside the workspace"],
    ['**/a/b', "sandbox path rule '**/a/b': after **/ comes one name, without *"],
    ['**/*.pem', "sandbox path rule '**/*.pem': after **/ comes one name, without *"],
  ])('refuses the rule %j', (pattern, message) => {
    expect(() => pathRule(pattern)).toThrow(message);
  });
});

describe('the policy', () => {
  const workspace = '/w';
  const policy = sandboxPolicy({ profile: 'trusted', allowWrite: true }, workspace);

  test('reads: .git anywhere and cloud credentials at the root are refused, with the reason', () => {
    expect(
      ['/w/.git/config', '/w/a/.Git/x', '/w/gha-creds-9.json', '/w/a/gha-creds-9.json', '/w/src/a.ts', '/tmp/.git/config'].map((file) =>
        readRefusal(workspace, file),
      ),
    ).toEqual([
      "**/.git: a repository's internals may hold the job's credentials",
      "**/.git: a repository's internals may hold the job's credentials",
      'gha-creds-*.json: a cloud credentials file',
      undefined,
      undefined,
      undefined,
    ]);
    expect([...UNREADABLE_NAMES]).toEqual(['.git']);
  });

  test('writes: protected entries, a tree holding a rooted one, the read-only reasons', () => {
    expect(mutationRefusal(policy, '/w/src/.gitattributes', 'entry')).toBe('protected path **/.gitattributes');
    expect(mutationRefusal(policy, '/w/docs', 'tree')).toBe('protected path docs/CODEOWNERS is inside it');
    expect(mutationRefusal(policy, '/w/docs', 'entry')).toBeUndefined();
    expect(mutationRefusal(policy, '/', 'tree')).toBe('protected path .github/ is inside it');
    expect(mutationRefusal(policy, '/tmp/.git', 'entry')).toBeUndefined();
    expect([...policy.protectedNames]).toEqual(['.git', '.gitattributes']);
    const untrusted = sandboxPolicy({ profile: 'untrusted', allowWrite: true }, workspace);
    expect(mutationRefusal(untrusted, '/w/src/a.ts', 'entry')).toBe('read-only: this run uses the untrusted profile');
  });
});
