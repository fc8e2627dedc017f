/**
 * A workspace-relative path rule of the sandbox policy. `a/b/` and `a/b` cover that path and everything
 * under it (the slash only tells the reader it is a folder); `*` stands for any characters within one
 * name; a leading `**\/` matches one name at any depth. Compared case-insensitively: on macOS runners
 * `.GIT/config` is the same file as `.git/config`.
 */
export interface PathRule {
  /** The rule as written, shown in refusals. */
  readonly pattern: string;
  /** The name a `**\/name` rule matches at any depth (lower case); undefined for a rooted rule. */
  readonly anyDepthName: string | undefined;
  /** Whether `relative` (normalized, workspace-relative, `''` for the root) is a covered path or inside one. */
  covers(relative: string): boolean;
  /** Whether a tree at `relative` holds a path this rooted rule covers, by their names alone (false for `**\/`). */
  mayBeInside(relative: string): boolean;
}

export function pathRule(pattern: string): PathRule {
  const anyDepth = pattern.startsWith('**/');
  const segments = (anyDepth ? pattern.slice(3) : pattern)
    .replace(/^\.\/+/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase());
  if (segments.length === 0 || segments.some((segment) => segment === '.' || segment === '..')) {
    throw new Error(`sandbox path rule '${pattern}': name a path inside the workspace`);
  }
  if (anyDepth) {
    const [name] = segments;
    if (segments.length !== 1 || name === undefined || name.includes('*')) {
      throw new Error(`sandbox path rule '${pattern}': after **/ comes one name, without *`);
    }
    return {
      pattern,
      anyDepthName: name,
      covers: (relative) => relative !== '' && relative.toLowerCase().split('/').includes(name),
      mayBeInside: () => false,
    };
  }
  const matchers = segments.map(segmentMatcher);
  return {
    pattern,
    anyDepthName: undefined,
    covers(relative) {
      const names = split(relative);
      return names.length >= matchers.length && matchers.every((matches, index) => matches(names[index] ?? ''));
    },
    mayBeInside(relative) {
      const names = split(relative);
      return names.length < matchers.length && names.every((name, index) => matchers[index]?.(name) === true);
    },
  };
}

const split = (relative: string): string[] => (relative === '' ? [] : relative.toLowerCase().split('/'));

function segmentMatcher(segment: string): (name: string) => boolean {
  if (!segment.includes('*')) return (name) => name === segment;
  const escaped = segment.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const regex = new RegExp(`^${escaped.join('.*')}$`, 's');
  return (name) => regex.test(name);
}
