/**
 * The publish stage: the only place a proposal becomes a write. Every proposal is sanitized,
 * checked again against the agent's `outputs:` policy (the tools checked it when it was proposed;
 * this stage trusts nothing it did not check itself), then applied through the host in a fixed
 * order. Each outcome is recorded, so nothing is applied, refused or lost silently.
 */
import type { OutputPolicy } from '../definitions/types.js';
import { errorMessage, rethrowIfFatal } from '../errors.js';
import type { Host, OutputKey } from '../hosts/host.js';
import { sanitizeOutput } from './sanitize.js';
import { createRedactor, type Redactor } from '../session-log/redact.js';
import type { SessionRecorder } from '../session-log/events.js';
import { checkProposal, loggedOutput } from '../tools/outputs.js';
import type { ProposedOutput } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';

export type OutputKindName = ProposedOutput['kind'];

export interface Proposal {
  id: string;
  output: ProposedOutput;
}

/** The proposal-time rules (counts, label globs, review events, PR-only); see src/tools/outputs.ts. */
export type ProposalChecker = typeof checkProposal;

export interface PublishInput {
  /** The agent whose proposals these are: with the run, it keys each output, so a re-run updates what it applied. */
  agent: string;
  proposals: readonly Proposal[];
  policy: OutputPolicy;
  trigger: Trigger;
  host: Host;
  recorder: SessionRecorder;
  /** Record and report what would be applied, call the host for nothing. */
  dryRun: boolean;
  /** Values redacted from every body (API keys, tokens); values under 8 characters are ignored. */
  secrets: string[];
  /** The run used the trusted profile; only a trusted run's change set is committed. Default false. */
  trusted?: boolean;
  /**
   * Proposals an interrupted attempt of this run already applied (`--resume`): checked and counted as
   * before, so every other output keeps its OutputKey, but not applied again.
   */
  alreadyApplied?: ReadonlySet<string>;
  /** Default: `checkProposal`, the very function the tools ran when each output was proposed. Tests inject a spy. */
  check?: ProposalChecker;
}

export interface PublishedOutput {
  id: string;
  kind: OutputKindName;
  /** The output as sanitized: exactly what was (or, in a dry run, would have been) sent. */
  output: ProposedOutput;
  dryRun: boolean;
  url?: string;
}

export interface PublishReport {
  /** In the order they were applied. */
  applied: PublishedOutput[];
  rejected: Array<{ id: string; kind: OutputKindName; reason: string }>;
  failed: Array<{ id: string; kind: OutputKindName; message: string }>;
}

/**
 * Labels first, removals before additions: a swap (`needs-triage` → `bug`) ends with the new label
 * even when the agent names one in both, and whoever the review or comment notifies sees the issue
 * already labelled. The review before the comment: a summary comment usually refers to the review,
 * and the comment is what readers expect last in the timeline.
 *
 * The proposed change before both: the comment, and a review, can then refer to a pull request that exists.
 */
export const APPLY_ORDER: readonly OutputKindName[] = ['remove_labels', 'add_labels', 'propose_change', 'submit_review', 'add_comment'];

export async function applySafeOutputs(input: PublishInput): Promise<PublishReport> {
  const report: PublishReport = { applied: [], rejected: [], failed: [] };
  const accepted = acceptProposals(input, report);
  for (const kind of APPLY_ORDER) {
    const ofKind = accepted.filter((proposal) => proposal.output.kind === kind);
    for (const [index, { id, output }] of ofKind.entries()) {
      if (input.alreadyApplied?.has(id)) continue;
      await applyOne(input, report, id, output, { agent: input.agent, kind, index: index + 1 });
    }
  }
  return report;
}

/**
 * Sanitizes, then checks in proposal order, so counts mean what they meant when the agent proposed.
 * The check sees the sanitized output: what is checked is what is sent (a body that sanitizing
 * emptied, or labels that were only whitespace, are refused here).
 */
function acceptProposals(input: PublishInput, report: PublishReport): Proposal[] {
  const check = input.check ?? checkProposal;
  const redactor = createRedactor(input.secrets);
  const accepted: Proposal[] = [];
  for (const proposal of input.proposals) {
    const output = sanitizeOutput(proposal.output, redactor, input.host.sanitizeRules);
    const verdict =
      labelSecret(output, redactor) ??
      changeSecret(output, redactor) ??
      check(
        input.policy,
        output,
        accepted.map((item) => item.output),
        { isPullRequest: input.trigger.isPullRequest, trusted: input.trusted === true },
      );
    if (!verdict.ok) {
      const reason = verdict.message;
      report.rejected.push({ id: proposal.id, kind: output.kind, reason });
      input.recorder.record({ type: 'output_rejected', id: proposal.id, kind: output.kind, reason });
      continue;
    }
    accepted.push({ id: proposal.id, output });
  }
  return accepted;
}

/**
 * A label is a name, not text: one that holds a secret (an `area/*` glob allows `area/<token>`) cannot be
 * redacted into something worth applying, so the whole proposal is refused, loudly, without the label.
 */
function labelSecret(output: ProposedOutput, redactor: Redactor): { ok: false; message: string } | undefined {
  if (output.kind !== 'add_labels' && output.kind !== 'remove_labels') return undefined;
  const index = output.labels.findIndex((label) => redactor.text(label) !== label);
  if (index === -1) return undefined;
  return { ok: false, message: `${output.kind}: label ${index + 1} holds a secret; no label of this proposal was applied` };
}

/**
 * A file is committed byte for byte, so one holding a secret cannot be redacted into something worth
 * committing: the change set is refused, naming the file, not the secret.
 */
function changeSecret(output: ProposedOutput, redactor: Redactor): { ok: false; message: string } | undefined {
  if (output.kind !== 'propose_change') return undefined;
  const file = output.changes.files.find((change) => {
    if (change.content === undefined) return false;
    const text = Buffer.from(change.content, 'base64').toString('latin1');
    return redactor.text(text) !== text || redactor.text(change.path) !== change.path;
  });
  if (file === undefined) return undefined;
  return { ok: false, message: `propose_change: ${file.path} holds a secret; nothing of this change set was committed` };
}

/** A failure is recorded and reported, and the next output is still applied: one 422 must not drop the rest. */
async function applyOne(input: PublishInput, report: PublishReport, id: string, output: ProposedOutput, key: OutputKey): Promise<void> {
  const { kind } = output;
  if (input.dryRun) {
    report.applied.push({ id, kind, output, dryRun: true });
    input.recorder.record({ type: 'output_applied', id, kind, dryRun: true, output: loggedOutput(output) });
    return;
  }
  try {
    const { url, note } = await input.host.applyOutput(output, input.trigger, key);
    const where = url === undefined ? {} : { url };
    report.applied.push({ id, kind, output, dryRun: false, ...where });
    input.recorder.record({
      type: 'output_applied',
      id,
      kind,
      ...where,
      dryRun: false,
      output: loggedOutput(output),
      ...(note === undefined ? {} : { note }),
    });
  } catch (error) {
    rethrowIfFatal(error);
    const message = errorMessage(error);
    report.failed.push({ id, kind, message });
    input.recorder.record({ type: 'error', message: `${kind} ${id} was not applied: ${message}` });
  }
}
