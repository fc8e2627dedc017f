import { afterEach, describe, expect, it } from 'vitest';
import { checkDefinitions } from '../../src/definitions/index.js';
import { parseMarkdownAgent } from '../../src/definitions/markdown-agent.js';
import { cli } from '../cli/helpers.js';
import { makeWorkspace, removeWorkspaces, thrown } from './workspace.js';

afterEach(removeWorkspaces);

const FILE = '.flue/agents/triage.md';
const commandsOf = (list: string): string[] => parseMarkdownAgent(FILE, `---\ndescription: d\ncommands: ${list}\n---\nBody\n`).commands;
const errorOf = (list: string): string => thrown(() => commandsOf(list));

const PLACEHOLDERS =
  'Placeholders are {arg} (exactly one operand) and {args} (zero or more operands, as the last word); write an option out literally, such as "pytest -q {args}"';

describe('commands', () => {
  it('keeps exact entries and entries with placeholders, spaces normalized and repeats removed', () => {
    expect(commandsOf('["npm test", "npm  test", "npm test -- --ci", "git diff {args}", "git show {arg}", "pytest -q {args}"]')).toEqual([
      'npm test',
      'npm test -- --ci',
      'git diff {args}',
      'git show {arg}',
      'pytest -q {args}',
    ]);
    // Braces that are not a placeholder's shape stay literal words (`find -exec {} ;`).
    expect(commandsOf('["make {} all"]')).toEqual(['make {} all']);
  });

  it.each([
    ['["git log {foo}"]', 12, `commands[0]: "git log {foo}": {foo} is not a placeholder. ${PLACEHOLDERS}`],
    ['["npm test", "git diff {args} HEAD"]', 24, `commands[1]: "git diff {args} HEAD": {args} must be the last word. ${PLACEHOLDERS}`],
    [
      '["git log --output={arg}"]',
      12,
      `commands[0]: "git log --output={arg}": a placeholder is a whole word, not part of "--output={arg}". ${PLACEHOLDERS}`,
    ],
    ['["{arg} test"]', 12, 'commands[0]: "{arg} test" starts with a placeholder. Start with the program\'s name, such as "git diff {args}"'],
    [
      '["./run.sh {args}"]',
      12,
      'commands[0]: "./run.sh {args}": a real command starts with a program name found on PATH, not a path. Name a program found on PATH ("run.sh {args}"); to run a script of the repository, write "sh ./run.sh {args}"',
    ],
    [
      '["/usr/bin/git log"]',
      12,
      'commands[0]: "/usr/bin/git log": a real command starts with a program name found on PATH, not a path. Name a program found on PATH ("git log"); to run a script of the repository, write "sh /usr/bin/git log"',
    ],
    ['["npm test", "  "]', 24, 'commands[1]: must not be empty. List commands, such as ["npm test", "git diff {args}"]'],
    ['"npm test"', 11, 'commands: must be a list, got "npm test". List commands, such as ["npm test", "git diff {args}"]'],
  ])('refuses %s when the agent is loaded, at the entry (line 3, column %i)', (list, column, message) => {
    expect(errorOf(list)).toBe(`${FILE}:3:${column}: ${message}`);
  });
});

describe('flue-action check', () => {
  const NOTICE =
    "commands: 'npm test', 'git diff {args}' run as real processes: they can read and write anything the runner's user can, outside the workspace too; they never run in the untrusted profile";

  it('says in one plain line what the real commands of an agent can do, without calling it a problem', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/test.md': '---\ndescription: Run tests\ncommands: [npm test, "git diff {args}"]\n---\nTest.',
      '.flue/agents/triage.md': '---\ndescription: Label issues\n---\nTriage.',
    });
    expect(await checkDefinitions(workspace)).toEqual({
      ok: true,
      problems: [{ file: '.flue/agents/test.md', severity: 'notice', message: NOTICE }],
    });
    expect(await cli(['check', '--cwd', workspace])).toEqual({
      code: 0,
      stderr: '',
      stdout: `.flue/agents/test.md: notice: ${NOTICE}\nok: 0 error(s), 0 warning(s)\n`,
    });
  });

  it('reports a bad entry as the error that stops the agent', async () => {
    const workspace = await makeWorkspace({ '.flue/agents/test.md': '---\ndescription: d\ncommands: ["git log {foo}"]\n---\nTest.' });
    expect(await checkDefinitions(workspace)).toEqual({
      ok: false,
      problems: [
        {
          file: '.flue/agents/test.md',
          line: 3,
          column: 12,
          field: 'commands[0]',
          severity: 'error',
          message: `"git log {foo}": {foo} is not a placeholder. ${PLACEHOLDERS}`,
        },
      ],
    });
  });
});
