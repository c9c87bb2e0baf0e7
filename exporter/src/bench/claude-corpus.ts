// Writes Claude Code transcripts shaped like the real ones in shared/samples: one line per content block with the
// response's usage repeated (partial output_tokens until the last block), big tool_result lines with the file
// contents twice (message and toolUseResult), hook/bash/agent progress lines, file-history snapshots, subagent
// files and resumed sessions that copy earlier lines. It tracks the true (deduplicated) totals as it goes.
import { join } from 'node:path';
import type { Prng } from './prng.js';
import { type TextPool, toolResultBytes } from './text.js';
import { JsonlWriter, type TokenTotals, zeroTotals } from './writer.js';

export interface ClaudeGenOptions {
  /** Most prompts (turns) in one session. */
  maxTurns: number;
  /** Cap on one tool result's size (the tail corpus keeps files small). */
  maxToolResultBytes: number;
  /** Allow Task calls that write subagent files and sessions that resume (copy) earlier ones. */
  subagents: boolean;
  /** The long-line shape: more ~1 MB tool results and pasted 1–3 MB screenshots, so most bytes are in 1–3 MB lines. */
  longLines?: boolean;
}

const MAIN_MODELS = ['claude-opus-4-6', 'claude-opus-4-6', 'claude-sonnet-4-5', 'claude-opus-4-5'];
const SUB_MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-5'];
const TOOLS = ['Read', 'Read', 'Read', 'Bash', 'Bash', 'Edit', 'Grep', 'Glob', 'TodoWrite', 'Task'];

interface Ctx {
  w: JsonlWriter;
  sessionId: string;
  cwd: string;
  slug: string;
  model: string;
  t: number;
  parent: string | null;
  context: number;
  oneHourCache: boolean;
  agentId?: string;
  edited: string[];
}

export class ClaudeCorpus {
  readonly expected: TokenTotals = zeroTotals();
  files = 0;
  bytes = 0;
  private readonly firstLines = new Map<string, string[]>();

  constructor(private readonly root: string, private readonly rng: Prng, private readonly pool: TextPool, private readonly opts: ClaudeGenOptions) {}

