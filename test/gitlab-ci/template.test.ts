// templates/agent.yml as GitLab reads it, checked without running it (pipeline.test.ts runs it): the version
// it pins is package.json's, every input is documented and used, and no input reaches the shell except
// through a variable, word for word.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, onTestFinished, test } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAND_IN = path.join(ROOT, 'test/gitlab-ci/stand-in-cli.mjs');
const text = readFileSync(path.join(ROOT, 'templates/agent.yml'), 'utf8');
const [header, body] = parseAllDocuments(text).map((document) => document.toJS() as Record<string, unknown>);
const packageVersion = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Input {
  description?: string;
  default?: unknown;
  type?: string;
  regex?: string;
}
const inputs = (header?.spec as { inputs: Record<string, Input> } | undefined)?.inputs ?? {};
const [jobKey, job] = Object.entries(body ?? {})[0] as [string, Record<string, unknown>];
const variables = job.variables as Record<string, string | { value: string; expand?: boolean }>;
const script = (job.script as string[]).join('\n');
/**
 * The `$` expansions of a POSIX shell script that stand outside quotes (where the shell would split and glob
 * their value), skipping comments and single-quoted text; a command substitution `$( )` starts its own
 * quoting, as in the shell. `$?` is a number and allowed.
 */
function unquotedExpansions(shell: string): string[] {
  const found: string[] = [];
  // The quoting at each level of command substitution: '' outside quotes.
  const levels: ('' | '"' | "'")[] = [''];
  for (let at = 0; at < shell.length; at++) {
    const char = shell[at];
    const quote = levels[levels.length - 1];
    if (quote === "'") {
      if (char === "'") levels[levels.length - 1] = '';
    } else if (char === '\\') {
      at++;
    } else if (char === '$' && shell[at + 1] === '(') {
      levels.push('');
      at++;
    } else if (quote === '' && char === ')' && levels.length > 1) {
      levels.pop();
    } else if (char === '"') {
      levels[levels.length - 1] = quote === '"' ? '' : '"';
    } else if (quote === '' && char === "'") {
      levels[levels.length - 1] = "'";
    } else if (quote === '' && char === '#' && /(^|\s)$/.test(shell.slice(0, at))) {
      at = shell.indexOf('\n', at) === -1 ? shell.length : shell.indexOf('\n', at);
    } else if (quote === '' && char === '$' && shell[at + 1] !== '?') {
      found.push(shell.slice(at, at + 24).split(/[\s")]/)[0] ?? '');
    }
  }
  return found;
}

const interpolations = (value: string) => [...value.matchAll(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g)].map((match) => match[1]);

describe('templates/agent.yml', () => {
  test('the version installed by default is package.json version', () => {
    expect(inputs.version?.default).toBe(packageVersion);
  });

  test('is one job, named by the `as` input, with a header of documented inputs that the job all uses', () => {
    expect(Object.keys(body ?? {})).toEqual([jobKey]);
    expect(jobKey).toBe('$[[ inputs.as ]]');
    for (const [name, input] of Object.entries(inputs)) {
      expect(input.description, name).toMatch(/\w.{20,}/);
      expect(interpolations(JSON.stringify(job)).concat(interpolations(jobKey)), name).toContain(name);
    }
  });

  test('inputs reach the script only as variables, never expanded, and the script names no input', () => {
    expect(script).not.toContain('$[[');
    for (const [name, value] of Object.entries(variables)) {
      if (typeof value === 'string') {
        expect(interpolations(value), name).toEqual([]);
        continue;
      }
      expect(value.expand, name).toBe(false);
      expect(interpolations(value.value), name).toHaveLength(1);
      // Read by the shell (`"$FLUE_AGENT"`) or by the early check's node script (`process.env.FLUE_EVENTS`).
      expect(script, name).toMatch(new RegExp(`\\$\\{?${name}\\b|process\\.env\\.${name}\\b`));
    }
    expect(unquotedExpansions(script)).toEqual([]);
    // Outside variables, inputs set only GitLab keywords, which no shell reads.
    const { variables: _, script: __, ...keywords } = job;
    expect([...new Set(interpolations(JSON.stringify(keywords)))].sort()).toEqual(['image', 'rules', 'stage', 'timeout']);
  });

  test('the quoting check finds an expansion outside quotes', () => {
    expect(unquotedExpansions('echo "$A" \'$B\' $C # $D\necho "${E}"$F "$(f "$G" $H)"')).toEqual(['$C', '$F', '$H']);
  });

  test('a boolean input reaches a variable inside a string: GitLab takes only strings and integers as variable values', () => {
    for (const [name, value] of Object.entries(variables)) {
      if (typeof value === 'string') continue;
      const input = inputs[interpolations(value.value)[0] ?? ''];
      if (input?.type !== 'boolean' && input?.type !== 'number') continue;
      expect(value.value, name).not.toMatch(/^\$\[\[[^\]]*\]\]$/);
    }
  });

  test('is interruptible, waits for no other job, has a timeout, and keeps the log folder as artifacts whatever happens', () => {
    expect(job).toMatchObject({ interruptible: true, needs: [], timeout: '$[[ inputs.timeout ]]' });
    expect(job.artifacts).toEqual({ when: 'always', expose_as: 'flue session log', paths: [`${variables.FLUE_LOG_DIR}/`] });
    // GitLab's rule for expose_as (lib/gitlab/ci/config/entry/artifacts.rb); its paths may hold no `*`.
    expect((job.artifacts as { expose_as: string }).expose_as).toMatch(/^\w[-\w ]*$/);
  });

  test('the script is POSIX sh: dash (/bin/sh of Debian, like busybox sh of Alpine images) passes every input as one argument', () => {
    const given: Record<string, unknown> = {
      agent: 'review',
      prompt: 'a "quote", $(touch pwned) and\na newline',
      'dry-run': true,
      resume: 'auto',
      cli: STAND_IN,
    };
    const value = (name: string) => String(given[name] ?? inputs[name]?.default ?? '');
    const env: Record<string, string> = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` };
    for (const [name, variable] of Object.entries(variables)) {
      const text = typeof variable === 'string' ? variable : variable.value;
      env[name] = text.replace(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g, (_, input: string) => value(input));
    }
    const cwd = mkdtempSync(path.join(tmpdir(), 'flue-gitlab-dash-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    const stdout = execFileSync('dash', ['-e', '-c', script], { env, cwd, encoding: 'utf8' });
    const record = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { argv: string[] };
    expect(record.argv).toEqual([
      'run',
      'review',
      '--log-dir',
      '.flue/logs',
      '--trigger-phrase',
      '@flue',
      '--prompt',
      given.prompt,
      '--dry-run',
      '--resume',
      'auto',
    ]);
  });

  test('by default runs in merge request, trigger, schedule and web pipelines', () => {
    expect(inputs.rules?.default).toEqual(
      ['merge_request_event', 'trigger', 'schedule', 'web'].map((source) => ({ if: `$CI_PIPELINE_SOURCE == "${source}"` })),
    );
  });
});
