/**
 * The CI host of a local `--event` run: what lets `flue-action run --event payload.json` go through the
 * same CI stage as the action (src/ci/stage.ts), so the gate, the profile and the refusal of an agent
 * that needs more than its profile are decided by the same code, on the same payload.
 *
 * What CI reads from GitHub's API is answered locally, and each answer is said:
 * - an account's permission: the simulated sender's (`--as`, `--permission`); anyone else has none
 *   (`allowed-users` still makes a writer, before this is asked);
 * - the runner's own login: not known, so the gate assumes the workflow token's, as the action does
 *   when GitHub does not say;
 * - a pull request's changed files: `git diff base...head` in the checkout (src/hosts/local-git.ts);
 * - definitions at a commit: the working tree, which is what a developer iterates on (CI reads them
 *   from the commit writers chose, and the run says so);
 * - nothing is posted: no progress comment, and every output is recorded as a dry run (LocalHost).
 */
import { sameLogin } from '../gate/people.js';
import type { TriggerContextExtras } from '../trigger/prompt.js';
import type { Access, Trigger } from '../trigger/types.js';
import type { CiHost, PlatformWords, ProgressReporter } from './host.js';
import { LocalHost } from './local.js';
import { localPullRequestDiff, localPullRequestRefs } from './local-git.js';

/** A local `--event` file is a GitHub webhook payload: the gate speaks GitHub's words about it. */
export const LOCAL_CI_PLATFORM: PlatformWords = {
  writers: 'write, maintain or admin permission',
  workflowCommitVariable: 'GITHUB_SHA',
  defaultSelfLogin: 'github-actions[bot]',
  change: 'pull request',
};

/**
 * What a local run passes as the commit its "workflow" runs from: there is none, and the stage needs one
 * for an untrusted run's definitions. `definitionsAt` answers the working tree for it as for any commit.
 */
export const LOCAL_WORKFLOW_COMMIT = 'GITHUB_SHA';

/** What GitHub answers for an account with no access to the repository. */
const NO_PERMISSION: Access = { trust: 'none', role: 'none permission' };

export interface LocalCiHostOptions {
  /** The checkout (`--cwd`): definitions are read from it, and a pull request's diff is computed in it. */
  workspace: string;
  /** The sender the gate simulation answers for, and their access. */
  sender: { login: string; access: Access };
  /** One line for the developer (the CLI's stderr). */
  say(line: string): void;
  /** The git command for a pull request's diff; default `git` on PATH. */
  git?: string;
}

export class LocalCiHost extends LocalHost implements CiHost {
  readonly platform = LOCAL_CI_PLATFORM;

  constructor(private readonly options: LocalCiHostOptions) {
    super();
  }

  async accessOf(login: string, _trigger: Trigger): Promise<Access> {
    return sameLogin(login, this.options.sender.login) ? this.options.sender.access : NO_PERMISSION;
  }

  async selfLogin(): Promise<string | undefined> {
    return undefined;
  }

  /**
   * CI reads a commented pull request's refs from the API. A local run takes them from the checkout,
   * which a developer trying a comment on their pull request has on its branch: HEAD, and where it forked
   * from origin's default branch. Without them the stage refuses the run, as it would in CI.
   */
  async completeTrigger(trigger: Trigger): Promise<Trigger> {
    if (!trigger.isPullRequest || trigger.refs.baseSha !== undefined) return trigger;
    const unnamed = `The ${trigger.eventName} event names no commit of pull request #${trigger.number ?? '?'} (CI reads them from GitHub's API)`;
    const refs = await localPullRequestRefs(this.options.workspace, this.options.git);
    if (!refs.ok) {
      this.options.say(`${unnamed}, and local git cannot stand in: ${refs.why}.`);
      return trigger;
    }
    this.options.say(`${unnamed}: the run takes HEAD ${refs.head.slice(0, 12)} and its merge base with origin/HEAD ${refs.base.slice(0, 12)}.`);
    return { ...trigger, refs: { ...trigger.refs, sha: trigger.refs.sha ?? refs.head, baseSha: refs.base } };
  }

  /** The changed files of a pull request, from local git; no thread comments (they are read from the API in CI). */
  async fetchContext(trigger: Trigger): Promise<TriggerContextExtras> {
    if (!trigger.isPullRequest) return {};
    const diff = await localPullRequestDiff(this.options.workspace, trigger.refs.baseSha, trigger.refs.sha, this.options.git);
    if (!diff.ok) {
      this.options.say(`No diff for the model: ${diff.why}. The run goes on without it.`);
      return {};
    }
    const count = diff.context.files?.length ?? 0;
    this.options.say(`The pull request's diff, from git diff base...head in --cwd: ${count} changed file${count === 1 ? '' : 's'}.`);
    return diff.context;
  }

  /** The working tree: a local run tries the agent being written, where CI reads the commit writers chose. */
  async definitionsAt(commit: string, _folder: string): Promise<string> {
    const ci = commit === LOCAL_WORKFLOW_COMMIT ? 'the commit the workflow runs from (GITHUB_SHA)' : `the pull request's base commit ${commit}`;
    this.options.say(
      `Agent definitions read from the working tree (--cwd), as in every local run; CI reads them from ${ci}, ` +
        'so that what a stranger pushed cannot change the agent.',
    );
    return this.options.workspace;
  }

  async startProgress(_trigger: Trigger, _agent: string): Promise<ProgressReporter | undefined> {
    return undefined;
  }

  resumeProgress(_handle: string): ProgressReporter | undefined {
    return undefined;
  }
}
