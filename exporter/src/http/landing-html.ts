// What the landing page's sections share: escaping (model and project names come from log lines) and numbers.
import type { Engine } from '../engine.js';

/** What a landing section is rendered from. */
export interface LandingContext {
  engine: Engine;
  nowMs: number;
}

/** Escapes text for HTML. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A whole number with thousands separators. */
export const num = (n: number): string => n.toLocaleString('en-US');
