/**
 * A local forward proxy, for tests of HTTPS_PROXY / HTTP_PROXY: a real HTTP server on 127.0.0.1 that
 * tunnels CONNECT requests (what a client sends for an https:// target, and undici for every target)
 * and forwards absolute-form requests (`GET http://host:port/path`, what an HTTP proxy client sends
 * for an http:// target without a tunnel). It records what it was asked for.
 *
 *   const proxy = await startFakeProxy({ credentials: 'user:pass' });
 *   ... HTTPS_PROXY=proxy.urlWith('user:pass') ...
 *   expect(proxy.seen).toEqual([{ method: 'CONNECT', target: 'model.proxied.test:41234', authorization: 'Basic dXNlcjpwYXNz' }]);
 *   await proxy.close();
 *
 * Every host it is asked for is 127.0.0.1 to it, on the port asked for: a test names its fakes by
 * names no resolver knows (`model.proxied.test`), so a request that reaches them went through here.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/**
 * Sets the proxy variables of `process.env` to `variables` (the others unset) for the running test,
 * and puts them back as they were when it ends: tests share a worker (isolate is off).
 */
export function proxyEnv(variables: Record<string, string>): void {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  onTestFinished(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
}

export interface ProxiedRequest {
  /** CONNECT, or the forwarded request's method. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL for a forwarded request. */
  target: string;
  /** The Proxy-Authorization header, when sent. */
  authorization?: string;
}

export interface FakeProxyOptions {
  /** `user:password`: anything else in Proxy-Authorization (or none) is answered 407. */
  credentials?: string;
  /** Answer every request with this status (403: a host the proxy's policy blocks). */
  refuse?: number;
}

export interface FakeProxy {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The URL with `userinfo` (`user:pass`, percent-encoded as needed) before the host. */
  urlWith(userinfo: string): string;
  seen: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startFakeProxy(options: FakeProxyOptions = {}): Promise<FakeProxy> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const expected = options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString('base64')}`;

  /** The status to refuse `request` with, or undefined to serve it; records it either way. */
  function admit(request: IncomingMessage, target: string): number | undefined {
    const authorization = request.headers['proxy-authorization'];
    seen.push({ method: request.method ?? '', target, ...(authorization === undefined ? {} : { authorization }) });
    if (options.refuse !== undefined) return options.refuse;
    if (expected !== undefined && authorization !== expected) return 407;
    return undefined;
  }

  const server = createServer((request, response) => {
    const target = request.url ?? '';
    const refused = admit(request, target);
    if (refused !== undefined) {
      response.writeHead(refused, refused === 407 ? { 'proxy-authenticate': 'Basic realm="fake"' } : {}).end();
      return;
    }
    if (!URL.canParse(target)) {
      response.writeHead(400).end('a proxy request names an absolute URL');
      return;
    }
    const url = new URL(target);
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(
      { host: '127.0.0.1', port: Number(url.port) || 80, method: request.method, path: `${url.pathname}${url.search}`, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.headersSent || response.writeHead(502).end());
    request.pipe(upstream);
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = request.url ?? '';
    const refused = admit(request, target);
    if (refused !== undefined) {
      client.end(`HTTP/1.1 ${refused} Refused\r\n${refused === 407 ? 'Proxy-Authenticate: Basic realm="fake"\r\n' : ''}Content-Length: 0\r\n\r\n`);
      return;
    }
    const port = Number(/:(\d+)$/.exec(target)?.[1]);
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    urlWith: (userinfo) => `http://${userinfo}@127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
