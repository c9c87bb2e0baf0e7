// The one list of adapters. Adding an agent: one folder beside this file and one line here.
import type { Adapter, AgentId } from './types.js';
import { claudeCodeAdapter } from './claude-code/index.js';
import { codexAdapter } from './codex/index.js';

export const ADAPTERS: readonly Adapter[] = [claudeCodeAdapter, codexAdapter];

/** Returns the adapter for an agent id. */
export function adapterFor(id: AgentId): Adapter {
  const a = ADAPTERS.find((x) => x.id === id);
  if (!a) throw new Error(`no adapter for agent ${id}`);
  return a;
}
