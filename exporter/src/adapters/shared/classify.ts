// Maps free-text error details to bounded categories. The text itself never leaves this module.
import type { ApiErrorKind, ToolErrorCategory } from '../types.js';

/** Returns the API error kind for an HTTP status and/or an error message or type string. */
export function classifyApiError(status: number | undefined, text: string): ApiErrorKind {
  const t = text.toLowerCase();
  if (status === 429 || t.includes('rate_limit') || t.includes('rate limit') || t.includes('usage limit')) return 'rate_limit';
  if (status === 529 || t.includes('overloaded')) return 'overloaded';
  if (status === 401 || status === 403 || t.includes('authentication') || t.includes('permission_error') || t.includes('invalid api key')) return 'auth';
  if (t.includes('prompt is too long') || t.includes('context length') || t.includes('context window') || t.includes('context_length')) return 'context';
  if ((status !== undefined && status >= 500) || t.includes('api_error') || t.includes('internal server error') || t.includes('server error')) return 'server';
  return 'other';
}

/** Returns the category of a failed tool call from the result text an agent recorded. */
export function classifyToolError(text: string): ToolErrorCategory {
  const t = text.slice(0, 2000).toLowerCase();
  if (t.includes("doesn't want to proceed") || t.includes('user rejected') || t.includes('was rejected') || t.includes('user denied') || t.includes('interrupted by user')) return 'rejected';
  if (t.includes('timed out') || t.includes('timeout')) return 'timeout';
  if (t.includes('permission denied') || t.includes('not allowed') || t.includes('eacces') || t.includes('requires approval')) return 'permission';
  if (t.includes('does not exist') || t.includes('no such file') || t.includes('not found') || t.includes('enoent')) return 'not_found';
  if (t.includes('exit code') || t.includes('exited with')) return 'exit_code';
  if (t.includes('invalid') || t.includes('inputvalidationerror') || t.includes('must be') || t.includes('is required')) return 'invalid_input';
  return 'other';
}
