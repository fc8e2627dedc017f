import type { OutputPolicy } from '../definitions/types.js';
import { LIMITS } from '../limits.js';
import { compileGlobList } from '../patterns/glob.js';
import type { SessionRecorder } from '../session-log/events.js';
import { plural } from '../text/index.js';
import { checkChangeSet } from './change-policy.js';
import type { ProposedOutput } from './types.js';

export interface ProposalContext {
  /** The trigger is a pull request (or merge request): the only place a review can go. */
  isPullRequest: boolean;
  /**
   * The run uses the trusted profile. Only `propose_change` reads it: an untrusted run's checkout may hold
   * a stranger's code and its agent has no write tools, so nothing of it is committed. Default false.
   */
  trusted?: boolean;
  /** Workspace-relative folders the runner writes in the checkout (its session log): left out of every change set. */
  runnerPaths?: readonly string[];
}

export type ProposalCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether `proposal` may be applied after `alreadyAccepted` (the proposals of this run accepted so
 * far), under the agent's `outputs:` policy. Pure: the tools call it when the model proposes, and
 * the publish stage calls it again before applying, so both decide with the same code. Every
 * message says what is wrong and what would be accepted, so the model can correct itself.
 */
export function checkProposal(
  policy: OutputPolicy,
  proposal: ProposedOutput,
  alreadyAccepted: readonly ProposedOutput[],
  context: ProposalContext,
): ProposalCheck {
  const earlier = alreadyAccepted.filter((output) => output.kind === proposal.kind);
  switch (proposal.kind) {
    case 'add_comment': {
      const rule = policy.add_comment;
      if (!rule) return undeclared(proposal.kind);
      return first(countWithin('add_comment', 'comment', rule.max, earlier.length), bodyWithin('comment body', proposal.body));
    }
    case 'add_labels':
    case 'remove_labels': {
      const rule = policy[proposal.kind];
      if (!rule) return undeclared(proposal.kind);
      const previous = new Set(earlier.flatMap((output) => ('labels' in output ? output.labels : [])));
      return labelsAllowed(proposal.kind, proposal.labels, rule.allowed, rule.max, previous);
    }
    case 'submit_review': {
      const rule = policy.submit_review;
      if (!rule) return undeclared(proposal.kind);
      if (!context.isPullRequest) {
        return fail('submit_review: this run was not triggered by a pull request, so there is nothing to review');
      }
      if (!rule.events.includes(proposal.event)) {
        return fail(`submit_review: event ${proposal.event} is not allowed; allowed: ${rule.events.join(', ')}`);
      }
      return first(
        countWithin('submit_review', 'review', rule.max, earlier.length),
        bodyWithin('review body', proposal.body),
        reviewComments(proposal.comments),
      );
    }
    case 'propose_change': {
      const rule = policy.propose_change;
      if (!rule) return undeclared(proposal.kind);
      if (context.trusted !== true) {
        return fail("propose_change: this run uses the untrusted profile, so the agent's edits are never committed");
      }
      if (proposal.branchPrefix !== rule.branchPrefix || proposal.draft !== rule.draft) {
        return fail(`propose_change: the branch prefix and draft setting come from the policy (${rule.branchPrefix}, draft: ${rule.draft})`);
      }
      return first(
        countWithin('propose_change', 'change set', rule.max, earlier.length),
        titleWithin(proposal.title),
        bodyWithin('pull request body', proposal.body),
        checkChangeSet(rule, proposal.changes),
      );
    }
  }
}

const fail = (message: string): ProposalCheck => ({ ok: false, message });
const OK: ProposalCheck = { ok: true };
const first = (...checks: ProposalCheck[]): ProposalCheck => checks.find((check) => !check.ok) ?? OK;

const undeclared = (kind: string): ProposalCheck => fail(`${kind} is not allowed: the agent's outputs: policy does not declare it`);

function countWithin(kind: string, noun: string, max: number, already: number): ProposalCheck {
  if (already < max) return OK;
  return fail(`${kind}: at most ${max} ${plural(max, noun)} per run, and ${already} already proposed`);
}

function bodyWithin(what: string, body: string): ProposalCheck {
  if (body.trim() === '') return fail(`${what} is empty`);
  if (body.length > LIMITS.commentChars) {
    return fail(`${what} is ${body.length} characters; the limit is ${LIMITS.commentChars}, so shorten it`);
  }
  return OK;
}

function titleWithin(title: string): ProposalCheck {
  if (title.trim() === '') return fail('propose_change: the title is empty');
  if (/[\r\n]/.test(title.trim())) return fail('propose_change: the title is one line (the commit subject); put details in the body');
  if (title.length > LIMITS.changeTitleChars) {
    return fail(`propose_change: the title is ${title.length} characters; the limit is ${LIMITS.changeTitleChars}`);
  }
  return OK;
}

