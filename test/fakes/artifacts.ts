/**
 * A local fake of the Actions artifact service, for the built action's uploads: a real HTTP server on
 * 127.0.0.1 that the real @actions/artifact client talks to when ACTIONS_RESULTS_URL points at `url`
 * and ACTIONS_RUNTIME_TOKEN is `runtimeToken`.
 *
 *   const artifacts = await startFakeArtifacts();
 *   ... run the action with { ...artifacts.env } in its environment ...
 *   expect(artifacts.uploads).toEqual([{ name: 'flue-session-triage-1-1a2b3c4d', id: 9001, zip: expect.any(Buffer) }]);
 *   await artifacts.close();
 *
 * It speaks the two Twirp calls of an upload (CreateArtifact, FinalizeArtifact) and, for the signed
 * upload URL CreateArtifact returns, the Azure Blob calls the client makes (Put Block, Put Block List).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface FakeUpload {
  name: string;
  /** The id FinalizeArtifact answered, which the action links to. */
  id: number;
  /** The zip the client uploaded (file names are plain text in it). */
  zip: Buffer;
}

export interface FakeArtifacts {
  /** ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN, for the step's environment. */
  env: Record<string, string>;
  /** Finalized uploads, in order. */
  uploads: FakeUpload[];
  close(): Promise<void>;
}

/** The client reads its backend ids from the token's `scp` claim and never checks the signature. */
function runtimeToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: 'Actions.Results:run-backend-1:job-backend-1' })}.`;
}

export async function startFakeArtifacts(options: { firstId?: number } = {}): Promise<FakeArtifacts> {
  const uploads: FakeUpload[] = [];
  /** Blocks staged per artifact name, then the committed blob. */
  const blobs = new Map<string, { blocks: Map<string, Buffer>; content: Buffer }>();
  let nextId = options.firstId ?? 9001;
  let url = '';

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, 500, { msg: `fake artifacts crashed: ${String(error)}` }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const parsed = new URL(request.url ?? '/', url);
    if (request.method === 'POST' && parsed.pathname.startsWith(TWIRP)) {
      const call = JSON.parse(body.toString('utf8')) as { name: string; size?: string };
      switch (parsed.pathname.slice(TWIRP.length)) {
        case 'CreateArtifact':
          blobs.set(call.name, { blocks: new Map(), content: Buffer.alloc(0) });
          return send(response, 200, { ok: true, signedUploadUrl: `${url}/blob/${encodeURIComponent(call.name)}.zip?sig=fake-signature` });
        case 'FinalizeArtifact': {
          const id = nextId++;
          uploads.push({ name: call.name, id, zip: blobs.get(call.name)?.content ?? Buffer.alloc(0) });
          return send(response, 200, { ok: true, artifactId: String(id) });
        }
        default:
          return send(response, 404, { code: 'bad_route', msg: `no such method ${parsed.pathname}` });
      }
    }
    if (request.method === 'PUT' && parsed.pathname.startsWith('/blob/')) {
      const name = decodeURIComponent(parsed.pathname.slice('/blob/'.length)).replace(/\.zip$/, '');
      const blob = blobs.get(name);
      if (!blob) return send(response, 404, { msg: `no artifact '${name}' was created` });
      const comp = parsed.searchParams.get('comp');
      if (comp === 'block') blob.blocks.set(parsed.searchParams.get('blockid') ?? '', body);
      else if (comp === 'blocklist') blob.content = Buffer.concat(blockList(body).map((id) => blob.blocks.get(id) ?? Buffer.alloc(0)));
      else blob.content = body; // a single Put Blob
      response.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'x-ms-request-id': 'fake' }).end();
      return;
    }
    send(response, 404, { msg: `${request.method} ${parsed.pathname}: not found` });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { ACTIONS_RESULTS_URL: `${url}/`, ACTIONS_RUNTIME_TOKEN: runtimeToken() },
    uploads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The block ids of a Put Block List body, in order: `<BlockList><Latest>id</Latest>...</BlockList>`. */
function blockList(xml: Buffer): string[] {
  return [...xml.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)</g)].map((match) => match[1] ?? '');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
