import { resolve } from 'node:path';
import { checkDefinitions, findSkills, listAgents, type DefinitionProblem } from '../definitions/index.js';
import { terminalSafe, terminalSafeJson } from '../report/terminal.js';
import { oneLine } from '../text/index.js';
import { formatPlace } from '../errors.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

export async function listCommand(command: { cwd: string; json: boolean }, io: CliIo): Promise<number> {
  const workspace = resolve(io.cwd, command.cwd);
  const agents = await listAgents(workspace);
  const skills = await findSkills(workspace);
  if (command.json) {
    io.stdout.write(`${terminalSafeJson({ agents, skills: skills.skills.map(({ name, description, file }) => ({ name, description, file })) })}\n`);
    return EXIT.succeeded;
  }
  const lines = ['Agents:'];
  if (agents.length === 0) lines.push('  (none: add one at .flue/agents/<name>.md)');
  for (const agent of agents) {
    // An error already names the file.
    const about = agent.error ? `ERROR ${agent.error}` : `${agent.description ?? ''}  (${agent.file})`;
    lines.push(`  ${agent.name.padEnd(20)} ${about}`);
  }
  lines.push('Skills:');
  if (skills.skills.length === 0) lines.push('  (none)');
  for (const skill of skills.skills) lines.push(`  ${skill.name.padEnd(20)} ${oneLine(skill.description, 80)}  (${skill.file})`);
  // Names, descriptions and file names are the workspace's: printed terminal-safe.
  io.stdout.write(`${terminalSafe(lines.join('\n'))}\n`);
  return EXIT.succeeded;
}

/**
 * Every problem of every agent, role and skill, one per line as compilers print them
 * (`file:line:column: error: field: message`), sorted by file and line. Exit 2 on an error;
 * `--strict` (what CI should run) fails on a warning too, so a `tool:` typo cannot pass as an ignored field.
 */
export async function checkCommand(command: { cwd: string; json: boolean; strict: boolean }, io: CliIo): Promise<number> {
  const report = await checkDefinitions(resolve(io.cwd, command.cwd));
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.filter((p) => p.severity === 'warning').length;
  const passed = report.ok && !(command.strict && warnings > 0);
  if (command.json) {
    io.stdout.write(`${terminalSafeJson({ ...report, ok: passed })}\n`);
  } else {
    // Problems quote the workspace's files: printed terminal-safe.
    for (const problem of report.problems) io.stdout.write(terminalSafe(`${problemLine(problem)}\n`));
    const strictly = report.ok && !passed ? ' (--strict: warnings fail)' : '';
    io.stdout.write(`${passed ? 'ok' : 'failed'}: ${errors} error(s), ${warnings} warning(s)${strictly}\n`);
  }
  return passed ? EXIT.succeeded : EXIT.usage;
}

/** `.flue/agents/triage.md:4:10: error: tools[1]: unknown tool "raed" (did you mean "read"?). ...` */
function problemLine(problem: DefinitionProblem): string {
  const place = formatPlace(
    problem.file,
    problem.line === undefined ? undefined : { line: problem.line, ...(problem.column === undefined ? {} : { column: problem.column }) },
  );
  return `${place}: ${problem.severity}: ${problem.field === undefined ? '' : `${problem.field}: `}${problem.message}`;
}
