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
 *
 * Downloads (`resume: auto`) go through the GitHub REST API, as the client does with `findBy`: List
 * workflow run artifacts and Download an artifact (a 302 to the blob). Started with `{ github: url }`, the
 * fake fronts that GitHub fake: the step's GITHUB_API_URL is `apiUrl`, these two routes are answered here
 * and every other request is passed on to `github` unchanged.
 *
 *   const artifacts = await startFakeArtifacts({ github: github.url });
 *   ... runAction({ githubUrl: artifacts.apiUrl, env: artifacts.env, ... }) ...
 *   artifacts.plant({ name: 'flue-session-triage-1-1a2b3c4d', file: 'x.jsonl', content: forged });
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

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
  /** GITHUB_API_URL when started with `github`: the REST artifact routes here, the rest passed on. */
  apiUrl: string;
  /** `METHOD /path` of each REST artifact call answered here (list, download, the blob), in order. */
  downloads: string[];
  /** From now on every REST artifact call (list or download) answers `status` with GitHub's error body, e.g. 403 for a token without `actions: read`. */
  failRest(status: number, message: string): void;
  /** Adds an artifact, served as one raw file (GitHub serves those for unzipped uploads) or as a zip of `files`; returns its id. */
  plant(artifact: PlantedArtifact): number;
  close(): Promise<void>;
}

export type PlantedArtifact = PlantedFile | PlantedZip;

/** One raw file. */
interface PlantedFile {
  name: string;
  /** The file name the download gives it (Content-Disposition). */
  file: string;
  content: string;
  /** The workflow run it belongs to: 4242 (the harness's GITHUB_RUN_ID) by default. */
  runId?: number;
}

/** A zip of these files, as an upload makes. */
interface PlantedZip {
  name: string;
  files: Record<string, string>;
  /** The workflow run it belongs to: 4242 (the harness's GITHUB_RUN_ID) by default. */
  runId?: number;
}

/** What the REST routes list and serve: uploads (as zips) and planted files. */
interface StoredArtifact {
  name: string;
  id: number;
  runId: number;
  body: Buffer;
  /** Set for a planted raw file; a zip otherwise. */
  file?: string;
}

/** The harness's GITHUB_RUN_ID: what an upload of the built action belongs to. */
const RUN_ID = 4242;

/** The client reads its backend ids from the token's `scp` claim and never checks the signature. */
function runtimeToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: 'Actions.Results:run-backend-1:job-backend-1' })}.`;
}

export async function startFakeArtifacts(options: { firstId?: number; github?: string } = {}): Promise<FakeArtifacts> {
  const uploads: FakeUpload[] = [];
  const planted: StoredArtifact[] = [];
  const downloads: string[] = [];
  let failure: { status: number; message: string } | undefined;
  const stored = (): StoredArtifact[] => [
    ...uploads.map((upload) => ({ name: upload.name, id: upload.id, runId: RUN_ID, body: upload.zip })),
    ...planted,
  ];
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
    const rest = restRoute(request.method ?? 'GET', parsed.pathname);
    if (rest) {
      downloads.push(`${request.method} ${parsed.pathname}`);
      if (failure) return send(response, failure.status, { message: failure.message, documentation_url: 'https://docs.github.com/rest' });
      return rest(response);
    }
    if (options.github !== undefined) return passOn(request, body, options.github, response);
    send(response, 404, { msg: `${request.method} ${parsed.pathname}: not found` });
  }

  /** List workflow run artifacts, Download an artifact (302 to /download/<id>), and that download. */
  function restRoute(method: string, pathname: string): ((response: ServerResponse) => void) | undefined {
    if (method !== 'GET') return undefined;
    const list = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/artifacts$/.exec(pathname);
    if (list) {
      const artifacts = stored()
        .filter((artifact) => artifact.runId === Number(list[1]))
        .map((artifact) => ({
          id: artifact.id,
          name: artifact.name,
          size_in_bytes: artifact.body.length,
          created_at: '2024-01-01T00:00:00Z',
          expired: false,
        }));
      return (response) => send(response, 200, { total_count: artifacts.length, artifacts });
    }
    const zip = /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/(\d+)\/zip$/.exec(pathname);
    if (zip) {
      const found = stored().find((artifact) => artifact.id === Number(zip[1]));
      if (!found) return (response) => send(response, 404, { message: 'Not Found' });
      return (response) => void response.writeHead(302, { location: `${url}/download/${found.id}?sig=fake-signature` }).end();
    }
    const download = /^\/download\/(\d+)$/.exec(pathname);
    if (download) {
      const found = stored().find((artifact) => artifact.id === Number(download[1]));
      if (!found) return (response) => send(response, 404, { msg: 'no such blob' });
      const headers =
        found.file === undefined
          ? { 'content-type': 'application/zip' }
          : { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${found.file}"` };
      return (response) => void response.writeHead(200, headers).end(found.body);
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { ACTIONS_RESULTS_URL: `${url}/`, ACTIONS_RUNTIME_TOKEN: runtimeToken() },
    uploads,
    apiUrl: url,
    downloads,
    failRest: (status, message) => void (failure = { status, message }),
    plant: (artifact) => {
      const id = nextId++;
      const runId = artifact.runId ?? RUN_ID;
      if ('files' in artifact) planted.push({ name: artifact.name, id, runId, body: storedZip(artifact.files) });
      else planted.push({ name: artifact.name, id, runId, body: Buffer.from(artifact.content), file: artifact.file });
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A zip archive of `files`, stored (not deflated): local headers, the central directory, its end record. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Sends the request on to `target` (the GitHub fake) as it came, and its answer back. */
function passOn(request: IncomingMessage, body: Buffer, target: string, response: ServerResponse): void {
  const { host: _host, ...headers } = request.headers;
  const forwarded = httpRequest(new URL(request.url ?? '/', target), { method: request.method, headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  forwarded.on('error', (error) => send(response, 502, { message: `fake artifacts could not reach the GitHub fake: ${error.message}` }));
  forwarded.end(body);
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
