export { createGitHubClient, GITHUB_API_URL, type GitHubClient, type GitHubClientOptions } from './client.js';
export { GitHubApiError, isGitHubApiError } from './errors.js';
export { GitHubHost, type GitHubHostOptions } from './host.js';
export { FLUE_COMMENT_MARKER, isFlueActionComment, progressMarker } from './markers.js';
