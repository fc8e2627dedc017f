export { createGitHubClient, GITHUB_API_URL, type GitHubClient, type GitHubClientOptions } from './client.js';
export { GitHubApiError, isGitHubApiError } from './errors.js';
export { GitHubHost, WORKFLOW_TOKEN_LOGIN, type GitHubHostOptions } from './host.js';
export { accessOfPermission, type Permission } from './permission.js';
