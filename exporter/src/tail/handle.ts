// The part of an open file the tailer uses. `serve` reads through fs/promises handles, so no read ever blocks the
// event loop; the one-shot commands use a synchronous stand-in with the same shape, because there a thread-pool round
// trip per open, read and close only leaves the CPU idle (a cold scan opens every file once).
// Only regular files are read: a log path swapped for a FIFO would block a read (and with it the thread pool) until
// someone writes, and a device like /dev/zero never ends. Files are opened non-blocking (a FIFO opens at once) and
// checked after the open, on the descriptor itself, so a swap between a stat and the open changes nothing.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ReadHandle {
  readonly fd: number;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** The error for a path that is not a regular file (code ENOTFILE; counted as unreadable). */
function notAFile(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`not a regular file: ${path}`), { code: 'ENOTFILE', path });
}

/** Opens a regular file for reading: a fs/promises handle, or with `sync` a handle whose calls are synchronous. */
export async function openForRead(path: string, sync: boolean): Promise<ReadHandle> {
  if (!sync) {
    const fh = await open(path, READ_FLAGS);
    if (!fstatSync(fh.fd).isFile()) {
      await fh.close();
      throw notAFile(path);
    }
    return fh;
  }
  const fd = openSync(path, READ_FLAGS);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw notAFile(path);
  }
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
