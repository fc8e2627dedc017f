import type { PlatformRules } from '../../publish/sanitize.js';

/** What GitLab acts on in a body beyond mentions: quick actions at a line start, comma-separated label lists. */
export const GITLAB_RULES: PlatformRules = { quickActions: true, commaSeparatedLabels: true };
