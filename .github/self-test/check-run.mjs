// CI's self-test job, after the action ran from the repository on the workflow's own event: checks its
// outputs and its session log. The model is scripted (.flue/scripted/smoke.jsonl), so what this checks
// is the runner: the event reached the agent, the sandbox read the real checkout, the outputs passed the
// agent's policy and were not posted (dry run), and the log, the report and the step outputs agree.
//
// Environment: the step outputs (STATUS, RESULT, TURNS, COST_USD, SESSION_ID, LOG_FILE, REPORT_FILE),
// MODEL_STATE (the scripted model's state folder) and GITHUB_EVENT_NAME.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const env = process.env;
const problems = [];
const check = (ok, what) => {
  if (!ok) problems.push(what);
};

check(env.STATUS === 'succeeded', `status is ${JSON.stringify(env.STATUS)}, not "succeeded"`);
const expected = { runtime: 'node24', entry: 'dist/index.js' };
let result;
try {
  result = JSON.parse(env.RESULT ?? '');
} catch {
  result = env.RESULT;
}
check(isDeepStrictEqual(result, expected), `result is ${env.RESULT}, not ${JSON.stringify(expected)}`);
const requests = readFileSync(path.join(env.MODEL_STATE ?? '', 'requests'), 'utf8').trim();
check(env.TURNS === '4', `turns is ${JSON.stringify(env.TURNS)}, not "4"`);
check(requests === env.TURNS, `the scripted model answered ${requests} requests, and the action says ${env.TURNS} turns`);
check(Number(env.COST_USD) > 0, `cost-usd is ${JSON.stringify(env.COST_USD)}, not a positive number`);
check(
  existsSync(env.REPORT_FILE ?? '') && readFileSync(env.REPORT_FILE, 'utf8').includes('<html'),
  `report-file ${env.REPORT_FILE} is not an HTML report`,
);

const lines = readFileSync(env.LOG_FILE ?? '', 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));
const [header, ...events] = lines;
const ofType = (type) => events.filter((event) => event.type === type);
const toolResult = (name) => ofType('tool_result').find((event) => event.name === name);

check(header?.type === 'session' && header.agent === 'smoke', "the log does not start with the smoke agent's session header");
check(header?.id === env.SESSION_ID, `the log's session id ${header?.id} is not the session-id output ${env.SESSION_ID}`);
check(
  header?.trigger?.eventName === env.GITHUB_EVENT_NAME,
  `the log's trigger is ${header?.trigger?.eventName}, not this workflow's ${env.GITHUB_EVENT_NAME} event`,
);
// The scripted model cannot fake these: the tools read the checkout.
const read = toolResult('read');
check(read && !read.isError && read.content.includes('using: node24'), "the read of action.yml did not return the checkout's action.yml");
const grep = toolResult('grep');
check(grep && !grep.isError && grep.content.includes('action.yml'), 'the grep for the entry point found nothing in action.yml');
const applied = ofType('output_applied');
check(
  isDeepStrictEqual(
    applied.map((event) => [event.kind, event.dryRun]),
    [
      ['add_labels', true],
      ['add_comment', true],
    ],
  ),
  `the outputs applied were ${JSON.stringify(applied.map((event) => [event.kind, event.dryRun]))}, not a label and a comment in a dry run`,
);
check(ofType('output_rejected').length === 0, `outputs were rejected: ${JSON.stringify(ofType('output_rejected'))}`);
check(ofType('error').length === 0, `the log has errors: ${JSON.stringify(ofType('error'))}`);
check(ofType('end')[0]?.status === 'succeeded', 'the log does not end with status succeeded');

if (problems.length > 0) {
  for (const problem of problems) console.log(`::error title=self-test::${problem}`);
  process.exit(1);
}
console.log(
  `The action ran agent 'smoke' on this ${env.GITHUB_EVENT_NAME} event: ${env.TURNS} turns, outputs proposed and not posted, log and report written.`,
);
