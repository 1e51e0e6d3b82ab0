/**
 * Least privilege, checked: every permission, host, content-script match, web-accessible
 * resource, CSP and external connection in a built manifest must be named, with its reason, in
 * the allowlist block of docs/permissions.md. Pure functions; scripts/check-manifest.ts applies
 * them to the built Chrome and Firefox manifests in `npm test`.
 */

export const CATEGORIES = [
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_script_matches',
  'web_accessible_resources',
  'web_accessible_matches',
  'content_security_policy',
  'externally_connectable',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Category → allowed value → why PlanLens needs it. */
export type Allowlist = Record<Category, Record<string, string>>;

/** The info string that marks the allowlist's fenced block in docs/permissions.md. */
export const BLOCK_TAG = 'json manifest-allowlist';

/** Reads the allowlist block of a Markdown document; throws with a clear message on any defect. */
export function readAllowlist(markdown: string): Allowlist {
  const blocks = [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm)].filter(
    (m) => m[1]?.trim() === BLOCK_TAG,
  );
  if (blocks.length !== 1) throw new Error(`expected one \`\`\`${BLOCK_TAG} block, found ${blocks.length}`);
  let raw: unknown;
  try {
    raw = JSON.parse(blocks[0]?.[2] ?? '');
  } catch (error) {
    throw new Error(`the allowlist block is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw new Error('the allowlist block must be a JSON object');
  for (const key of Object.keys(raw))
    if (!(CATEGORIES as readonly string[]).includes(key)) throw new Error(`unknown allowlist category "${key}"`);
  const list = {} as Allowlist;
  for (const category of CATEGORIES) {
    const entries = raw[category];
    if (!isRecord(entries)) throw new Error(`allowlist category "${category}" is missing or not an object`);
    for (const [value, why] of Object.entries(entries))
      if (typeof why !== 'string' || why.trim().length < 10)
        throw new Error(`allowlist entry ${category} "${value}" needs its reason (a sentence)`);
    list[category] = entries as Record<string, string>;
  }
  return list;
}

/** Everything a manifest asks for, by category (Manifest V3, and the V2 shapes where they differ). */
export function manifestEntries(manifest: unknown): Record<Category, string[]> {
  const m = isRecord(manifest) ? manifest : {};
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, [] as string[]])) as Record<Category, string[]>;
  const add = (category: Category, value: unknown) => {
    out[category].push(typeof value === 'string' ? value : JSON.stringify(value));
  };
  for (const category of [
    'permissions',
    'optional_permissions',
    'host_permissions',
    'optional_host_permissions',
  ] as const)
    for (const value of asList(m[category])) add(category, value);
  for (const script of asList(m.content_scripts))
    for (const match of asList(isRecord(script) ? script.matches : undefined)) add('content_script_matches', match);
  for (const entry of asList(m.web_accessible_resources)) {
    if (!isRecord(entry)) {
      add('web_accessible_resources', entry); // Manifest V2: a list of paths.
      continue;
    }
    for (const resource of asList(entry.resources)) add('web_accessible_resources', resource);
    for (const match of asList(entry.matches)) add('web_accessible_matches', match);
    for (const id of asList(entry.extension_ids)) add('web_accessible_matches', `extension:${String(id)}`);
  }
  const csp = m.content_security_policy;
  if (typeof csp === 'string') add('content_security_policy', `extension_pages: ${csp}`);
  else if (isRecord(csp))
    for (const [key, value] of Object.entries(csp)) add('content_security_policy', `${key}: ${value}`);
  const external = m.externally_connectable;
  if (isRecord(external))
    for (const [key, values] of Object.entries(external))
      for (const value of asList(values)) add('externally_connectable', `${key}: ${String(value)}`);
  else if (external !== undefined) add('externally_connectable', external);
  return out;
}

/** One line per manifest entry the allowlist does not name (empty when the manifest is within it). */
export function unlistedEntries(manifest: unknown, allowlist: Allowlist): string[] {
  const entries = manifestEntries(manifest);
  return CATEGORIES.flatMap((category) =>
    [...new Set(entries[category])]
      .filter((value) => !Object.hasOwn(allowlist[category], value))
      .map((value) => `${category}: ${JSON.stringify(value)} is not in the allowlist of docs/permissions.md`),
  );
}

/** Allowlist entries no given manifest uses (worth removing, but not an error). */
export function unusedEntries(manifests: unknown[], allowlist: Allowlist): string[] {
  const used = manifests.map(manifestEntries);
  return CATEGORIES.flatMap((category) =>
    Object.keys(allowlist[category])
      .filter((value) => !used.some((entries) => entries[category].includes(value)))
      .map((value) => `${category}: ${JSON.stringify(value)}`),
  );
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
