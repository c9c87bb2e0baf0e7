// The YAML parser, loaded on first use: most runs read no config file, and loading it took ~40 ms of every start-up
// (a cold `scan` of 100 MB takes ~0.55 s). Every config module takes it from here, so they share one instance.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

export const loadYaml = (): Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as Yaml);
