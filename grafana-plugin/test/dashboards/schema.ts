// A JSON Schema for dashboards derived from @grafana/schema's Dashboard type (the generated TypeScript of
// Grafana's own dashboard schema), with unknown properties forbidden, checked with ajv.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';

const require = createRequire(import.meta.url);

/** The .d.ts holding Dashboard, Panel, VariableModel... as @grafana/schema ships them. */
export const DASHBOARD_TYPES = join(
  dirname(require.resolve('@grafana/schema/package.json')),
  'dist',
  'types',
  'raw',
  'dashboard',
  'x',
  'types.gen.d.ts'
);

let cached: ValidateFunction | undefined;

/** Returns the JSON Schema of @grafana/schema's Dashboard type. */
export function dashboardJsonSchema(): object {
  return createGenerator({
    path: DASHBOARD_TYPES,
    type: 'Dashboard',
    skipTypeCheck: true,
    additionalProperties: false,
    topRef: true,
    expose: 'export',
  }).createSchema('Dashboard');
}

/** Returns a validator for that schema (compiled once). */
export function dashboardValidator(): ValidateFunction {
  cached ??= new Ajv({ allErrors: true, strict: false }).compile(dashboardJsonSchema());
  return cached;
}

/** "path: message" for each schema violation, or [] when d is valid. */
export function schemaErrors(d: unknown): string[] {
  const validate = dashboardValidator();
  return validate(d)
    ? []
    : (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`
      );
}
