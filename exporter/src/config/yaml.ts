// The YAML parser, loaded on first use: most runs read no config file, and loading it was a tenth of a cold `scan`
// of 100 MB (most of it start-up). Every config module takes it from here, so they share one instance.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

export const loadYaml = (): Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as Yaml);
