#!/usr/bin/env node
// The installed `agentmon` command. It runs the built CLI (dist/cli/main.js) and lives outside dist/ so that npm can
// link it at install time, before the first build (npm skips a bin whose file does not exist yet).
const main = new URL('../dist/cli/main.js', import.meta.url);
import(main.href).catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(main.pathname)) {
    process.stderr.write('agentmon: the exporter is not built yet; run `npm run build -w exporter` (or `npm start`) in the repository first\n');
    process.exit(1);
  }
  throw err;
});
