// The one list of adapters. Adding an agent: one folder beside this file and one line here.
import type { Adapter, AgentId, BuiltinAdapter } from './types.js';
import { claudeCodeAdapter } from './claude-code/index.js';
import { codexAdapter } from './codex/index.js';
import { geminiAdapter } from './gemini/index.js';
import { withHookSpool } from '../hooks/adapter.js';

export const ADAPTERS: readonly BuiltinAdapter[] = [withHookSpool(claudeCodeAdapter), codexAdapter, geminiAdapter];

/** Adapters of the custom logs in the config, by agent name (set when an engine is built from a config). */
const custom = new Map<AgentId, Adapter>();

/** Makes the config's custom log adapters known under their agent names (replacing any from an earlier config). */
export function registerCustomAdapters(list: readonly Adapter[]): void {
  for (const a of list) custom.set(a.id, a);
}

/** Returns the adapter for an agent id. */
export function adapterFor(id: AgentId): Adapter {
  const a = ADAPTERS.find((x) => x.id === id) ?? custom.get(id);
  if (!a) throw new Error(`no adapter for agent ${id}`);
  return a;
}
