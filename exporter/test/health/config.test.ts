// The `health:` section's limits as a user meets them: values that make sense are accepted as given, values that
// would make a detector meaningless are refused at startup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HealthSchema } from '../../src/health/config.js';

const parse = (health: unknown) => HealthSchema.safeParse(health);

describe('health: thresholds', () => {
  it('toolPendingFactor: any factor from 1 up (a tool may take longer than usual, never less)', () => {
    assert.equal(parse({ stuck: { toolPendingFactor: 3 } }).data?.stuck.toolPendingFactor, 3);
    assert.equal(parse({ stuck: { toolPendingFactor: 1 } }).data?.stuck.toolPendingFactor, 1);
    assert.equal(parse({ stuck: { toolPendingFactor: 0.5 } }).success, false);
  });
  it('repeatedCalls: a whole number from 2 up (one call is not a repeat)', () => {
    assert.equal(parse({ looping: { repeatedCalls: 10 } }).data?.looping.repeatedCalls, 10);
    assert.equal(parse({ looping: { repeatedCalls: 2 } }).data?.looping.repeatedCalls, 2);
    assert.equal(parse({ looping: { repeatedCalls: 1 } }).success, false);
    assert.equal(parse({ looping: { repeatedCalls: 2.5 } }).success, false);
  });
});
