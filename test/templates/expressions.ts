/**
 * GitHub Actions expressions (`${{ ... }}`), the part the templates' workflows use, evaluated as GitHub
 * documents them: a missing property is null; `&&` and `||` give one of their operands, not a boolean;
 * `==` compares strings ignoring case and other mixed types as numbers; `contains` ignores case; false,
 * 0, '', null and NaN are falsy. Anything else (an operator, a function, `[...]` indexing) throws, so a
 * workflow that starts using it fails the tests instead of being read wrongly.
 */

export type Context = Record<string, unknown>;

/** A step's `if:`, a job's `if:`: with or without `${{ }}`. */
export function condition(text: string, context: Context): boolean {
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1] ?? text;
  return truthy(evaluate(inner, context));
}

/** A `with:` or `env:` value: each `${{ }}` replaced by its value as text (null is ''). */
export function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_match, expression: string) => asText(evaluate(expression, context)));
}

export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return Array.isArray(value) ? 'Array' : 'Object';
  return String(value);
}

export function truthy(value: unknown): boolean {
  return !(value === false || value === 0 || value === '' || value === null || value === undefined || Number.isNaN(value));
}

const TOKEN = /\s*(?:(\|\||&&|==|!=|!|\(|\)|,|\.)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_-]*))/y;

type Token = { kind: 'op'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'name'; text: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (match === null) throw new Error(`expression: cannot read '${expression.slice(at)}' in '${expression}'`);
    if (match[1] !== undefined) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2].replaceAll("''", "'") });
    else if (match[3] !== undefined) tokens.push({ kind: 'number', value: Number(match[3]) });
    else tokens.push({ kind: 'name', text: match[4] ?? '' });
  }
  return tokens;
}

export function evaluate(expression: string, context: Context): unknown {
  const tokens = tokenize(expression);
  let index = 0;
  const peek = (text: string) => {
    const token = tokens[index];
    return token?.kind === 'op' && token.text === text;
  };
  const expect = (text: string) => {
    if (!peek(text)) throw new Error(`expression: expected '${text}' in '${expression}'`);
    index += 1;
  };
  const or = (): unknown => {
    let left = and();
    while (peek('||')) {
      index += 1;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): unknown => {
    let left = equality();
    while (peek('&&')) {
      index += 1;
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): unknown => {
    const left = unary();
    if (peek('==') || peek('!=')) {
      const negate = peek('!=');
      index += 1;
      const same = equal(left, unary());
      return negate ? !same : same;
    }
    return left;
  };
  const unary = (): unknown => {
    if (peek('!')) {
      index += 1;
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): unknown => {
    const token = tokens[index];
    index += 1;
    if (token === undefined) throw new Error(`expression: '${expression}' ends too soon`);
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return token.value;
    if (token.kind === 'op') {
      if (token.text !== '(') throw new Error(`expression: unexpected '${token.text}' in '${expression}'`);
      const value = or();
      expect(')');
      return value;
    }
    if (token.text === 'true' || token.text === 'false') return token.text === 'true';
    if (token.text === 'null') return null;
    if (peek('(')) return call(token.text);
    if (!(token.text in context)) throw new Error(`expression: unknown context '${token.text}' in '${expression}'`);
    let value: unknown = context[token.text];
    while (peek('.')) {
      index += 1;
      const key = tokens[index];
      index += 1;
      if (key?.kind !== 'name') throw new Error(`expression: expected a property name in '${expression}'`);
      value = typeof value === 'object' && value !== null ? ((value as Record<string, unknown>)[key.text] ?? null) : null;
    }
    return value ?? null;
  };
  const call = (name: string): unknown => {
    expect('(');
    const args = [or()];
    while (peek(',')) {
      index += 1;
      args.push(or());
    }
    expect(')');
    if (name !== 'contains' || args.length !== 2) throw new Error(`expression: unknown function ${name}/${args.length} in '${expression}'`);
    const [search, item] = args;
    if (Array.isArray(search)) return search.some((entry) => equal(entry, item));
    return asText(search).toLowerCase().includes(asText(item).toLowerCase());
  };
  const value = or();
  if (index !== tokens.length) throw new Error(`expression: unexpected text after position ${index} in '${expression}'`);
  return value;
}

function equal(left: unknown, right: unknown): boolean {
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase();
  // Same type (null is not an object here): as they are; objects only the same instance.
  if (typeof left === typeof right && (left === null) === (right === null)) return left === right;
  return toNumber(left) === toNumber(right);
}

function toNumber(value: unknown): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return Number.NaN;
}
