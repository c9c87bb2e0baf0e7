// Copies non-TypeScript assets (the price table) next to the compiled code.
import { copyFileSync, mkdirSync, chmodSync, cpSync, writeFileSync } from 'node:fs';
mkdirSync('dist/pricing', { recursive: true });
copyFileSync('src/pricing/prices.json', 'dist/pricing/prices.json');
// The built-in report templates (daily, weekly, monthly) stay editable YAML beside the code.
cpSync('src/reports/templates', 'dist/reports/templates', { recursive: true });
chmodSync('dist/cli/main.js', 0o755);
// The last step of a build: scripts/start.mjs rebuilds when a source is newer than this stamp.
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
