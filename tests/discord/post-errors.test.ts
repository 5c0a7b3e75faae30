import { describe, expect, it } from 'vitest';
import { classifyPostError } from '../../src/discord/post-errors.js';

describe('classifyPostError', () => {
  it('treats missing permissions, unknown channels and other 4xx as permanent', () => {
    expect(classifyPostError(Object.assign(new Error('Missing Permissions'), { code: 50013, status: 403 }))).toEqual({
      permanent: true,
      reason: 'Missing Permissions (Discord code 50013, HTTP 403)',
    });
    expect(classifyPostError({ code: 10003 })).toEqual({ permanent: true, reason: 'Unknown Channel (Discord code 10003)' });
    expect(classifyPostError(Object.assign(new Error('Not Found'), { status: 404 })).permanent).toBe(true);
  });

  it('treats rate limits, server errors, network errors and unknown errors as transient', () => {
    expect(classifyPostError(Object.assign(new Error('Too Many Requests'), { status: 429 })).permanent).toBe(false);
    expect(classifyPostError(Object.assign(new Error('Bad Gateway'), { status: 502 })).permanent).toBe(false);
    expect(classifyPostError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toEqual({
      permanent: false,
      reason: 'read ECONNRESET (ECONNRESET)',
    });
    expect(classifyPostError(new Error('something odd'))).toEqual({ permanent: false, reason: 'something odd' });
  });
});
