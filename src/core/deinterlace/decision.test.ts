import { describe, expect, it } from 'vitest';
import type { Interlacing } from '../probe/interlacing';
import { deinterlacePlan, deinterlaceRecord } from './decision';

const scan = (fieldOrder: Interlacing['fieldOrder']): { interlacing: Interlacing } => ({
  interlacing: { fieldOrder, coding: fieldOrder === 'progressive' ? [] : ['mbaff'], codingName: 'MBAFF', framesRead: 30 },
});

describe('deinterlacePlan', () => {
  it('auto deinterlaces what the probe read as interlaced, and nothing else', () => {
    expect(deinterlacePlan(scan('tff'), 'auto')).toEqual({ topFieldFirst: true });
    expect(deinterlacePlan(scan('bff'), undefined)).toEqual({ topFieldFirst: false });
    expect(deinterlacePlan(scan('mixed'), 'auto')).toEqual({ topFieldFirst: true });
    expect(deinterlacePlan(scan('unknown'), 'auto')).toEqual({ topFieldFirst: true });
    expect(deinterlacePlan(scan('progressive'), 'auto')).toBeNull();
    expect(deinterlacePlan({}, 'auto')).toBeNull();
  });
  it('on deinterlaces any source (top field first unless it is read as bottom first); off none', () => {
    expect(deinterlacePlan({}, 'on')).toEqual({ topFieldFirst: true });
    expect(deinterlacePlan(scan('progressive'), 'on')).toEqual({ topFieldFirst: true });
    expect(deinterlacePlan(scan('bff'), 'on')).toEqual({ topFieldFirst: false });
    expect(deinterlacePlan(scan('tff'), 'off')).toBeNull();
  });
});

describe('deinterlaceRecord', () => {
  it('says the setting, whether it applied, the field kept and the filter', () => {
    expect(deinterlaceRecord(scan('bff'), undefined)).toEqual({
      mode: 'auto',
      applied: true,
      fieldOrder: 'bff',
      filter: 'bwdif=mode=send_frame:deint=all',
    });
    expect(deinterlaceRecord(scan('tff'), 'off')).toEqual({ mode: 'off', applied: false });
    expect(deinterlaceRecord({}, 'auto')).toEqual({ mode: 'auto', applied: false });
  });
});
