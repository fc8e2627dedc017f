import { plural } from '../text/index.js';
import type { ProposedOutput } from '../tools/types.js';
import type { PublishReport } from './apply.js';

const INDENT = '    ';

/**
 * The outputs of a run as a person reads them in a terminal: each comment body, label list and
 * review (with its inline comments) in full, then what was rejected or failed and why. Bodies are
 * printed as sanitized, so a dry run shows exactly what CI would post. Empty when there is nothing.
 */
export function formatOutputsForConsole(report: PublishReport, options: { dryRun?: boolean } = {}): string {
  const dryRun = options.dryRun ?? report.applied.some((item) => item.dryRun);
  const sections: string[] = [];
  if (report.applied.length > 0) {
    const heading = dryRun ? 'Outputs (dry run: nothing was posted):' : 'Outputs applied:';
    const items = report.applied.map((item) => {
      const where = item.url ? ` → ${item.url}` : '';
      const body = details(item.output);
      return `  ${title(item.output)}${where}${body === '' ? '' : `\n${body}`}`;
    });
    sections.push([heading, ...items].join('\n'));
  }
  if (report.rejected.length > 0) {
    sections.push(['Rejected by the outputs policy:', ...report.rejected.map((r) => `  ${r.kind} (${r.id}): ${r.reason}`)].join('\n'));
  }
  if (report.failed.length > 0) {
    sections.push(['Failed to apply:', ...report.failed.map((f) => `  ${f.kind} (${f.id}): ${f.message}`)].join('\n'));
  }
  return sections.join('\n\n');
}

function title(output: ProposedOutput): string {
  switch (output.kind) {
    case 'add_comment':
      return 'comment:';
    case 'add_labels':
      return `add labels: ${output.labels.join(', ')}`;
    case 'remove_labels':
      return `remove labels: ${output.labels.join(', ')}`;
    case 'submit_review': {
      const count = output.comments.length;
      return `review (${output.event}, ${count} ${plural(count, 'inline comment')}):`;
    }
    case 'propose_change': {
      const count = output.changes.files.length;
      const how = output.onPullRequest === 'suggestions' ? ', as suggestions on a pull request' : '';
      return `change (${count} ${plural(count, 'file')}${how}): ${output.title}`;
    }
  }
}

function details(output: ProposedOutput): string {
  switch (output.kind) {
    case 'add_comment':
      return indent(output.body, INDENT);
    case 'add_labels':
    case 'remove_labels':
      return '';
    case 'submit_review': {
      const parts = output.body.trim() === '' ? [] : [indent(output.body, INDENT)];
      for (const comment of output.comments) {
        parts.push(`${INDENT}${comment.path}:${comment.line}\n${indent(comment.body, `${INDENT}  `)}`);
      }
      return parts.join('\n');
    }
    case 'propose_change': {
      const files = output.changes.files.map((file) => `${INDENT}${file.status} ${file.path} (+${file.additions} -${file.deletions})`);
      return [indent(output.body, INDENT), ...files].join('\n');
    }
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `${prefix}${line}`))
    .join('\n');
}
