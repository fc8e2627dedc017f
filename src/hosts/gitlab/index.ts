export { accessAt, DEFAULT_WRITER_LEVEL } from './access.js';
export { GitLabClient, type GitLabClientOptions } from './client.js';
export { GitLabApiError, isGitLabApiError, type TokenKind } from './errors.js';
export { GITLAB_PLATFORM, GitLabHost, type GitLabHostOptions } from './host.js';
export { FLUE_COMMENT_MARKER, isFlueActionComment, progressMarker } from '../markers.js';
