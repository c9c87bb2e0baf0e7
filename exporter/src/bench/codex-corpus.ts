// Writes Codex CLI rollouts shaped like shared/samples/codex: session_meta with the long base instructions,
// turn_context per turn, response_items (messages, reasoning, function_call + output), and cumulative token_count
// events, some re-emitted unchanged (the real-world duplicate pattern). Tracks the true totals as it goes.
import { join } from 'node:path';
import type { Prng } from './prng.js';
import { type TextPool, toolResultBytes } from './text.js';
import { JsonlWriter, type TokenTotals, zeroTotals } from './writer.js';

const MODELS = ['gpt-5.4', 'gpt-5.3-codex', 'gpt-5.1-codex-max'];
const COMMANDS = ['rg -n "parse" src', "sed -n '1,200p' src/main.rs", 'cargo test', 'git diff', 'ls -R src'];

type Usage = { input_tokens: number; cached_input_tokens: number; output_tokens: number; reasoning_output_tokens: number; total_tokens: number };

export class CodexCorpus {
  readonly expected: TokenTotals = zeroTotals();
  files = 0;
  bytes = 0;

  constructor(private readonly root: string, private readonly rng: Prng, private readonly pool: TextPool, private readonly maxToolResultBytes: number, private readonly longLines = false) {}

  /** Writes one rollout file under sessions/YYYY/MM/DD/; returns its path. */
  session(project: string, startMs: number, turns = this.rng.int(1, 12)): string {
    const rng = this.rng;
    let t = startMs;
    const iso = (): string => new Date((t += rng.int(1, 3_000))).toISOString();
    const day = new Date(startMs).toISOString();
    const id = rng.uuid();
    const path = join(this.root, 'sessions', day.slice(0, 4), day.slice(5, 7), day.slice(8, 10), `rollout-${day.slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`);
    const w = new JsonlWriter(path);
    const cwd = `/home/dev/code/${project}`;
    const model = rng.pick(MODELS);
    const line = (type: string, payload: Record<string, unknown>): void => void w.write({ timestamp: iso(), type, payload });
    const rateLimits = { limit_id: 'codex', limit_name: null, primary: { used_percent: rng.int(1, 90), window_minutes: 300, resets_at: 1_790_000_000 }, secondary: { used_percent: rng.int(1, 60), window_minutes: 10080, resets_at: 1_790_500_000 }, credits: null, plan_type: 'plus', rate_limit_reached_type: null };
    line('session_meta', { id, timestamp: new Date(startMs).toISOString(), cwd, originator: 'codex_cli_rs', cli_version: '0.129.0', source: 'cli', model_provider: 'openai', base_instructions: { text: this.pool.sentences(rng, 120) }, git: { commit_hash: rng.hex(40), branch: 'main', repository_url: `https://example.com/dev/${project}` } });
    const total: Usage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
    let context = rng.int(6_000, 14_000);
    const tokenCount = (): void => {
      const output = rng.logInt(30, 4_000);
      const last: Usage = { input_tokens: context, cached_input_tokens: Math.floor(context * rng.int(70, 98) / 100), output_tokens: output, reasoning_output_tokens: Math.floor(output * rng.int(0, 60) / 100), total_tokens: context + output };
      for (const k of Object.keys(total) as (keyof Usage)[]) total[k] += last[k];
      const text = JSON.stringify({ type: 'token_count', info: { total_token_usage: { ...total }, last_token_usage: last, model_context_window: 258400 }, rate_limits: rateLimits });
      line('event_msg', JSON.parse(text) as Record<string, unknown>);
      // Codex sometimes writes the same cumulative total again: it adds nothing.
      if (rng.chance(0.05)) line('event_msg', JSON.parse(text) as Record<string, unknown>);
      const e = this.expected;
      e.input += last.input_tokens - last.cached_input_tokens;
      e.cacheRead += last.cached_input_tokens;
      e.output += last.output_tokens;
      e.requests += 1;
      context = Math.min(context + output + rng.int(200, 6_000), 250_000);
    };
    for (let turn = 0; turn < turns; turn++) {
      const turnId = rng.uuid();
      line('event_msg', { type: 'task_started', turn_id: turnId, started_at: Math.floor(t / 1000), model_context_window: 258400, collaboration_mode_kind: 'default' });
      if (turn === 0) {
        line('response_item', { type: 'message', role: 'developer', content: [{ type: 'input_text', text: `<permissions instructions>\n${this.pool.sentences(rng, 20)}\n</permissions instructions>` }] });
        line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>` }] });
      }
      line('turn_context', { turn_id: turnId, cwd, current_date: day.slice(0, 10), timezone: 'UTC', approval_policy: 'on-request', sandbox_policy: { type: 'workspace-write', writable_roots: ['/tmp'], network_access: false }, model, personality: 'pragmatic', collaboration_mode: { mode: 'default', settings: { model, reasoning_effort: 'medium', developer_instructions: null } }, effort: 'medium', summary: 'auto', truncation_policy: { mode: 'tokens', limit: 10000 } });
      const prompt = this.pool.sentences(rng, rng.int(1, 6));
      line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] });
      line('event_msg', { type: 'user_message', message: prompt, images: [], local_images: [], text_elements: [] });
      line('event_msg', { type: 'token_count', info: null, rate_limits: rateLimits });
      const steps = rng.int(1, 14);
      for (let step = 0; step < steps; step++) {
        line('response_item', { type: 'reasoning', summary: [{ type: 'summary_text', text: this.pool.sentences(rng, 2) }], content: null, encrypted_content: this.pool.opaque(rng, rng.int(800, 6_000)) });
        const callId = `call_${rng.base62(24)}`;
        line('response_item', { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: rng.pick(COMMANDS), workdir: cwd, yield_time_ms: 10000 }), call_id: callId });
        const code = rng.chance(0.06) ? 1 : 0;
        const out = this.pool.fileContent(rng, Math.min(toolResultBytes(rng, this.longLines) * (this.longLines ? 2 : 1), this.maxToolResultBytes * (this.longLines ? 1.5 : 1)), false);
        line('response_item', { type: 'function_call_output', call_id: callId, output: `Chunk ID: ${rng.hex(6)}\nWall time: 0.${rng.int(1, 999)} seconds\nProcess exited with code ${code}\nOriginal token count: ${Math.floor(out.length / 4)}\nOutput:\n${out}` });
        tokenCount();
      }
      const answer = this.pool.sentences(rng, rng.int(2, 12));
      line('event_msg', { type: 'agent_message', message: answer, phase: 'final_answer', memory_citation: null });
      line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: answer }], phase: 'final_answer' });
      tokenCount();
      line('event_msg', { type: 'task_complete', turn_id: turnId, last_agent_message: answer.slice(0, 200), completed_at: Math.floor(t / 1000), duration_ms: rng.int(2_000, 600_000) });
      t += rng.int(30_000, 1_200_000);
    }
    w.close();
    this.files += 1;
    this.bytes += w.bytes;
    return path;
  }
}
