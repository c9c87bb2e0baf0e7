// The three corpora the benchmark needs, all from a fixed seed: the scan corpus (sized in bytes), the tail corpus
// (many small files to append to) and the series corpus (many projects × models × tools for a big /metrics).
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ClaudeCorpus } from './claude-corpus.js';
import { CodexCorpus } from './codex-corpus.js';
import { Prng } from './prng.js';
import { TextPool } from './text.js';
import { JsonlWriter, type TokenTotals } from './writer.js';

/** Where the benchmark's fixed corpus days start (UTC). */
const BASE_MS = Date.UTC(2026, 9, 1);
const DAY_MS = 86_400_000;
const PROJECTS = ['api-gateway', 'billing', 'web-app', 'infra', 'mobile', 'data-pipeline', 'auth', 'search', 'docs-site', 'cli', 'ml-training', 'payments'];

export interface ScanCorpus {
  claudeDir: string;
  codexDir: string;
  files: number;
  bytes: number;
  /** Totals the generator wrote, each response counted once: what an exact reader must report. */
  expected: TokenTotals;
  /** The Claude Code part of `expected` (for peers that read only Claude Code). */
  claudeExpected: TokenTotals;
  shape: CorpusShape;
}

/**
 * The shapes of scan corpus: `mixed` follows the shared samples (0.2 % of tool results ~1 MB); `long-lines` puts
 * most bytes in 1–3 MB lines (big tool results, pasted screenshots), as in histories where a few hundred such lines
 * hold three quarters of the bytes.
 */
export type CorpusShape = 'mixed' | 'long-lines';
export const CORPUS_SHAPES: readonly CorpusShape[] = ['mixed', 'long-lines'];

/** Writes about `targetBytes` of transcripts below dir (80 % Claude Code, 20 % Codex by bytes). */
export function generateScanCorpus(dir: string, targetBytes: number, seed: number, shape: CorpusShape = 'mixed'): ScanCorpus {
  const rng = new Prng(seed);
  const pool = new TextPool(rng);
  const claudeDir = join(dir, 'claude', 'projects');
  const codexDir = join(dir, 'codex');
  const longLines = shape === 'long-lines';
  const claude = new ClaudeCorpus(claudeDir, rng, pool, { maxTurns: 12, maxToolResultBytes: 2_000_000, subagents: true, longLines });
  const codex = new CodexCorpus(codexDir, rng, pool, 2_000_000, longLines);
  const when = (): number => BASE_MS + rng.int(0, 30 * DAY_MS);
  while (claude.bytes < targetBytes * 0.8) claude.session(rng.pick(PROJECTS), when());
  while (claude.bytes + codex.bytes < targetBytes) codex.session(rng.pick(PROJECTS), when());
  const expected = { ...claude.expected };
  for (const k of Object.keys(expected) as (keyof TokenTotals)[]) expected[k] += codex.expected[k];
  return { claudeDir, codexDir, files: claude.files + codex.files, bytes: claude.bytes + codex.bytes, expected, claudeExpected: { ...claude.expected }, shape };
}

export interface TailFile {
  path: string;
  project: string;
  sessionId: string;
}

/** Writes `count` small files (90 % Claude Code, 10 % Codex); returns the Claude transcripts to append to. */
export function generateTailCorpus(dir: string, count: number, seed: number): { claudeDir: string; codexDir: string; appendable: TailFile[] } {
  const rng = new Prng(seed);
  const pool = new TextPool(rng);
  const claudeDir = join(dir, 'claude', 'projects');
  const codexDir = join(dir, 'codex');
  const claude = new ClaudeCorpus(claudeDir, rng, pool, { maxTurns: 2, maxToolResultBytes: 20_000, subagents: false });
  const codex = new CodexCorpus(codexDir, rng, pool, 20_000);
  const appendable: TailFile[] = [];
  const claudeCount = Math.ceil(count * 0.9);
  for (let i = 0; i < claudeCount; i++) {
    const project = PROJECTS[i % PROJECTS.length]!;
    const [path] = claude.session(project, BASE_MS + rng.int(0, 30 * DAY_MS));
    appendable.push({ path: path!, project, sessionId: basename(path!, '.jsonl') });
  }
  for (let i = claudeCount; i < count; i++) codex.session(PROJECTS[i % PROJECTS.length]!, BASE_MS + rng.int(0, 30 * DAY_MS), rng.int(1, 2));
  return { claudeDir, codexDir, appendable };
}

/** Models used by the series corpus: all priced, so no unpriced-model series are added. */
const SERIES_MODELS = ['claude-opus-4-6', 'claude-opus-4-5', 'claude-opus-4-1', 'claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-sonnet-4', 'claude-haiku-4-5', 'claude-3-7-sonnet', 'claude-3-5-haiku', 'claude-3-opus'];

/** Writes one Claude transcript per project, each using every model and a few tools: ~7 series per project × model. */
export function generateSeriesCorpus(dir: string, projects: number, seed: number): { claudeDir: string } {
  const rng = new Prng(seed);
  const claudeDir = join(dir, 'claude', 'projects');
  for (let p = 0; p < projects; p++) {
    const sessionId = rng.uuid();
    const cwd = `/home/dev/code/project-${String(p).padStart(4, '0')}`;
    const w = new JsonlWriter(join(claudeDir, `-home-dev-code-project-${p}`, `${sessionId}.jsonl`));
    let t = BASE_MS + rng.int(0, 30 * DAY_MS);
    const line = (fields: Record<string, unknown>): void => void w.write({ cwd, sessionId, version: '2.1.39', uuid: rng.uuid(), timestamp: new Date((t += rng.int(200, 5_000))).toISOString(), ...fields });
    line({ type: 'user', message: { role: 'user', content: 'go' } });
    SERIES_MODELS.forEach((model, m) => {
      const toolId = `toolu_01${rng.base62(22)}`;
      const usage = { input_tokens: rng.int(1, 9), output_tokens: rng.int(10, 900), cache_creation_input_tokens: rng.int(10, 900), cache_read_input_tokens: rng.int(100, 9000) };
      const content = [{ type: 'tool_use', id: toolId, name: `Tool${(p + (m % 4) * 10) % 40}`, input: {} }];
      line({ type: 'assistant', requestId: `req_011C${rng.base62(18)}`, message: { id: `msg_01${rng.base62(22)}`, role: 'assistant', model, content, usage } });
      line({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolId, content: 'ok', is_error: false }] } });
    });
    w.close();
  }
  return { claudeDir };
}

/** Lists the main Claude Code transcripts below claudeDir (not subagent files), to append to. */
export function appendableFiles(claudeDir: string): TailFile[] {
  const out: TailFile[] = [];
  for (const entry of readdirSync(claudeDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.jsonl') || entry.parentPath.includes('subagents')) continue;
    out.push({ path: join(entry.parentPath, entry.name), project: basename(entry.parentPath).replace(/^-home-dev-code-/, ''), sessionId: basename(entry.name, '.jsonl') });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Returns the number of files and total bytes below dir. */
export function measureTree(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
