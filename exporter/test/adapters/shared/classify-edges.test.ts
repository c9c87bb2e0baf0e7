// The bounded categories every adapter files errors under, one phrase or status at a time (each phrase alone must be
// enough: a message rarely carries two), and the small field readers all adapters share, at their edges.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { classifyApiError, classifyToolError } from '../../../src/adapters/shared/classify.js';
import { count, fileStem, inputHash, parseJsonObject, progressOf, projectFromCwd } from '../../../src/adapters/shared/fields.js';

describe('API error kinds', () => {
  it('statuses: 429 rate limit, 529 overloaded, 401 and 403 auth, 500 and above server, others other', () => {
    const kinds = [429, 529, 401, 403, 500, 502, 599, 400, 404, 499].map((s) => classifyApiError(s, ''));
    assert.deepEqual(kinds, ['rate_limit', 'overloaded', 'auth', 'auth', 'server', 'server', 'server', 'other', 'other', 'other']);
  });

  it('each context phrase alone is a context error', () => {
    const phrases = ['Prompt is too long: 210000 tokens', 'maximum context length exceeded', 'exceeds the context window', 'context_length_exceeded'];
    assert.deepEqual(phrases.map((t) => classifyApiError(undefined, t)), ['context', 'context', 'context', 'context']);
  });

  it('each server phrase alone is a server error; a message with none of the phrases is other', () => {
    const phrases = ['api_error', 'Internal Server Error', 'upstream server error'];
    assert.deepEqual(phrases.map((t) => classifyApiError(undefined, t)), ['server', 'server', 'server']);
    assert.deepEqual(['', 'something odd happened', 'bad request'].map((t) => classifyApiError(undefined, t)), ['other', 'other', 'other']);
    assert.equal(classifyApiError(400, 'bad request'), 'other');
  });
});

describe('tool error categories', () => {
  it('each rejection phrase alone is a rejection', () => {
    const phrases = ["The user doesn't want to proceed with this tool use.", 'User rejected the edit', 'Command was rejected', 'user denied permission', 'Interrupted by user'];
    assert.deepEqual(phrases.map(classifyToolError), ['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
  });

  it('each invalid-input phrase alone is invalid input; text with no known phrase is other', () => {
    const phrases = ['Invalid path', 'InputValidationError: bad', 'offset must be a number', 'file_path is required'];
    assert.deepEqual(phrases.map(classifyToolError), ['invalid_input', 'invalid_input', 'invalid_input', 'invalid_input']);
    assert.deepEqual(['', 'segfault', 'it broke'].map(classifyToolError), ['other', 'other', 'other']);
  });
});

describe('shared field readers', () => {
  it('a count is a non-negative finite integer: infinity, NaN, text and negatives count 0', () => {
    assert.deepEqual([12.9, 0, -3, Infinity, -Infinity, NaN, '7', null].map(count), [12, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('todo progress counts completed items of lists up to 10,000 long; a longer list is no progress', () => {
    assert.deepEqual(progressOf([null, 'text', { status: 'completed' }, { status: 'pending' }]), { done: 1, total: 4 });
    const list = (n: number) => Array.from({ length: n }, () => ({ status: 'completed' }));
    assert.deepEqual(progressOf(list(10_000)), { done: 10_000, total: 10_000 });
    assert.equal(progressOf(list(10_001)), undefined);
  });

  it('the project of a working folder is its last segment, also with a trailing or doubled separator', () => {
    assert.deepEqual(['/home/u/proj/', 'C:\\work\\\\app\\', '/srv//site', 'plain'].map(projectFromCwd), ['proj', 'app', 'site', 'plain']);
    assert.deepEqual(['', '/', undefined].map(projectFromCwd), [undefined, undefined, undefined]);
  });

  it('a file stem drops folders and a final .json or .jsonl only', () => {
    assert.deepEqual(['/a/run-1.jsonl', '/a/run-2.JSON', 'C:\\a\\run-3.json', '/a/run.jsonl.bak', '/a/run.json.1', '/a/run.jsonlx'].map(fileStem), ['run-1', 'run-2', 'run-3', 'run.jsonl.bak', 'run.json.1', 'run.jsonlx']);
  });

  it('a tool input hash is the first 8 hex digits of SHA-1 of the input text, or of the JSON of a structured input', () => {
    const sha = (t: string) => createHash('sha1').update(t).digest('hex').slice(0, 8);
    assert.equal(inputHash('npm test'), sha('npm test'));
    assert.equal(inputHash({ command: 'npm test' }), sha('{"command":"npm test"}'));
    assert.equal(inputHash(undefined), sha('null'));
  });

  it('only a JSON object is a record line', () => {
    assert.deepEqual(['{"a":1}', '[1]', '"x"', 'null', '{bad', ''].map((l) => parseJsonObject(l) !== undefined), [true, false, false, false, false, false]);
  });
});
