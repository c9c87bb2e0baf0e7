// `npm run bench`: generates a deterministic corpus and measures agentmon as real processes — cold scan vs a naive
// baseline, append-to-/metrics latency, idle CPU while tailing, /metrics render time at ~15k series — then prints
// a Markdown table (and with --write-doc puts it into docs/PERFORMANCE.md). Not part of `npm test`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_SHAPES, type CorpusShape, generateScanCorpus, measureTree, type ScanCorpus } from './corpus.js';
import { ensurePeers, type Peers } from './peers.js';
import { benchRender } from './render-bench.js';
import { renderReport, updateDoc, type BenchReport } from './report.js';
import { benchScan, benchServeHistory } from './scan-bench.js';
import { benchTail } from './tail-bench.js';

const HELP = `Usage: npm run bench -- [options]   (or: node exporter/dist/bench/run.js [options])

Options:
  --size SIZE      scan corpus size, e.g. 100MB (default), 1GB
  --quick          ~20 MB smoke run with shorter latency and idle phases
  --out DIR        keep the corpus in DIR (reused on the next run with the same size and seed)
  --seed N         corpus seed (default 1)
  --only PARTS     comma list of scan,tail,render (default: all)
  --shapes LIST    scan corpus shapes, comma list of mixed,long-lines (default: both)
  --rounds N       alternating rounds of the scan commands (default 2)
  --peers DIR      where tokscale 4.17 and ccusage 18 are installed as optional peers
                   (default: <tmp>/agentmon-bench-peers; installed from the npm registry when missing)
  --no-peers       measure without the peers
  --write-doc      write the results into docs/PERFORMANCE.md
  -h, --help       show this help
`;

const here = dirname(fileURLToPath(import.meta.url));
const MAIN_JS = resolve(here, '../cli/main.js');
const BASELINE_JS = resolve(here, 'baseline.js');
const DOC = resolve(here, '../../../docs/PERFORMANCE.md');

