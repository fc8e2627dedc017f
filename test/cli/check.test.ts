// `flue-action check`: every problem at once, one line each as compilers print them, sorted by file and line;
// exit 2 on an error, 0 on warnings only, 2 on warnings too with --strict; --json prints the same list as data.
import { afterAll, describe, expect, it } from 'vitest';
import { brokenRepository } from '../definitions/broken-repository.js';
import { makeWorkspace, removeWorkspaces } from '../definitions/workspace.js';
import { cli, HELLO_AGENT } from './helpers.js';

afterAll(removeWorkspaces);

const check = (...argv: string[]) => cli(['check', ...argv]);

const TOOLS = 'Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"';
const YAML_FIX = 'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &';

describe('check on a repository with every kind of problem', () => {
  it('prints every error and warning, file:line:column first, and exits 2', async () => {
    const repo = await brokenRepository();
    expect(await check('--cwd', repo)).toEqual({
      code: 2,
      stderr: '',
      stdout: [
        '.claude/skills/bad-yaml/SKILL.md:4:22: error: skipped: frontmatter is not valid YAML (line 4: Missing closing "quote). Quote values that contain ": " or start with a quote, [ or {',
        '.claude/skills/tlon-skill/SKILL.md:2:7: warning: name "tlon" differs from its folder "tlon-skill"; agents list it as "tlon"',
        `.flue/agents/broken-yaml.md:4:1: error: frontmatter: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. ${YAML_FIX}`,
        '.flue/agents/empty.md:2:14: error: description: must be a string, got 3. Add a one-line description of what the agent does',
        '.flue/agents/empty.md:3:10: error: outputs: must be a mapping, got a list. Write outputs: { add_comment: { max: 1 } }',
        '.flue/agents/empty.md:4: warning: has no instructions after the frontmatter; the model sees only the event',
        '.flue/agents/lead.md:3:7: error: role: .flue/roles/boss.md does not exist. Roles that exist: "analyst"',
        '.flue/agents/lead.md:4:15: error: skills: no skill named "d3x" in .flue/skills, .agents/skills, .claude/skills (did you mean "d3k"?). Skills that exist: "d3k", "tlon"',
        '.flue/agents/lead.md:5:19: error: subagents: no agent named "helpr" in .flue/agents/. Agents that exist: "broken-yaml", "empty", "lead", "many"',
        '.flue/agents/many.md:3:8: error: model: provider "openai" is not supported (got "openai/gpt-4o"). Use an Anthropic model, such as "claude-sonnet-4-6" or "anthropic/claude-sonnet-4-6"',
        `.flue/agents/many.md:4:9: error: tools[0]: unknown tool "raed" (did you mean "read"?). ${TOOLS}`,
        `.flue/agents/many.md:4:21: error: tools[2]: unknown tool "fly". ${TOOLS}`,
        '.flue/agents/many.md:5:1: warning: unknown field "tool" is ignored (did you mean "tools"?)',
        '.flue/agents/many.md:6:22: error: limits.max-turns: must be a whole number of at least 1, got "10". Remove it for the default (30)',
        '.flue/agents/many.md:6:28: error: limits: unknown limit "budget". Known: "max-turns", "max-cost-usd", "timeout-minutes", "max-tokens", "model-retry-minutes", "model-idle-seconds"',
        '.flue/agents/many.md:8:23: error: outputs.add_comment.max: must be a whole number of at least 1, got 0. Remove it for the default (1)',
        '.flue/agents/many.md:9:26: error: outputs.add_labels.allowed: must list at least one label or glob. List the labels or globs the agent may use, such as [bug, question, "area/*"]',
        '.flue/roles/analyst.md:3:1: warning: unknown field "tone" is ignored; a role has only description',
        'failed: 14 error(s), 4 warning(s)',
        '',
      ].join('\n'),
    });
  });

  it('--json prints the same list as {file, line, column?, field?, severity, message}', async () => {
    const repo = await brokenRepository();
    const result = await check('--cwd', repo, '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: Array<Record<string, unknown>> };
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(18);
    for (const problem of report.problems) {
      expect(Object.keys(problem).every((key) => ['file', 'line', 'column', 'field', 'severity', 'message'].includes(key))).toBe(true);
    }
    expect(report.problems.slice(10, 13)).toEqual([
      {
        file: '.flue/agents/many.md',
        line: 4,
        column: 9,
        field: 'tools[0]',
        severity: 'error',
        message: `unknown tool "raed" (did you mean "read"?). ${TOOLS}`,
      },
      { file: '.flue/agents/many.md', line: 4, column: 21, field: 'tools[2]', severity: 'error', message: `unknown tool "fly". ${TOOLS}` },
      { file: '.flue/agents/many.md', line: 5, column: 1, severity: 'warning', message: 'unknown field "tool" is ignored (did you mean "tools"?)' },
    ]);
    // The text output is the same list, line for line.
    const text = (await check('--cwd', repo)).stdout.split('\n');
    expect(report.problems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(text.slice(0, 18).map((line) => /^[^:]+:\d+/.exec(line)?.[0]));
  });
});

describe('check exit codes', () => {
  const typo = '---\ndescription: Say hello\ntool: [read]\n---\nHi.\n';
  const warning = '.flue/agents/hello.md:3:1: warning: unknown field "tool" is ignored (did you mean "tools"?)';

  it('exits 0 on warnings only, and 2 with --strict, saying why', async () => {
    const repo = await makeWorkspace({ '.flue/agents/hello.md': typo });
    expect(await check('--cwd', repo)).toEqual({ code: 0, stderr: '', stdout: `${warning}\nok: 0 error(s), 1 warning(s)\n` });
    expect(await check('--cwd', repo, '--strict')).toEqual({
      code: 2,
      stderr: '',
      stdout: `${warning}\nfailed: 0 error(s), 1 warning(s) (--strict: warnings fail)\n`,
    });
  });

  it('--strict --json: ok is false and the exit code 2 on a warning', async () => {
    const repo = await makeWorkspace({ '.flue/agents/hello.md': typo });
    const result = await check('--cwd', repo, '--strict', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      problems: [
        { file: '.flue/agents/hello.md', line: 3, column: 1, severity: 'warning', message: 'unknown field "tool" is ignored (did you mean "tools"?)' },
      ],
    });
    expect(JSON.parse((await check('--cwd', repo, '--json')).stdout)).toMatchObject({ ok: true });
  });

  it('exits 2 on an error with or without --strict', async () => {
    const repo = await makeWorkspace({ '.flue/agents/hello.md': '---\ndescription: Say hello\ntools: [raed]\n---\nHi.\n' });
    const line = `.flue/agents/hello.md:3:9: error: tools[0]: unknown tool "raed" (did you mean "read"?). ${TOOLS}`;
    expect(await check('--cwd', repo)).toEqual({ code: 2, stderr: '', stdout: `${line}\nfailed: 1 error(s), 0 warning(s)\n` });
    expect(await check('--cwd', repo, '--strict')).toEqual({ code: 2, stderr: '', stdout: `${line}\nfailed: 1 error(s), 0 warning(s)\n` });
  });

  it('says a clean repository is ok, with and without --strict', async () => {
    const repo = await makeWorkspace({ '.flue/agents/hello.md': HELLO_AGENT });
    expect(await check('--cwd', repo)).toEqual({ code: 0, stderr: '', stdout: 'ok: 0 error(s), 0 warning(s)\n' });
    expect(await check('--cwd', repo, '--strict')).toEqual({ code: 0, stderr: '', stdout: 'ok: 0 error(s), 0 warning(s)\n' });
    expect(JSON.parse((await check('--cwd', repo, '--json')).stdout)).toEqual({ ok: true, problems: [] });
  });
});