function labelsAllowed(kind: string, labels: readonly string[], allowed: readonly string[], max: number, previous: ReadonlySet<string>): ProposalCheck {
  if (labels.length === 0) return fail(`${kind}: give at least one label`);
  // GitHub and GitLab match label names case-insensitively.
  const isAllowed = compileGlobList(allowed, { nocase: true });
  const refused = labels.filter((label) => label.trim() === '' || !isAllowed(label));
  if (refused.length > 0) {
    const names = refused.map((label) => `'${label}'`).join(', ');
    const which = refused.length === 1 ? `label ${names} is` : `labels ${names} are`;
    return fail(`${kind}: ${which} not allowed; allowed: ${allowed.join(', ') || '(none)'}`);
  }
  const total = new Set([...previous, ...labels]).size;
  if (total > max) {
    return fail(`${kind}: at most ${max} labels per run; ${previous.size} already proposed, and this would make ${total}`);
  }
  return OK;
}

function reviewComments(comments: ReadonlyArray<{ path: string; line: number; body: string }>): ProposalCheck {
  if (comments.length > LIMITS.reviewComments) {
    return fail(`submit_review: ${comments.length} inline comments; the limit is ${LIMITS.reviewComments}`);
  }
  for (const [index, comment] of comments.entries()) {
    if (comment.path === '' || comment.path.startsWith('/') || comment.path.split('/').includes('..')) {
      return fail(`submit_review: comments[${index}].path '${comment.path}' must be a repository-relative file path`);
    }
    // A comment on a line the diff does not show moves into the review body, its path with it: a path is
    // never text, and a line break in it would start a line of its own (GitLab runs `/merge` there).
    if (/[\u0000-\u001f\u007f]/.test(comment.path)) {
      return fail(`submit_review: comments[${index}].path ${JSON.stringify(comment.path)} holds a line break or control character; name the file`);
    }
    if (!Number.isInteger(comment.line) || comment.line < 1) {
      return fail(`submit_review: comments[${index}].line must be a line number (1 or more), got ${comment.line}`);
    }
    const body = bodyWithin(`comments[${index}].body`, comment.body);
    if (!body.ok) return fail(`submit_review: ${body.message}`);
  }
  return OK;
}

/**
 * The proposals of one run, each checked against the policy when it is made. With a recorder, every
 * accepted proposal is logged as `output_proposed` and every refusal as `output_rejected` (id
 * `refused-N`), so the session log shows what the agent tried as well as what it got.
 */
export class OutputCollector {
  private readonly accepted: Array<{ id: string; output: ProposedOutput }> = [];
  private refusals = 0;
  private proposals = 0;

  constructor(
    private readonly policy: OutputPolicy,
    readonly context: ProposalContext,
    private readonly recorder?: SessionRecorder,
  ) {}

  propose(output: ProposedOutput): { ok: true; id: string } | { ok: false; message: string } {
    const check = checkProposal(
      this.policy,
      output,
      this.accepted.map((entry) => entry.output),
      this.context,
    );
    if (!check.ok) {
      this.refusals += 1;
      this.recorder?.record({ type: 'output_rejected', id: `refused-${this.refusals}`, kind: output.kind, reason: check.message });
      return check;
    }
    this.proposals += 1;
    const id = `output-${this.proposals}`;
    this.accepted.push({ id, output });
    this.recorder?.record({ type: 'output_proposed', id, output: loggedOutput(output) });
    return { ok: true, id };
  }

  /**
   * Puts back what an interrupted attempt proposed (`flue-action run --resume`), unrecorded: the log
   * has it. New ids continue after `lastNumbers`, so no id in the log is given twice.
   */
  restore(proposals: ReadonlyArray<{ id: string; output: ProposedOutput }>, lastNumbers: { proposed: number; refused: number }): void {
    for (const { id, output } of proposals) this.accepted.push({ id, output });
    this.proposals = Math.max(this.proposals, lastNumbers.proposed);
    this.refusals = Math.max(this.refusals, lastNumbers.refused);
  }

  list(): Array<{ id: string; output: ProposedOutput }> {
    return this.accepted.map((entry) => ({ ...entry }));
  }
}

/**
 * An output as the session log keeps it: a change set without its files' contents (paths, status, mode
 * and line counts stay). Content is base64, which the log's redactor cannot read, and a file can be
 * megabytes; the commit itself, on the branch, is where its content is read.
 */
export function loggedOutput(output: ProposedOutput): ProposedOutput {
  if (output.kind !== 'propose_change') return output;
  const files = output.changes.files.map(({ content: _content, ...file }) => file);
  return { ...output, changes: { ...output.changes, files } };
}
