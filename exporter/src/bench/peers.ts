// Other tools measured beside agentmon on the same corpus, as optional peers: tokscale 4.17 (a Rust binary, its
// linux-x64-gnu npm package) and ccusage 18, installed from the npm registry into a scratch folder the first time
// (no network: the peers are left out and the report says so), and `cat` of the same files as the floor.
//
// tokscale and ccusage read the agents' default folders below $HOME, so each gets a HOME whose .claude/projects and
// .codex/sessions are links to the corpus. tokscale keeps a cache of parsed messages under $HOME/.config/tokscale:
// it is removed before every run, so each run is cold like agentmon's. tokscale tries the network for prices and
// carries on without; ccusage runs with --offline.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanCorpus } from './corpus.js';

export const TOKSCALE_PACKAGE = '@tokscale/cli-linux-x64-gnu@4.17.0';
export const CCUSAGE_PACKAGE = 'ccusage@18.0.11';

export interface Peers {
  tokscale?: string;
  ccusage?: string;
  /** Why a peer is missing, for the report. */
  missing: string[];
}

/** Installs the peers into `dir` unless they are there; returns the executables found. */
export function ensurePeers(dir: string, log: (msg: string) => void): Peers {
  const tokscale = join(dir, 'node_modules', '@tokscale', 'cli-linux-x64-gnu', 'bin', 'tokscale');
  const ccusage = join(dir, 'node_modules', 'ccusage', 'dist', 'index.js');
  if (!existsSync(tokscale) || !existsSync(ccusage)) {
    mkdirSync(dir, { recursive: true });
    log(`installing ${TOKSCALE_PACKAGE} and ${CCUSAGE_PACKAGE} into ${dir} (optional peers)`);
    try {
      execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', TOKSCALE_PACKAGE, CCUSAGE_PACKAGE], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    } catch (err) {
      log(`  could not install the peers (${String(err).split('\n')[0]}); measuring without them`);
    }
  }
  const peers: Peers = { missing: [] };
  if (existsSync(tokscale) && process.platform === 'linux' && process.arch === 'x64') {
    chmodSync(tokscale, 0o755);
    peers.tokscale = tokscale;
  } else peers.missing.push(`tokscale (${TOKSCALE_PACKAGE}) not installed or not for this platform`);
  if (existsSync(ccusage)) peers.ccusage = ccusage;
  else peers.missing.push(`ccusage (${CCUSAGE_PACKAGE}) not installed`);
  return peers;
}

/** Returns a HOME for the peers whose agent folders link to the corpus (made once per corpus). */
export function peerHome(work: string, corpus: ScanCorpus): string {
  const home = join(work, 'peer-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(join(home, '.claude'), { recursive: true });
  mkdirSync(join(home, '.codex'), { recursive: true });
  symlinkSync(corpus.claudeDir, join(home, '.claude', 'projects'));
  symlinkSync(join(corpus.codexDir, 'sessions'), join(home, '.codex', 'sessions'));
  return home;
}

/** Removes tokscale's cache of parsed messages so its next run reads every file (a cold run). */
export function clearTokscaleCache(home: string): void {
  rmSync(join(home, '.config', 'tokscale', 'cache'), { recursive: true, force: true });
}

/** Totals in the scan's terms: output includes reasoning (tokscale lists reasoning apart). */
export interface PeerTotals {
  tokens: number;
  requests: number;
}

/** Reads `tokscale monthly --json` output. */
export function tokscaleTotals(stdout: string): PeerTotals {
  const j = JSON.parse(stdout) as { entries: { input: number; output: number; cacheRead: number; cacheWrite: number; reasoning?: number; messageCount: number }[] };
  let tokens = 0;
  let requests = 0;
  for (const e of j.entries) {
    tokens += e.input + e.output + (e.reasoning ?? 0) + e.cacheRead + e.cacheWrite;
    requests += e.messageCount;
  }
  return { tokens, requests };
}

/** Reads `ccusage daily --json` output (Claude Code only: ccusage 18 does not read Codex). */
export function ccusageTotals(stdout: string): PeerTotals {
  const j = JSON.parse(stdout) as { totals: { inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number } };
  const t = j.totals;
  return { tokens: t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens, requests: NaN };
}