  /** Writes one session (and its subagent files) for a project; returns the files written. */
  session(project: string, startMs: number, turns = this.rng.int(1, this.opts.maxTurns)): string[] {
    const rng = this.rng;
    const dir = join(this.root, `-home-dev-code-${project}`);
    const sessionId = rng.uuid();
    const ctx: Ctx = {
      w: new JsonlWriter(join(dir, `${sessionId}.jsonl`)),
      sessionId, cwd: `/home/dev/code/${project}`, slug: `${rng.pick(['brisk', 'quiet', 'amber'])}-${rng.pick(['river', 'stone', 'fox'])}-${rng.base62(4).toLowerCase()}`,
      model: rng.pick(MAIN_MODELS), t: startMs, parent: null, context: rng.int(8_000, 20_000), oneHourCache: rng.chance(0.5), edited: [],
    };
    const written = [ctx.w.path];
    const copies = this.firstLines.get(project);
    if (this.opts.subagents && copies && rng.chance(0.08)) for (const line of copies) ctx.w.raw(line); // a resumed session
    const recorded: string[] = [];
    this.firstLines.set(project, recorded);
    for (let turn = 0; turn < turns; turn++) {
      this.snapshot(ctx);
      const text = this.pool.sentences(rng, rng.int(1, 6));
      // A pasted screenshot: the prompt line carries the image as base64.
      const content = this.opts.longLines && rng.chance(0.06)
        ? [{ type: 'text', text }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: this.pool.image(rng, rng.int(1_000_000, 3_000_000)) } }]
        : text;
      const prompt = this.line(ctx, 'user', { message: { role: 'user', content }, thinkingMetadata: { maxThinkingTokens: 31999 }, todos: [], permissionMode: 'default' });
      if (recorded.length < 20) recorded.push(prompt);
      const steps = rng.int(1, 12);
      for (let step = 0; step < steps; step++) {
        const last = step === steps - 1;
        const tools = last ? [] : Array.from({ length: rng.chance(0.2) ? rng.int(2, 3) : 1 }, () => rng.pick(TOOLS));
        if (!this.opts.subagents) for (let i = 0; i < tools.length; i++) if (tools[i] === 'Task') tools[i] = 'Grep';
        const lines = this.response(ctx, tools);
        if (recorded.length < 20) recorded.push(...lines.texts);
        for (const [i, tool] of tools.entries()) written.push(...this.toolResult(ctx, tool, lines.toolIds[i]!));
      }
      this.line(ctx, 'system', { subtype: 'turn_duration', durationMs: rng.int(2_000, 400_000), isMeta: false });
      ctx.t += rng.int(10_000, 900_000);
    }
    ctx.w.close();
    this.files += 1;
    this.bytes += ctx.w.bytes;
    return written;
  }

  /** Writes one line with Claude Code's envelope; returns the text written. */
  private line(ctx: Ctx, type: string, fields: Record<string, unknown>): string {
    ctx.t += this.rng.int(5, 4_000);
    const uuid = this.rng.uuid();
    const text = ctx.w.write({
      parentUuid: ctx.parent, isSidechain: ctx.agentId !== undefined, userType: 'external', cwd: ctx.cwd, sessionId: ctx.sessionId,
      version: '2.1.39', gitBranch: 'main', slug: ctx.slug, ...(ctx.agentId ? { agentId: ctx.agentId } : {}),
      type, ...fields, uuid, timestamp: new Date(ctx.t).toISOString(),
    });
    ctx.parent = uuid;
    return text;
  }

  private snapshot(ctx: Ctx): void {
    const backups: Record<string, unknown> = {};
    for (const [i, p] of ctx.edited.entries()) backups[p] = { backupFileName: `${this.rng.hex(16)}@v${i + 1}`, version: i + 1, backupTime: new Date(ctx.t).toISOString() };
    const messageId = this.rng.uuid();
    ctx.w.write({ type: 'file-history-snapshot', messageId, snapshot: { messageId, trackedFileBackups: backups, timestamp: new Date(ctx.t).toISOString() }, isSnapshotUpdate: false });
  }

  /** One model response: one line per content block, usage on every line, partial output_tokens before the last. */
  private response(ctx: Ctx, tools: string[]): { texts: string[]; toolIds: string[] } {
    const rng = this.rng;
    const blocks: Record<string, unknown>[] = [];
    if (rng.chance(0.4)) blocks.push({ type: 'thinking', thinking: this.pool.sentences(rng, rng.int(1, 8)), signature: this.pool.opaque(rng, rng.int(300, 1500)) });
    if (tools.length === 0 || rng.chance(0.5)) blocks.push({ type: 'text', text: this.pool.sentences(rng, rng.int(1, 10)) });
    const toolIds = tools.map(() => `toolu_01${rng.base62(22)}`);
    tools.forEach((name, i) => blocks.push({ type: 'tool_use', id: toolIds[i], name, input: this.toolInput(ctx, name), caller: { type: 'direct' } }));
    if (rng.chance(0.005)) {
      // An API failure: a retry line, or Claude Code's <synthetic> stand-in message with zero usage.
      if (rng.chance(0.5)) {
        this.line(ctx, 'system', { subtype: 'api_error', level: 'error', error: { status: 529, error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, retryInMs: 1000, retryAttempt: 1, maxRetries: 10 });
      } else {
        const zero = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
        this.line(ctx, 'assistant', { message: { id: rng.uuid(), model: '<synthetic>', role: 'assistant', type: 'message', content: [{ type: 'text', text: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}' }], usage: zero }, isApiErrorMessage: true });
      }
    }
    const id = `msg_01${rng.base62(22)}`;
    const requestId = `req_011C${rng.base62(18)}`;
    const cacheWrite = rng.logInt(50, 12_000);
    const input = rng.int(1, 12);
    const output = rng.logInt(20, 3_000);
    const partial = rng.pick([1, 2, 4, 10, 10, 10, 27]);
    const texts = blocks.map((block, i) => {
      const final = i === blocks.length - 1;
      const usage = {
        input_tokens: input, cache_creation_input_tokens: cacheWrite, cache_read_input_tokens: ctx.context,
        cache_creation: { ephemeral_5m_input_tokens: ctx.oneHourCache ? 0 : cacheWrite, ephemeral_1h_input_tokens: ctx.oneHourCache ? cacheWrite : 0 },
        output_tokens: final ? output : Math.min(partial, output), service_tier: 'standard', inference_geo: 'not_available',
      };
      return this.line(ctx, 'assistant', {
        message: { model: ctx.model, id, type: 'message', role: 'assistant', content: [block], stop_reason: final && tools.length === 0 ? 'end_turn' : null, stop_sequence: null, usage },
        requestId,
      });
    });
    const e = this.expected;
    e.input += input;
    e.output += output;
    e.cacheRead += ctx.context;
    e.cacheWrite += cacheWrite;
    e.requests += 1;
    ctx.context = Math.min(ctx.context + cacheWrite + input + output, 180_000);
    return { texts, toolIds };
  }

  private toolInput(ctx: Ctx, name: string): Record<string, unknown> {
    const rng = this.rng;
    const file = `${ctx.cwd}/src/${rng.pick(['app', 'lib', 'server', 'util'])}/${rng.base62(6).toLowerCase()}.ts`;
    switch (name) {
      case 'Read': return { file_path: file };
      case 'Edit': return { file_path: file, old_string: this.pool.sentences(rng, 1), new_string: this.pool.sentences(rng, 2) };
      case 'Bash': return { command: rng.pick(['npm test', 'git status', 'ls -la src', 'npx tsc --noEmit']), description: 'Run a command' };
      case 'Grep': return { pattern: rng.base62(8), path: ctx.cwd, output_mode: 'content' };
      case 'Glob': return { pattern: '**/*.ts' };
      case 'Task': return { description: 'Explore the code', prompt: this.pool.sentences(rng, rng.int(3, 12)), subagent_type: 'Explore' };
      default: return { todos: [{ content: this.pool.sentences(rng, 1), status: 'in_progress', activeForm: 'Working' }] };
    }
  }

  /** Writes progress lines and the user tool_result line for one tool call; returns subagent files written. */
  private toolResult(ctx: Ctx, tool: string, toolUseId: string): string[] {
    const rng = this.rng;
    const written: string[] = [];
    for (let i = rng.chance(0.5) ? rng.int(1, 3) : 0; i > 0; i--) {
      this.line(ctx, 'progress', { data: { type: 'hook_progress', hookEvent: 'PreToolUse', hookName: `PreToolUse:${tool}`, command: '${CLAUDE_PLUGIN_ROOT}/hooks/guard.sh' }, parentToolUseID: toolUseId, toolUseID: toolUseId });
    }
    const size = Math.min(toolResultBytes(rng, this.opts.longLines), this.opts.maxToolResultBytes);
    let content: unknown;
    let toolUseResult: unknown;
    const isError = rng.chance(0.03);
    switch (tool) {
      case 'Read': {
        const body = this.pool.fileContent(rng, size, false);
        content = this.pool.fileContent(rng, size, true);
        toolUseResult = { type: 'text', file: { filePath: `${ctx.cwd}/src/x.ts`, content: body, numLines: body.split('\n').length, startLine: 1, totalLines: body.split('\n').length } };
        break;
      }
      case 'Bash': {
        const out = this.pool.fileContent(rng, size, false);
        for (let i = rng.int(0, 3); i > 0; i--) {
          this.line(ctx, 'progress', { data: { type: 'bash_progress', output: out.slice(0, 300), fullOutput: out.slice(0, 4000), elapsedTimeSeconds: i, totalLines: 40 }, parentToolUseID: toolUseId, toolUseID: `bash-progress-${i}` });
        }
        content = isError ? `Exit code 1\n${out}` : out;
        toolUseResult = { stdout: out, stderr: '', interrupted: false, isImage: false };
        break;
      }
      case 'Edit': {
        content = `The file ${ctx.cwd}/src/x.ts has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${this.pool.fileContent(rng, 1500, true)}`;
        toolUseResult = { filePath: `${ctx.cwd}/src/x.ts`, oldString: 'a', newString: 'b', originalFile: this.pool.fileContent(rng, size, false), structuredPatch: [{ oldStart: 10, oldLines: 3, newStart: 10, newLines: 4, lines: ['-a', '+b'] }], userModified: false, replaceAll: false };
        if (ctx.edited.length < 40) ctx.edited.push(`src/${rng.base62(6)}.ts`);
        break;
      }
      case 'Task': {
        const agentId = `a${rng.hex(7)}`;
        written.push(this.subagent(ctx, agentId, toolUseId));
        content = [{ type: 'text', text: this.pool.sentences(rng, rng.int(5, 30)) }];
        toolUseResult = { status: 'completed', agentId, totalDurationMs: rng.int(5_000, 300_000), totalTokens: rng.int(1_000, 90_000), totalToolUseCount: rng.int(1, 30), usage: { input_tokens: 10, output_tokens: 900 } };
        break;
      }
      default: {
        content = this.pool.fileContent(rng, Math.min(size, 3_000), false);
        toolUseResult = { mode: 'content', numFiles: rng.int(1, 20), filenames: [], content };
      }
    }
    this.line(ctx, 'user', { message: { role: 'user', content: [{ tool_use_id: toolUseId, type: 'tool_result', content, is_error: isError }] }, toolUseResult });
    return written;
  }

  /** Writes a subagent transcript (subagents/agent-<id>.jsonl, isSidechain) and agent_progress lines in the parent. */
  private subagent(parent: Ctx, agentId: string, toolUseId: string): string {
    const rng = this.rng;
    const ctx: Ctx = {
      ...parent, w: new JsonlWriter(join(this.root, `-home-dev-code-${parent.cwd.split('/').pop()}`, parent.sessionId, 'subagents', `agent-${agentId}.jsonl`)),
      model: rng.pick(SUB_MODELS), parent: null, context: rng.int(5_000, 15_000), agentId, edited: [],
    };
    this.line(ctx, 'user', { message: { role: 'user', content: this.pool.sentences(rng, rng.int(3, 12)) } });
    const steps = rng.int(2, 10);
    for (let step = 0; step < steps; step++) {
      const tools = step === steps - 1 ? [] : [rng.pick(['Read', 'Grep', 'Glob', 'Bash'])];
      const { texts, toolIds } = this.response(ctx, tools);
      // The parent shows the subagent's messages (usage included) in agent_progress lines.
      const nested = JSON.parse(texts[texts.length - 1]!) as { message: unknown };
      this.line(parent, 'progress', { data: { message: { type: 'assistant', message: nested.message, uuid: rng.uuid(), timestamp: new Date(ctx.t).toISOString() }, normalizedMessages: [], type: 'agent_progress', agentId }, toolUseID: `agent_msg_${rng.base62(20)}`, parentToolUseID: toolUseId });
      tools.forEach((tool, i) => this.toolResult(ctx, tool, toolIds[i]!));
    }
    ctx.w.close();
    parent.t = Math.max(parent.t, ctx.t);
    this.files += 1;
    this.bytes += ctx.w.bytes;
    return ctx.w.path;
  }
}
