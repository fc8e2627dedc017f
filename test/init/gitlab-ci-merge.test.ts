// mergeGitlabCi on the shapes a .gitlab-ci.yml's `include:` takes, and the files it refuses to edit.
import { describe, expect, it } from 'vitest';
import { mergeGitlabCi, missingStages } from '../../src/cli/init-gitlab-ci.js';
import { platformOfHost, remoteHost } from '../../src/cli/init-platform.js';

const SNIPPET = 'include:\n  - remote: https://example.com/agent.yml\n    inputs: {agent: triage, as: flue-triage}\n';
const ENTRY = ['  - remote: https://example.com/agent.yml', '    inputs: {agent: triage, as: flue-triage}'];

describe('mergeGitlabCi', () => {
  it('turns a single include (a string) into a list, the old entry first and its comment kept', () => {
    const result = mergeGitlabCi('include: ci/base.yml # shared jobs\nbuild:\n  script: [make]\n', SNIPPET);
    expect(result).toEqual({
      kind: 'merged',
      text: ['include:', '  - ci/base.yml # shared jobs', ...ENTRY, 'build:', '  script: [make]', ''].join('\n'),
    });
  });

  it('appends to an include list, keeping comments between its entries', () => {
    const existing = 'include:\n  # the shared templates\n  - local: ci/base.yml\n  - template: Security/SAST.gitlab-ci.yml\n';
    const result = mergeGitlabCi(existing, SNIPPET);
    expect(result).toEqual({ kind: 'merged', text: `${existing}${ENTRY.join('\n')}\n` });
  });

  it('an include mapping becomes the first item of a list', () => {
    const result = mergeGitlabCi('include:\n  local: ci/base.yml\n', SNIPPET);
    expect(result).toEqual({ kind: 'merged', text: ['include:', '  - local: ci/base.yml', ...ENTRY, ''].join('\n') });
  });

  it('an empty file, or comments only, gets the include', () => {
    expect(mergeGitlabCi('', SNIPPET)).toEqual({ kind: 'merged', text: `include:\n${ENTRY.join('\n')}\n` });
    expect(mergeGitlabCi('# nothing yet\n', SNIPPET)).toMatchObject({ kind: 'merged' });
  });

  it('keeps GitLab tags such as !reference word for word', () => {
    const existing = 'test:\n  script:\n    - !reference [.setup, script]\n    - make test\n';
    const result = mergeGitlabCi(existing, SNIPPET);
    expect(result).toEqual({ kind: 'merged', text: `${existing}\ninclude:\n${ENTRY.join('\n')}\n` });
  });

  it('an entry already there: present, nothing to write', () => {
    expect(mergeGitlabCi(`include:\n${ENTRY.join('\n')}\n`, SNIPPET)).toEqual({ kind: 'present' });
  });

  it('refuses what it cannot edit safely, saying why', () => {
    expect(mergeGitlabCi('a: 1\n---\nb: 2\n', SNIPPET)).toEqual({ kind: 'unsafe', why: 'it holds several YAML documents' });
    expect(mergeGitlabCi('- a\n- b\n', SNIPPET)).toEqual({ kind: 'unsafe', why: 'its top level is not a mapping of keys' });
    expect(mergeGitlabCi('a: [1\n', SNIPPET)).toMatchObject({
      kind: 'unsafe',
      why: expect.stringMatching(/^it does not parse as YAML: .+ at line \d+, column \d+:$/),
    });
    expect(mergeGitlabCi('a: 1\n', 'stages: [x]\n')).toEqual({ kind: 'unsafe', why: "the template's gitlab/ci.yml has no include:" });
    // The include reaches the file through a merge key: a new top-level include: would replace it, so GitLab
    // would lose the user's entry. The read-back comparison is what catches it.
    const merged = '.base: &base\n  include:\n    - local: ci/base.yml\n<<: *base\n';
    expect(mergeGitlabCi(merged, SNIPPET)).toEqual({ kind: 'unsafe', why: 'the edited file would not read back the same' });
  });

  it('adds a job the snippet configures (as ci-explainer does), with its comments', () => {
    const snippet = `${SNIPPET}\nflue-triage:\n  # the jobs it watches\n  needs: [test]\n`;
    expect(mergeGitlabCi('test:\n  script: [make]\n', snippet)).toEqual({
      kind: 'merged',
      text: ['test:', '  script: [make]', '', 'include:', ...ENTRY, '', 'flue-triage:', '  # the jobs it watches', '  needs: [test]', ''].join('\n'),
    });
  });

  it('adds the snippet’s other top-level keys when absent, refuses a different value', () => {
    const snippet = `${SNIPPET}stages: [test]\n`;
    expect(mergeGitlabCi('build:\n  script: [make]\n', snippet)).toMatchObject({ kind: 'merged', text: expect.stringContaining('stages: [test]\n') });
    expect(mergeGitlabCi('stages: [build]\n', snippet)).toEqual({ kind: 'unsafe', why: 'it already has a different stages:' });
  });
});

describe('missingStages', () => {
  const include = (stage?: string) =>
    `include:\n  - remote: https://example.com/agent.yml\n    inputs: {agent: x, as: y${stage === undefined ? '' : `, stage: ${stage}`}}\n`;
  it("names the include's stage (test by default) when stages: leaves it out", () => {
    expect(missingStages('stages: [build]\n', include())).toEqual(['test']);
    expect(missingStages('stages: [build]\n', include('deploy'))).toEqual(['deploy']);
    expect(missingStages('stages: [build, test]\n', include())).toEqual([]);
  });
  it('.pre and .post always exist; no stages: means GitLab’s defaults', () => {
    expect(missingStages('stages: [build]\n', include('.post'))).toEqual([]);
    expect(missingStages('build:\n  script: [make]\n', include())).toEqual([]);
  });
});

describe('the platform of a remote', () => {
  it.each([
    ['git@github.com:octo/app.git', 'github.com', 'github'],
    ['https://github.com/octo/app', 'github.com', 'github'],
    ['ssh://git@gitlab.com:2222/group/app.git', 'gitlab.com', 'gitlab'],
    ['https://user:token@gitlab.example.com/group/app.git', 'gitlab.example.com', 'gitlab'],
    ['git@code.mycorp-gitlab.net:g/app.git', 'code.mycorp-gitlab.net', 'gitlab'],
    ['https://bitbucket.org/team/app.git', 'bitbucket.org', undefined],
    ['https://notgithub.com/x/y', 'notgithub.com', undefined],
  ])('%s', (url, host, platform) => {
    expect(remoteHost(url)).toBe(host);
    expect(platformOfHost(host)).toBe(platform);
  });

  it('a local path has no host', () => {
    expect(remoteHost('/srv/git/app.git')).toBeUndefined();
  });
});
