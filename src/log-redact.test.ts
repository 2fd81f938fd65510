import { MAX_LOGGED_TEXT, redactError } from './log-redact';

describe('redactError', () => {
  it('keeps the statement but never its parameters, and bounds every text', () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      query: `INSERT INTO incident (description, reporter_contact) VALUES ($1, $2) ${'-- padding '.repeat(200)}`,
      parameters: ['Mattress behind the cathedral', 'resident@example.org'],
      driverError: { parameters: ['resident@example.org'] },
    });
    const logged = redactError(err);
    expect(JSON.stringify(logged)).not.toMatch(/resident@example\.org|Mattress/);
    expect(logged).toMatchObject({
      type: 'Error',
      message: 'duplicate key value violates unique constraint',
      code: '23505',
      parameters: '[2 redacted]',
    });
    expect((logged.query as string).length).toBeLessThan(MAX_LOGGED_TEXT + 50);
    expect(logged.query).toMatch(/^INSERT INTO incident .*… \(\d+ more characters\)$/s);
  });

  it('bounds a huge message, as from a 4.8 MB request', () => {
    const logged = redactError(new Error(`invalid input: ${'x'.repeat(4_800_000)}`));
    expect(JSON.stringify(logged).length).toBeLessThan(3 * MAX_LOGGED_TEXT + 500);
  });
});
