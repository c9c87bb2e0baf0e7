// Runs inside the stack's network namespace and makes its loopback ports reachable from outside it as Unix sockets:
//   node forward.mjs DIR PORT...   →  DIR/PORT.sock forwards to 127.0.0.1:PORT in the namespace
// The stack's containers share a network namespace of their own (the engine runs in it), so their 127.0.0.1 is not
// the machine's: nothing they listen on is reachable from the machine's network, and the machine's ports never clash.
import { createConnection, createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...ports] = process.argv.slice(2);
if (!dir || ports.length === 0) {
  process.stderr.write('usage: node forward.mjs DIR PORT...\n');
  process.exit(2);
}
for (const port of ports) {
  const path = join(dir, `${port}.sock`);
  rmSync(path, { force: true });
  createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: Number(port) });
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  }).listen(path);
}
process.stdout.write('ready\n');
// Ends with the test that started it: stdin closes when the parent goes away.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
