import { expect, test } from 'vitest';
import { SandboxError } from '../../src/sandbox/index.js';
import { contentBytes, WriteQuota } from '../../src/sandbox/write-quota.js';

test('a write that would pass the limit is refused before it starts; a failed write gives its bytes back', async () => {
  const quota = new WriteQuota(10);
  await expect(quota.spend(6, 'write', 'a', async () => 'ok')).resolves.toBe('ok');
  await expect(quota.spend(3, 'write', 'b', () => Promise.reject(new Error('EISDIR')))).rejects.toThrow('EISDIR');
  expect(quota.written).toBe(6);
  let started = false;
  const refusal = await quota
    .spend(5, 'copy to', 'c', async () => {
      started = true;
    })
    .catch((error: unknown) => error);
  expect(started).toBe(false);
  expect(refusal).toEqual(
    new SandboxError(
      'ENOSPC',
      "ENOSPC: no space left on device, copy to 'c' (this run may write 10 bytes into the workspace, LIMITS.workspaceWriteBytes; it has written 6 and this needs 5 more)",
    ),
  );
  await expect(quota.spend(4, 'write', 'd', async () => undefined)).resolves.toBeUndefined();
  expect(quota.written).toBe(10);
});

test('writes running at once cannot each pass the check', async () => {
  const quota = new WriteQuota(10);
  const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
  const outcomes = await Promise.allSettled([quota.spend(6, 'write', 'a', slow), quota.spend(6, 'write', 'b', slow)]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
});

test('bytes are counted as the shell writes them: UTF-8 text, binary strings, byte arrays', () => {
  expect(contentBytes('é', undefined)).toBe(2);
  expect(contentBytes('\u00e9', 'binary')).toBe(1);
  expect(contentBytes('\u00e9', { encoding: 'latin1' })).toBe(1);
  expect(contentBytes(new Uint8Array(7), undefined)).toBe(7);
});
