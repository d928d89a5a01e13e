import { describe, expect, it } from 'vitest';
import { engineLoadView } from './engineLoad';

describe('engineLoadView', () => {
  it('shows bytes of total in decimal MB while the core downloads', () => {
    expect(engineLoadView({ state: 'downloading', loaded: 12_400_000, total: 31_000_000, fromCache: false })).toEqual({
      kind: 'downloading',
      loadedMB: 12.4,
      totalMB: 31,
      text: 'Loading the video engine: 12.4 of 31.0 MB',
    });
  });
  it('shows the bytes alone when the size is unknown', () => {
    expect(engineLoadView({ state: 'downloading', loaded: 5_000_000, total: null, fromCache: false })).toMatchObject({
      totalMB: null,
      text: 'Loading the video engine: 5.0 MB',
    });
  });
  it('says ready after a download, and shows nothing for a cached core or before any report', () => {
    expect(engineLoadView({ state: 'ready', loaded: 31e6, total: 31e6, fromCache: false }).kind).toBe('ready');
    expect(engineLoadView({ state: 'ready', loaded: 31e6, total: 31e6, fromCache: true }).kind).toBe('hidden');
    expect(engineLoadView(null).kind).toBe('hidden');
  });
});
