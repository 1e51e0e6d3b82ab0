import fc from 'fast-check';

/**
 * Random damage to a JSON document, for the validators: at one place in the tree, delete the
 * value, replace it with another JSON value or a near miss of the right type, or add a key.
 */

export type JsonPath = Array<string | number>;
export interface Mutation {
  path: JsonPath;
  op: 'delete' | 'replace' | 'add-key';
  value: unknown;
  key: string;
}

/** Every place in a JSON value (the root is []). */
export function pathsOf(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** Values that are almost right: wrong type, empty, too long, out of range, hostile. */
const nearMiss = fc.oneof(
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -1,
    1.5,
    1e308,
    true,
    [],
    {},
    [''],
    ['*'],
    [null],
    '<img src=x onerror=alert(1)>',
    'x'.repeat(5000),
    'Exploration',
    'coaching',
    'installation',
    'coaching.installation.other-slug',
    '__proto__',
    '2026-13-45T99:00:00Z',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
);

export const jsonLike = fc.oneof(
  { weight: 3, arbitrary: nearMiss },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/**
 * A mutation somewhere in `base`: a place chosen uniformly among all of them (to delete or
 * replace) or among its objects (to add a key to).
 */
export function mutationOf(base: unknown, paths = pathsOf(base)): fc.Arbitrary<Mutation> {
  const objects = paths.filter((p) => {
    const node = p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], base);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
  const key = fc.oneof(fc.constantFrom('extra', 'id', 'questions', 'weight', 'version', 'constructor'), fc.string());
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        path: fc.constantFrom(...paths),
        op: fc.constantFrom('delete', 'replace', 'replace'),
        value: jsonLike,
        key,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ path: fc.constantFrom(...objects), op: fc.constant('add-key'), value: jsonLike, key }),
    },
  ) as fc.Arbitrary<Mutation>;
}

/** A deep copy of `base` with the mutation applied; the path's parents must exist in base. */
export function applyMutation<T>(base: T, m: Mutation): unknown {
  const root = structuredClone(base) as unknown;
  if (m.path.length === 0) {
    if (m.op === 'replace') return m.value;
    if (m.op === 'delete') return undefined;
  }
  const parent = m.path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], root);
  const last = m.path[m.path.length - 1];
  const target = m.path.length ? (parent as Record<string | number, unknown>)[last as string | number] : root;
  if (m.op === 'add-key') {
    if (target && typeof target === 'object' && !Array.isArray(target))
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(m.value);
    return root;
  }
  if (last === undefined) return root;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<string, unknown>)[last];
  } else (parent as Record<string | number, unknown>)[last] = m.value;
  return root;
}
