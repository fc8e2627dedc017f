// Preloaded into the built action's main step (`node --import fs-faults.mjs?<fault> dist/index.js`): a
// full disk at the fs boundary, where the real code writes. The fault is in the URL's query, not the
// environment, so it survives the step restarting itself with a scrubbed environment.
//   ?report  writing the HTML report beside the log fails after half of it was written
//   ?log     the session log's 4th write fails (the header and two events are on disk)
//   ?summary writing the job summary (GITHUB_STEP_SUMMARY, through fs.promises as @actions/core does) fails
import fs from 'node:fs';

const fault = new URL(import.meta.url).search.slice(1);

/** What Node throws on a full disk: the message names the syscall, not the file. */
function noSpace() {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

if (fault === 'report') {
  const writeFileSync = fs.writeFileSync;
  fs.writeFileSync = function (file, data, ...rest) {
    if (!String(file).endsWith('.html')) return writeFileSync.call(this, file, data, ...rest);
    writeFileSync.call(this, file, String(data).slice(0, String(data).length / 2), ...rest);
    throw noSpace();
  };
} else if (fault === 'log') {
  const { openSync, writeSync } = fs;
  const writes = new Map();
  fs.openSync = function (file, ...rest) {
    const fd = openSync.call(this, file, ...rest);
    if (String(file).endsWith('.jsonl')) writes.set(fd, 0);
    return fd;
  };
  fs.writeSync = function (fd, ...rest) {
    if (writes.has(fd)) {
      writes.set(fd, writes.get(fd) + 1);
      if (writes.get(fd) >= 4) throw noSpace();
    }
    return writeSync.call(this, fd, ...rest);
  };
} else if (fault === 'summary') {
  for (const name of ['appendFile', 'writeFile']) {
    const original = fs.promises[name];
    fs.promises[name] = function (file, ...rest) {
      if (String(file) === process.env.GITHUB_STEP_SUMMARY) return Promise.reject(noSpace());
      return original.call(this, file, ...rest);
    };
  }
} else {
  throw new Error(`fs-faults.mjs: unknown fault '${fault}' (expected ?report, ?log or ?summary)`);
}
