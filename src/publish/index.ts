export {
  applySafeOutputs,
  APPLY_ORDER,
  type OutputKindName,
  type Proposal,
  type ProposalChecker,
  type PublishInput,
  type PublishReport,
  type PublishedOutput,
} from './apply.js';
export { formatOutputsForConsole } from './console.js';
export { capBody, neutralizeMentions, sanitizeBody, sanitizeLabels, sanitizeOutput, type PlatformRules } from './sanitize.js';
