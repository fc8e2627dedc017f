/**
 * GitLab CI into one platform-neutral Trigger: the job's predefined variables (gitlab/variables.ts),
 * a webhook delivered through the pipeline trigger API (gitlab/webhook.ts), the re-read of that
 * forgeable webhook through the REST API (gitlab/verify.ts, gitlab/records.ts), and which GitLab
 * accounts are bots (gitlab/bots.ts).
 */
export { isGitLabBot } from './gitlab/bots.js';
export {
  issueFields,
  mergeRequestFields,
  readIssueRecord,
  readMergeRequestRecord,
  readNoteRecord,
  type GitLabRecords,
  type IssueRecord,
  type MergeRequestRecord,
  type NoteRecord,
} from './gitlab/records.js';
export { parseProjectPath, readGitLabTrigger, type GitLabEnv, type GitLabTriggerOptions } from './gitlab/variables.js';
export { isGitLabPayloadTrigger, verifyGitLabPayloadTrigger } from './gitlab/verify.js';
export { UnsupportedGitLabEventError } from './gitlab/webhook.js';
