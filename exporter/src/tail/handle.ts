// The part of an open file the tailer uses. `serve` reads through fs/promises handles, so no read ever blocks the
// event loop; the one-shot commands use a synchronous stand-in with the same shape, because there a thread-pool round
// trip per open, read and close only leaves the CPU idle (a cold scan opens every file once).
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ReadHandle {
  readonly fd: number;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** Opens a file for reading: a fs/promises handle, or with `sync` a handle whose calls are synchronous. */
export async function openForRead(path: string, sync: boolean): Promise<ReadHandle> {
  if (!sync) return await open(path, 'r');
  const fd = openSync(path, 'r');
  let closed = false;
  return {
    fd,
    read: (buffer, offset, length, position) => Promise.resolve({ bytesRead: readSync(fd, buffer, offset, length, position) }),
    close: () => {
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
      return Promise.resolve();
    },
  };
}
