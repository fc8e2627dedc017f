/**
 * Types of `undici/index-fetch.js`: the part of undici that Node itself embeds (fetch, and the
 * dispatchers' request API) without the mock agents, caches and interceptors of its main entry:
 * 400 KB of dist/ instead of 536 KB. Its exports are the main entry's, same classes.
 */
declare module 'undici/index-fetch.js' {
  export { EnvHttpProxyAgent, fetch } from 'undici';
}
