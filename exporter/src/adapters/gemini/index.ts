import type { BuiltinAdapter } from '../types.js';
import { parseGeminiDocument } from './document.js';
import { parseGeminiLine } from './parse.js';
import { geminiDefaultRoots, isGeminiDocument, isGeminiLogFile } from './paths.js';

/** Gemini CLI: chat records per session, either appended JSONL records or one JSON document rewritten in place. */
export const geminiAdapter: BuiltinAdapter = {
  id: 'gemini',
  defaultRoots: geminiDefaultRoots,
  isLogFile: isGeminiLogFile,
  parse: parseGeminiLine,
  isDocumentFile: isGeminiDocument,
  parseDocument: parseGeminiDocument,
};
