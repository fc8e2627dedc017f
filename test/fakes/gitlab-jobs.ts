/**
 * The fake GitLab's CI job routes (see gitlab.ts), what a retried job's `--resume auto` calls, as GitLab's
 * REST documentation describes them (doc/api/jobs.md): GET pipelines/:pipeline_id/jobs (newest first;
 * a job that was retried is left out unless `include_retried=true`; paginated) and GET
 * jobs/:job_id/artifacts/*artifact_path (the raw file of the job's artifacts archive; 404 when the job
 * has no such file). `jobsOf(project).add(...)` seeds a job and the files its artifacts hold.
 */
import type { FakeProject, Json } from './gitlab-project.js';
import { message, paginate, type RouteRequest, type RouteResponse } from './gitlab-routes.js';

export interface FakeJob {
  id: number;
  name: string;
  /** GitLab's job status: `failed`, `canceled`, `success`, `running`, ... */
  status: string;
  pipelineId: number;
  /** Path in the artifacts archive (`.flue/logs/triage.resume.json`) → content. */
  artifacts: Map<string, Buffer>;
}

const states = new WeakMap<FakeProject, FakeJob[]>();

/** The project's CI jobs: `add` seeds one (its artifacts as path → text or bytes), `all` reads them back. */
export function jobsOf(project: FakeProject) {
  let jobs = states.get(project);
  if (!jobs) {
    jobs = [];
    states.set(project, jobs);
  }
  const all = jobs;
  return {
    all,
    add(job: { id: number; name: string; status: string; pipelineId: number; artifacts?: Record<string, string | Buffer> }): FakeJob {
      const artifacts = new Map(Object.entries(job.artifacts ?? {}).map(([file, content]) => [file, Buffer.from(content)]));
      const added = { ...job, artifacts };
      all.push(added);
      return added;
    },
  };
}

/** The job routes, or undefined for another route. */
export function jobRoute(project: FakeProject, request: RouteRequest, url: string): RouteResponse | undefined {
  const [first = '', second = '', third = '', fourth = ''] = request.segments;
  if (request.method !== 'GET') return undefined;
  const jobs = states.get(project) ?? [];
  if (first === 'pipelines' && third === 'jobs' && request.segments.length === 3) {
    const inPipeline = jobs.filter((job) => job.pipelineId === Number(second)).sort((a, b) => b.id - a.id);
    // A retried job is an earlier job of the same name: only the newest of each name, unless asked.
    const shown =
      request.query.include_retried === 'true' ? inPipeline : inPipeline.filter((job) => inPipeline.find((other) => other.name === job.name) === job);
    return paginate(
      shown.map((job) =>
        entry(
          project,
          job,
          shown.some((other) => other.name === job.name && other.id > job.id),
        ),
      ),
      request.query,
      url,
    );
  }
  if (first === 'jobs' && third === 'artifacts' && fourth !== '') {
    const job = jobs.find((each) => each.id === Number(second));
    if (!job) return message(404, 'Not found');
    const file = job.artifacts.get(request.segments.slice(3).join('/'));
    return file === undefined ? message(404, 'Not Found') : { status: 200, body: file, headers: { 'content-type': 'application/octet-stream' } };
  }
  return undefined;
}

/** A job as the listing shows it: the fields the client reads, and the ones around them. */
function entry(project: FakeProject, job: FakeJob, retried: boolean): Json {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    stage: 'test',
    ref: 'main',
    tag: false,
    allow_failure: false,
    retried,
    created_at: project.context.timestamp(),
    pipeline: { id: job.pipelineId, project_id: project.id, ref: 'main', status: 'running' },
    web_url: `${project.webUrl}/-/jobs/${job.id}`,
    artifacts: [...job.artifacts.keys()].length > 0 ? [{ file_type: 'archive', size: 1000, filename: 'artifacts.zip', file_format: 'zip' }] : [],
    ...(job.status === 'failed' ? { failure_reason: 'script_failure' } : {}),
  };
}
