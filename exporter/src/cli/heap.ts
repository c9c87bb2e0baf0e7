// Imported first by the commands that read a whole history into lasting state (serve, backfill, report): a smaller
// heap growth factor. Reading a large history allocates fast and keeps little of it, which by default lets V8 grow the
// heap to about four times what is live: serve over 3 GB of history peaked at ~460 MB for ~75 MB of live data. A heap
// grown by at most 1.5× after each full collection keeps the peak under 300 MB at the same speed (docs/PERFORMANCE.md).
// `scan` keeps only per-day sums and does without: loading node:v8 is a few ms of its start-up.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--heap-growing-percent=50');
