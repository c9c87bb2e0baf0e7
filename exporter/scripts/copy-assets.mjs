// Copies non-TypeScript assets (the price table) next to the compiled code.
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
mkdirSync('dist/pricing', { recursive: true });
copyFileSync('src/pricing/prices.json', 'dist/pricing/prices.json');
chmodSync('dist/cli/main.js', 0o755);
