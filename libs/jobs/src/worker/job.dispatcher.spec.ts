import { describe, expect, it } from '@jest/globals';
import { JOB_NAMES } from '../job-types';
import { assertHandlersComplete, outboxIdOf } from './job.dispatcher';

describe('assertHandlersComplete', () => {
  const all = () => new Map(JOB_NAMES.map((n) => [n as string, [`Handler.${n}`]]));

  it('accepts exactly one handler per job', () => {
    expect(() => assertHandlersComplete(all())).not.toThrow();
  });

  it('refuses a job without a handler, naming it', () => {
    const found = all();
    found.delete('mail.send');
    expect(() => assertHandlersComplete(found)).toThrow(/job "mail.send" has no handler/);
  });

  it('refuses a job with two handlers, naming both', () => {
    const found = all();
    found.set('mail.send', ['A.send', 'B.send']);
    expect(() => assertHandlersComplete(found)).toThrow(/2 handlers \(A.send, B.send\)/);
  });

  it('refuses a handler for a job that is not in the list', () => {
    const found = all();
    found.set('made.up', ['X.y']);
    expect(() => assertHandlersComplete(found)).toThrow(/unknown job "made.up"/);
  });
});

describe('outboxIdOf', () => {
  it('reads the outbox id from relayed jobs only', () => {
    expect(outboxIdOf({ id: 'ob-42' })).toBe('42');
    expect(outboxIdOf({ id: 'tally-1' })).toBeNull();
  });
});
