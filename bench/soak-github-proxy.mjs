// A fault-injecting HTTP proxy in front of the test suite's fake GitHub API, for the soak bench only.
// The fake's own `fail()` answers instead of the route for the next matching request; the soak needs to
// hit one write in particular (the agent's answer is the second `POST .../comments` of a run, after the
// progress comment) and one fault the fake has no mode for: the write is applied upstream and the
// answer is then lost (a 502 from a gateway after GitHub committed the comment), which a client that
// retries blindly turns into a duplicate.
import { createServer } from 'node:http';

/**
 * Starts the proxy on 127.0.0.1 in front of `upstream` (the fake's base URL). `fault`, when given:
 * `{ call: 'POST /repos/o/r/issues/1/comments', nth: 2, times: 1, mode: 'instead' | 'after', status, headers, message }`
 * fails the `nth` matching request and the `times - 1` matching ones after it: `instead` answers
 * without forwarding, `after` forwards, lets the fake apply it, and answers `status` instead of its answer.
 *
 * `writes` lists every request that reached the fake: `{ call, status, answered }`, the fake's status and
 * the one the client got (they differ where the fault replaced the answer).
 */
export async function startGitHubProxy(upstream, fault) {
  const writes = [];
  let seen = 0;
  let injected = 0;
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const call = `${request.method} ${new URL(request.url, 'http://proxy').pathname}`;
    let fail = false;
    if (fault && call === fault.call) {
      seen += 1;
      fail = seen >= fault.nth && seen < fault.nth + (fault.times ?? 1);
    }
    if (fail && fault.mode === 'instead') {
      injected += 1;
      return answerError(response, fault);
    }
    const headers = { ...request.headers };
    delete headers.host;
    delete headers['content-length'];
    let answer;
    try {
      answer = await fetch(`${upstream}${request.url}`, { method: request.method, headers, body: body.length ? body : undefined });
    } catch (error) {
      response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `soak proxy: ${String(error)}` }));
      return;
    }
    const text = Buffer.from(await answer.arrayBuffer());
    writes.push({ call, status: answer.status, answered: fail ? fault.status : answer.status });
    if (fail) {
      injected += 1;
      return answerError(response, fault);
    }
    const out = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value;
    });
    // Octokit builds follow-up URLs (pagination) from the answer's Link header, which names the fake.
    if (out.link) out.link = out.link.replaceAll(upstream, proxyUrl);
    response.writeHead(answer.status, out).end(text);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    url: proxyUrl,
    writes,
    /** How many answers the fault replaced. */
    get injected() {
      return injected;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function answerError(response, fault) {
  const message = fault.message ?? (fault.status === 404 ? 'Not Found' : 'Bad Gateway');
  response
    .writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': 'SOAK:0001', ...fault.headers })
    .end(JSON.stringify({ message, documentation_url: 'https://docs.github.com/rest', status: String(fault.status) }));
}
