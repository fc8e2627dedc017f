/**
 * Whether a path lies inside a folder, asked the one way: by `path.relative`, where `..` alone or a `../`
 * start leaves the folder (and a name such as `..agents` does not), and an absolute answer is another drive.
 */
import { isAbsolute, relative, sep } from 'node:path';

/** `target` relative to `folder`, '/'-separated ('' for the folder itself); undefined when it is not inside. */
export function pathInside(folder: string, target: string): string | undefined {
  const inside = relative(folder, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}
