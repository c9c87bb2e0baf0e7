// A module resolve hook for startup.test.ts: appends every resolved module URL to the file named by
// AGENTMON_TRACE_MODULES, one per line. Registered with module.register() from a --import data: URL.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.AGENTMON_TRACE_MODULES) appendFileSync(process.env.AGENTMON_TRACE_MODULES, `${r.url}\n`);
  return r;
}
