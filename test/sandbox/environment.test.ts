import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { makeWorkspace, sandboxFor } from './workspace.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
});
afterEach(() => cleanup());

describe('environment', () => {
  beforeAll(() => {
    process.env.FLUE_TEST_SECRET = 'hunter2';
  });
  afterAll(() => {
    delete process.env.FLUE_TEST_SECRET;
  });

  test('the shell environment is built from scratch: no runner variable reaches it', async () => {
    const sandbox = sandboxFor(dir);
    const expected = `HOME=/home/flue\nUSER=flue\nPATH=/usr/bin:/bin\nPWD=${dir}\nLANG=C.UTF-8\nCI=true\nTERM=dumb\n`;
    expect(await sandbox.exec('env')).toEqual({ stdout: expected, stderr: '', exitCode: 0, timedOut: false });
    expect((await sandbox.exec('printenv')).stdout).toBe(expected);
    expect(await sandbox.exec('echo "[$FLUE_TEST_SECRET]"; printenv FLUE_TEST_SECRET')).toEqual({
      stdout: '[]\n',
      stderr: '',
      exitCode: 1,
      timedOut: false,
    });
  });

  test('each exec starts from the same environment and cwd', async () => {
    const sandbox = sandboxFor(dir);
    await sandbox.exec('export LEAK=1; cd src');
    expect((await sandbox.exec('echo "[$LEAK]"; pwd')).stdout).toBe(`[]\n${dir}\n`);
  });

  test('parallel execs (parallel tool calls) do not share cwd or variables', async () => {
    const sandbox = sandboxFor(dir);
    const results = await Promise.all([
      sandbox.exec('cd src && sleep 0.2 && pwd && echo "[$X]"'),
      sandbox.exec('export X=1; sleep 0.1; pwd; echo "[$X]"'),
    ]);
    expect(results.map((result) => result.stdout)).toEqual([`${dir}/src\n[]\n`, `${dir}\n[1]\n`]);
  });

  test('heredocs keep their indentation', async () => {
    const sandbox = sandboxFor(dir);
    expect((await sandbox.exec('cat <<EOF\ndef f():\n    return 1\nEOF')).stdout).toBe('def f():\n    return 1\n');
  });
});

describe('network', () => {
  let server: http.Server;
  let other: http.Server;
  let base: string;
  let otherBase: string;
  const listen = async (handler: http.RequestListener): Promise<[http.Server, string]> => {
    const created = http.createServer(handler);
    await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
    return [created, `http://127.0.0.1:${(created.address() as AddressInfo).port}`];
  };
  beforeAll(async () => {
    [server, base] = await listen((request, response) => response.end(`${request.method} ${request.url}\n`));
    [other, otherBase] = await listen((_request, response) => response.end('other\n'));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => other.close(resolve));
  });

  test('is off by default: curl does not exist', async () => {
    expect(await sandboxFor(dir).exec(`curl -s ${base}/api/x`)).toEqual({
      stdout: '',
      stderr: 'bash: curl: command not found\n',
      exitCode: 127,
      timedOut: false,
    });
  });

  test('reaches only the allowed URL prefixes, with GET and HEAD only', async () => {
    const sandbox = sandboxFor(dir, { networkAllow: [`${base}/api/`] });
    expect((await sandbox.exec(`curl -s ${base}/api/items?q=1`)).stdout).toBe('GET /api/items?q=1\n');
    const refused = (stderr: string, exitCode: number) => ({ stdout: '', stderr, exitCode, timedOut: false });
    expect(await sandbox.exec(`curl -sS ${base}/admin`)).toEqual(refused(`curl: (7) Network access denied: URL not in allow-list: ${base}/admin\n`, 7));
    expect(await sandbox.exec(`curl -sS ${otherBase}/api/items`)).toEqual(
      refused(`curl: (7) Network access denied: URL not in allow-list: ${otherBase}/api/items\n`, 7),
    );
    expect(await sandbox.exec(`curl -sS -X POST -d x ${base}/api/items`)).toEqual(
      refused("curl: (3) HTTP method 'POST' not allowed. Allowed methods: GET, HEAD\n", 3),
    );
  });

  test('the untrusted profile has no network whatever the options say', async () => {
    const sandbox = sandboxFor(dir, { profile: 'untrusted', networkAllow: [`${base}/api/`] });
    expect((await sandbox.exec(`curl -s ${base}/api/items`)).stderr).toBe('bash: curl: command not found\n');
  });
});

describe('exec timeout and abort', () => {
  test('a timeout stops the script and reports timedOut', async () => {
    const started = Date.now();
    const result = await sandboxFor(dir).exec('sleep 30; echo after', { timeoutMs: 200 });
    expect(result).toEqual({ stdout: '', stderr: 'bash: execution aborted\n', exitCode: 124, timedOut: true });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test("the caller's signal stops the script without calling it a timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await sandboxFor(dir).exec('sleep 30', { signal: controller.signal });
    expect(result).toEqual({ stdout: '', stderr: 'bash: execution aborted\n', exitCode: 124, timedOut: false });
  });
});
