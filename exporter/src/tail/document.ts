// Reading a file that is one JSON document rewritten in place (Gemini CLI's older chat files): the whole text at once.
import type { ReadHandle } from './handle.js';

/** Returns the first `size` bytes of the file as UTF-8 (fewer if it shrank meanwhile: the parser sees a cut text). */
export async function readDocumentText(fh: ReadHandle, size: number): Promise<string> {
  const buf = Buffer.alloc(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await fh.read(buf, at, size - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return buf.toString('utf8', 0, at);
}
