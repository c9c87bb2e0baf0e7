// The HTML report printed to PDF by headless Chromium (Debian's /usr/bin/chromium through playwright-core), so the
// PDF holds exactly the HTML's content and charts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Chromium to print with: AGENTMON_CHROMIUM, else Debian's. */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.AGENTMON_CHROMIUM?.trim() || '/usr/bin/chromium';

/** Flags for a headless Chromium that talks to no one. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Runs `fn` with a fresh headless Chromium page, then closes the browser and removes its profile. */
export async function withChromiumPage<T>(fn: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'agentmon-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, offline: true });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(`cannot start Chromium at ${chromiumPath()} for PDF output (install Debian's chromium, or set AGENTMON_CHROMIUM): ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    return await fn(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** Returns the HTML printed to an A4 PDF. */
export async function renderPdf(html: string): Promise<Buffer> {
  return await withChromiumPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
  });
}