/** Parses 100MB / 1GB / 500M / 2e8 into bytes (decimal units). */
function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)B?$/i.exec(text.trim());
  if (!m) throw new Error(`--size expects a size like 100MB or 1GB, got "${text}"`);
  const unit = { '': 1, K: 1e3, M: 1e6, G: 1e9 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Math.round(Number(m[1]) * unit);
}

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Returns the scan corpus in dir, generating it unless a manifest says the same one is already there. */
function scanCorpus(dir: string, bytes: number, seed: number, shape: CorpusShape): ScanCorpus {
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { target: number; seed: number; corpus: Partial<ScanCorpus> };
    if (m.target === bytes && m.seed === seed && m.corpus.shape === shape && m.corpus.claudeExpected) {
      log(`reusing corpus in ${dir}`);
      return m.corpus as ScanCorpus;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const t0 = Date.now();
  const corpus = generateScanCorpus(dir, bytes, seed, shape);
  const onDisk = measureTree(dir);
  log(`generated ${(onDisk.bytes / 1e6).toFixed(0)} MB (${shape}) in ${onDisk.files} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const result = { ...corpus, files: onDisk.files, bytes: onDisk.bytes };
  writeFileSync(manifest, JSON.stringify({ target: bytes, seed, corpus: result }));
  return result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' }, quick: { type: 'boolean' }, out: { type: 'string' }, seed: { type: 'string' },
      shapes: { type: 'string' }, rounds: { type: 'string' }, peers: { type: 'string' }, 'no-peers': { type: 'boolean' },
      only: { type: 'string' }, 'write-doc': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build first (npm run build -w exporter)`);
  const quick = values.quick === true;
  const bytes = parseSize(values.size ?? (quick ? '20MB' : '100MB'));
  const label = quick ? 'quick' : values.size ? values.size.toUpperCase() : 'default';
  const seed = Number(values.seed ?? 1);
  const parts = new Set((values.only ?? 'scan,tail,render').split(',').map((s) => s.trim()));
  const shapes = (values.shapes ?? CORPUS_SHAPES.join(',')).split(',').map((s) => s.trim());
  for (const shape of shapes) if (!(CORPUS_SHAPES as readonly string[]).includes(shape)) throw new Error(`--shapes expects ${CORPUS_SHAPES.join(', ')}, got "${shape}"`);
  const rounds = Number(values.rounds ?? 2);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds expects a whole number ≥ 1, got "${values.rounds}"`);
  const work = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'agentmon-bench-'));
  mkdirSync(work, { recursive: true });
  const viaNpm = process.env.npm_lifecycle_event === 'bench';
  const argv = process.argv.slice(2).join(' ');
  const report: BenchReport = {
    label,
    command: viaNpm ? `npm run bench${argv ? ` -- ${argv}` : ''}` : `node exporter/dist/bench/run.js ${argv}`.trim(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${cpus().length} cores (nproc) ${cpus()[0]?.model.trim() ?? ''}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`,
    loadBefore: load(),
    loadAfter: '',
  };
  log(`agentmon bench (${label}) in ${work}`);
  try {
    if (parts.has('scan')) {
      const peers: Peers = values['no-peers'] ? { missing: ['not measured (--no-peers)'] } : ensurePeers(resolve(values.peers ?? join(tmpdir(), 'agentmon-bench-peers')), log);
      for (const shape of shapes as CorpusShape[]) {
        log(`1/3 cold scan vs naive baseline, tokscale and cat (${(bytes / 1e6).toFixed(0)} MB ${shape} corpus)`);
        const corpus = scanCorpus(join(work, shape === 'mixed' ? 'scan' : `scan-${shape}`), bytes, seed, shape);
        const result = await benchScan(corpus, MAIN_JS, BASELINE_JS, rounds, log, peers, work);
        // serve with that history: the whole set of checks on the mixed corpus, the history read alone on the other.
        const full = shape === 'mixed';
        const history = await benchServeHistory(corpus, MAIN_JS, work, quick ? 20 : 50, quick ? 10 : 60, seed, !full);
        result.serve = history;
        const extra = history.appends ? `; appends p99 ${history.appends.p99Ms.toFixed(0)} ms; CPU after the appends ${history.afterActivityCpuPercent!.toFixed(2)} %, then idle ${history.idleCpuPercent!.toFixed(2)} %` : '';
        log(`  serve read the same corpus in ${history.readySeconds.toFixed(1)} s (${(history.peakRssReady / 1e6).toFixed(0)} MB peak RSS)${extra}`);
        rmSync(join(work, 'serve-history'), { recursive: true, force: true });
        (report.scans ??= []).push(result);
      }
    }
    if (parts.has('tail')) {
      const opts = quick ? { files: 200, samples: 60, rate: 10, idleSeconds: 10 } : { files: 200, samples: 200, rate: 10, idleSeconds: 20 };
      log(`2/3 append latency (${opts.samples} appends at ${opts.rate}/s to ${opts.files} files) and ${opts.idleSeconds} s idle CPU`);
      rmSync(join(work, 'tail'), { recursive: true, force: true });
      report.tail = await benchTail(MAIN_JS, join(work, 'tail'), opts, seed, log);
    }
    if (parts.has('render')) {
      log('3/3 /metrics render time at ~15k series');
      rmSync(join(work, 'series'), { recursive: true, force: true });
      report.render = await benchRender(MAIN_JS, join(work, 'series'), 205, 20, seed, log);
    }
  } finally {
    if (!values.out) rmSync(work, { recursive: true, force: true });
  }
  report.loadAfter = load();
  if (values.out) writeFileSync(join(work, `results-${label}.json`), JSON.stringify(report, null, 1));
  const section = renderReport(report);
  process.stdout.write(`\n${section}`);
  if (values['write-doc']) {
    updateDoc(DOC, label, section);
    log(`wrote ${DOC}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
