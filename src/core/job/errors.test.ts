import { describe, expect, it } from 'vitest';
import { InternalError, InvalidParameterError, namingFile, toSnapframeError, UnsupportedMediaError } from './errors';

describe('namingFile', () => {
  it('puts the file name in front of a message that lacks it, keeping code and log tail', () => {
    const named = namingFile(new InternalError('The video engine crashed. Try again.', ['line 1']), 'clip.mp4');
    expect(named.message).toBe('clip.mp4: The video engine crashed. Try again.');
    expect(named.code).toBe('InternalError');
    expect(named.toJSON()).toEqual({
      code: 'InternalError',
      message: 'clip.mp4: The video engine crashed. Try again.',
      logTail: ['line 1'],
    });
  });
  it('leaves a message that already names the file, and keeps the field', () => {
    const error = new UnsupportedMediaError('clip.mp4 is empty (0 bytes).');
    expect(namingFile(error, 'clip.mp4')).toBe(error);
    expect(namingFile(new InvalidParameterError('width', 'Width 5 is below 8.'), 'a.mov').toJSON().field).toBe('width');
  });
  it('turns anything thrown into a typed error first (toSnapframeError)', () => {
    expect(namingFile(toSnapframeError(new Error('boom')), 'x.webm').message).toBe('x.webm: The engine failed unexpectedly: boom');
  });
});
