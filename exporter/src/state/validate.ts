// Checks a parsed checkpoint from top to bottom before anything is restored from it: a file of the wrong shape (cut,
// edited, written by another version, damaged on disk) must not reset counters silently (`"ledger": null`) or crash
// every start (`"files": [null]`). Hand-written rather than a schema library: a checkpoint of a large history holds
// hundreds of thousands of entries, and these loops check them in a fraction of the time JSON.parse took.
// Returns the path and nature of the first defect, or undefined when the whole checkpoint is usable.

type Check = (v: unknown, path: string) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${p}: expected a number`);
const count: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : `${p}: expected a number ≥ 0`);
const str: Check = (v, p) => (typeof v === 'string' ? undefined : `${p}: expected text`);
const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p}: expected true or false`);
const optional = (c: Check): Check => (v, p) => (v === undefined ? undefined : c(v, p));
const nullable = (c: Check): Check => (v, p) => (v === null ? undefined : c(v, p));

function list(item: Check): Check {
  return (v, p) => {
    if (!Array.isArray(v)) return `${p}: expected a list`;
    for (let i = 0; i < v.length; i++) {
      const bad = item(v[i], `${p}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  };
}

function tuple(...items: Check[]): Check {
  return (v, p) => {
    if (!Array.isArray(v) || v.length !== items.length) return `${p}: expected a list of ${items.length} items`;
    for (let i = 0; i < items.length; i++) {
      const bad = items[i]!(v[i], `${p}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  };
}

function record(fields: Record<string, Check>): Check {
  return (v, p) => {
    if (!isObj(v)) return `${p}: expected an object`;
    for (const [k, c] of Object.entries(fields)) {
      const bad = c(v[k], `${p}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

function dict(value: Check): Check {
  return (v, p) => {
    if (!isObj(v)) return `${p}: expected an object`;
    for (const [k, x] of Object.entries(v)) {
      const bad = value(x, `${p}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

const scalarState: Check = (v, p) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v)) ? undefined : list(num)(v, p);
const base64Hashes: Check = (v, p) => (typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && Buffer.byteLength(v, 'base64') % 8 === 0 ? undefined : `${p}: expected base64 of 8-byte hashes`);

/** Base64 of packed entries of `bytes` each (the compacted dedup keys and responses). */
const base64Packed = (bytes: number): Check => (v, p) =>
  typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && Buffer.byteLength(v, 'base64') % bytes === 0 ? undefined : `${p}: expected base64 of ${bytes}-byte entries`;

const trackedFile = record({
  path: str, agent: str, dev: num, ino: num, fp: str, fpLen: count, offset: count, skipping: bool, state: dict(scalarState), mtimeMs: optional(num),
  tail: optional(record({ at: count, fp: str })),
});

const session = record({
  agent: str, sessionId: str, project: str, firstMs: num, lastMs: num, lastModel: str, requests: count, costNano: num, tokens: list(count),
  prompts: count, toolCalls: count, toolErrors: count, apiErrors: count, progress: optional(tuple(count, count)), files: optional(list(str)),
});

const ledger = record({
  version: (v, p) => (v === 1 ? undefined : `${p}: expected 1`),
  counters: dict(list(tuple(list(str), num))),
  histograms: dict(list(record({ labels: list(str), counts: list(count), sum: num, count: count }))),
  rollups: list(record({ hourStartSec: num, agent: str, project: str, model: str, inputTokens: count, outputTokens: count, cacheWrite5mTokens: count, cacheWrite1hTokens: count, cacheReadTokens: count, costNano: num, requests: count })),
  responses: list(tuple(str, record({ ts: num, agent: str, project: str, model: str, priceModel: optional(str), session: str, tokens: list(count), costNano: num }))),
  seen: list(tuple(str, num)),
  sessions: list(tuple(str, session)),
  pendingTools: list(tuple(str, record({ tool: str, ts: num, agent: str, session: str }))),
  cold: dict(base64Hashes),
  coldResponses: optional(dict(base64Packed(16))),
  limiters: record({ projects: list(str), models: list(str), tools: list(str) }),
});

const activity = record({
  version: (v, p) => (v === 1 ? undefined : `${p}: expected 1`),
  coverageStartMs: num,
  tools: list(record({ hourStartSec: num, agent: str, project: str, tool: str, calls: count, repeats: count, errors: dict(count), durationCounts: list(count), durationSum: num })),
  activity: list(record({ hourStartSec: num, agent: str, project: str, prompts: count, apiErrors: count })),
  // Responses by output size, written by older versions and ignored since: any list.
  turns: optional((v, p) => (Array.isArray(v) ? undefined : `${p}: expected a list`)),
});

const healthSession = record({
  agent: str, sessionId: str, project: str, lastEventMs: num, lastEventKind: str, awaitingSinceMs: nullable(num), permissionSinceMs: optional(nullable(num)),
  pendingTools: list(tuple(str, record({ tool: str, sinceMs: num }))), callIds: list(tuple(str, num)),
  recentCalls: list(record({ ts: num, key: str, tool: str })), recentTokens: list(tuple(str, record({ ts: num, tokens: num }))),
});

const health = record({
  sessions: list(tuple(str, healthSession)),
  usual: list(tuple(str, list(num), num)),
  openCalls: list(tuple(str, record({ agent: str, tool: str, ts: num }))),
});

const plan = record({
  version: (v, p) => (v === 1 ? undefined : `${p}: expected 1`),
  windows: list(record({ agent: str, window: str, usedRatio: num, resetsAtMs: optional(num), windowMinutes: optional(num), observedMs: num, firstRatio: num, firstMs: num })),
  plans: list(record({ agent: str, planType: str, observedMs: num })),
  contexts: list(record({ agent: str, sessionId: str, project: str, usedRatio: num, windowTokens: optional(num), observedMs: num })),
});

/** Checks of the parts other modules keep in the checkpoint, by part name; unknown parts are refused too. */
const PARTS: Record<string, Check> = { 'reports.activity': activity, health, plan };

const checkpoint = record({
  version: (v, p) => (v === 1 ? undefined : `${p}: unsupported version ${JSON.stringify(v)?.slice(0, 20)}`),
  savedAtMs: num,
  initialScanDone: bool,
  files: list(trackedFile),
  ledger,
  parts: optional((v, p) => {
    if (!isObj(v)) return `${p}: expected an object`;
    for (const [name, part] of Object.entries(v)) {
      const c = PARTS[name];
      const bad = c ? c(part, `${p}.${name}`) : `${p}.${name}: unknown part`;
      if (bad) return bad;
    }
    return undefined;
  }),
});

/** Returns the first defect of a parsed checkpoint as `path: problem`, or undefined when it is whole. */
export function checkpointDefect(data: unknown): string | undefined {
  return checkpoint(data, 'checkpoint');
}
