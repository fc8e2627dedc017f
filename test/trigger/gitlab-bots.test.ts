import { describe, expect, test } from 'vitest';
import { isGitLabBot } from '../../src/trigger/gitlab.js';

describe('isGitLabBot', () => {
  test.each([
    'project_278964_bot_0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    'group_9970_bot_5b2d1c0e9f8a7b6c5d4e3f2a1b0c9d8e',
    'project_42_bot',
    'project_42_bot3',
    'GitLab-Bot',
    'gitlab-bot',
    'support-bot',
    'alert-bot',
    'GitLab-Security-Bot',
    'renovate_bot',
    'release.bot2',
    'service_account_group_9970_4f1c3e',
    'dependabot[bot]',
  ])('%s is a bot', (username) => {
    expect([isGitLabBot(username), isGitLabBot({ username })]).toEqual([true, true]);
  });

  test.each(['root', 'abbot', 'talbot', 'bottle', 'robot-fan', 'project_42', 'my_project_42_bot_x', 'botanist', ''])('%s is a person', (username) => {
    expect([isGitLabBot(username), isGitLabBot({ username })]).toEqual([false, false]);
  });

  test('the API says bot: true', () => {
    expect(isGitLabBot({ username: 'deploy-helper', bot: true })).toBe(true);
  });

  test('bot: false does not clear a bot username', () => {
    expect(isGitLabBot({ username: 'project_42_bot_ab', bot: false })).toBe(true);
  });

  test.each([undefined, null, 42, {}, { username: 7 }])('%j names nobody', (user) => {
    expect(isGitLabBot(user)).toBe(false);
  });
});
