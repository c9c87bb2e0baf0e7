// Folder delivery: the rendered files are written into a folder (a shared drive, a synced folder, a web root).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderedFile } from '../render/index.js';

/** Writes each file into `dir` (created if needed); a reader never sees a half-written file. */
export async function writeToFolder(dir: string, files: RenderedFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of files) {
    const tmp = join(dir, `.${f.fileName}.tmp-${process.pid}`);
    await writeFile(tmp, f.body);
    await rename(tmp, join(dir, f.fileName));
  }
}
