// The scripted model as the Anthropic Messages API, for CI's self-test job: the action runs from the
// repository (`uses: ./`) with ANTHROPIC_BASE_URL pointing here, so it needs no API key, and its real
// model client (the SDK, streaming) talks to this server as it would to Anthropic.
//
//   node .github/self-test/scripted-model.mjs SCRIPT STATE_DIR &
//
// SCRIPT: one assistant turn a line, the format of the CLI's --scripted-model (src/harness/scripted-client.ts);
// turn N answers request N. Writes STATE_DIR/url once it listens, and STATE_DIR/requests (the number of
// requests it answered) after each one. The SSE stream is the benchmark's fake (bench/fake-model.mjs).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeModel } from '../../bench/fake-model.mjs';

const [script, stateDir] = process.argv.slice(2);
if (!script || !stateDir) {
  console.error('usage: node .github/self-test/scripted-model.mjs SCRIPT STATE_DIR');
  process.exit(2);
}

const turns = readFileSync(script, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('//'))
  .map((line) => JSON.parse(line));

/** Written whole or not at all: the workflow polls these files. */
function writeState(name, value) {
  const file = path.join(stateDir, name);
  writeFileSync(`${file}.tmp`, `${value}\n`);
  renameSync(`${file}.tmp`, file);
}

const model = await startFakeModel();
model.reset((index) => {
  writeState('requests', index + 1);
  const turn = turns[index];
  // The run asked for more turns than the script holds: say so in the answer, which the check reads in the log.
  if (!turn) return [{ type: 'text', text: `The scripted model has ${turns.length} turns; the run asked for turn ${index + 1}.` }];
  return typeof turn.content === 'string' ? [{ type: 'text', text: turn.content }] : turn.content;
});
writeState('requests', 0);
writeState('url', model.url);
console.log(`Scripted model (${turns.length} turns from ${script}) listening on ${model.url}`);
