import { describe, expect, it } from 'vitest';
import {
  elementaryInputRate,
  exactFrameArgs,
  firstFrameArgs,
  isFirstDecoded,
  keyframeArgs,
  parseShowinfoFrames,
  parseShowinfoTimes,
  runFramesArgs,
  seekWindowStarts,
} from './frameWindow';

const target = { input: '/in/a.mp4', output: '/out/f.rgba', width: 320, height: 180, originMs: 0, frameMs: 40 };
const filters = (args: string[]) => args[args.indexOf('-vf') + 1];

describe('seekWindowStarts', () => {
  it('starts one and a half frames before t, then widens, ending at 0', () => {
    expect(seekWindowStarts(10_000, 25)).toEqual([9_939, 9_000, 5_000, 0]);
  });
  it('keeps at least 40 ms for high frame rates and assumes 25 fps when unknown', () => {
    expect(seekWindowStarts(10_000, 120)[0]).toBe(9_960);
    expect(seekWindowStarts(10_000, null)[0]).toBe(9_939);
  });
  it('is strictly decreasing and never negative near the start', () => {
    expect(seekWindowStarts(30, 30)).toEqual([0]);
    expect(seekWindowStarts(2_500, 24)).toEqual([2_436, 1_500, 0]);
    expect(seekWindowStarts(0, 30)).toEqual([0]);
  });
});

describe('exactFrameArgs', () => {
  it('keeps source timestamps and seeks to the window start', () => {
    const args = exactFrameArgs(target, 9_939, 10_000);
    expect(args).toContain('-copyts');
    expect(args.slice(args.indexOf('-ss') - 1, args.indexOf('-ss') + 4)).toEqual([
      '-noaccurate_seek',
      '-ss',
      '9.939000',
      '-i',
      '/in/a.mp4',
    ]);
  });
  it('logs every decoded frame first, keeps [start, t] (select, 1 µs tolerance) and stops decoding 1.5 frames later (trim)', () => {
    expect(filters(exactFrameArgs(target, 9_939, 10_000))).toBe(
      'showinfo@decoded=checksum=0,trim=end=10.062000,select=gte(t\\,9.939000)*lte(t\\,10.000001),scale=320:180,setsar=1,format=rgba,showinfo',
    );
  });
  it('compares on the stream timeline: the container start_time is added to t', () => {
    const ts = { ...target, originMs: 1_514.089, frameMs: 1000 / 24 };
    expect(filters(exactFrameArgs(ts, 0, 1_000))).toMatch(/^showinfo@decoded=checksum=0,trim=end=2\.578589,select=lte\(t\\,2\.514090\),/);
  });
  it('omits -ss for a window starting at 0, and decodes keyframes only on request', () => {
    expect(exactFrameArgs(target, 0, 20)).not.toContain('-ss');
    const key = exactFrameArgs(target, 0, 20, true);
    expect(key.slice(key.indexOf('-skip_frame'), key.indexOf('-skip_frame') + 2)).toEqual(['-skip_frame', 'nokey']);
  });
  it('maps only the first video stream and keeps one frame in memory (image2 -update 1)', () => {
    const args = exactFrameArgs(target, 0, 20);
    expect(args).toContain('0:v:0');
    expect(args).toContain('-an');
    expect(args.slice(-10)).toEqual(['-c:v', 'rawvideo', '-pix_fmt', 'rgba', '-f', 'image2', '-update', '1', '-y', '/out/f.rgba']);
  });
});

describe('firstFrameArgs and keyframeArgs', () => {
  it('take one frame', () => {
    expect(firstFrameArgs(target)).toContain('-frames:v');
    const key = keyframeArgs(target, 1_500);
    expect(key.slice(key.indexOf('-ss'), key.indexOf('-ss') + 2)).toEqual(['-ss', '1.500000']);
    expect(key).toContain('nokey');
    expect(key).toContain('-noaccurate_seek');
  });
});

describe('raw elementary streams (input -r, no seek)', () => {
  const raw = { ...target, input: '/in/a.264', frameMs: 1000 / 24, inputRate: '24/1' };
  it('reads the stream from its start with its rate before -i, whatever the window, and still cuts at the window', () => {
    for (const args of [exactFrameArgs(raw, 1_437, 1_500), firstFrameArgs(raw), runFramesArgs(raw, 1_437, [[1_437, 1_500]])]) {
      expect(args).not.toContain('-ss');
      expect(args.slice(args.indexOf('-r'), args.indexOf('-r') + 4)).toEqual(['-r', '24/1', '-i', '/in/a.264']);
    }
    expect(filters(exactFrameArgs(raw, 1_437, 1_500))).toMatch(/select=gte\(t\\,1\.437000\)\*lte\(t\\,1\.500001\),/);
  });
  it('keeps keyframes with select (key), never with -skip_frame, which would renumber the frames', () => {
    for (const args of [keyframeArgs(raw, 1_500), exactFrameArgs(raw, 1_437, 1_500, true)]) {
      expect(args).not.toContain('-skip_frame');
      expect(filters(args)).toMatch(/lte\(t\\,1\.500001\)\*key,/);
    }
  });
  it("takes the rate from the probe's SourceInfo", () => {
    expect(elementaryInputRate({ elementary: { frameRate: [30000, 1001] } })).toBe('30000/1001');
    expect(elementaryInputRate({})).toBeUndefined();
  });
});

describe('parseShowinfoTimes', () => {
  it('computes exact times from the integer pts and the reported time base', () => {
    const lines = [
      '[Parsed_showinfo_5 @ 0x1] config in time_base: 1/90000, frame_rate: 24/1',
      '[Parsed_showinfo_5 @ 0x1] n:   0 pts: 208500 pts_time:2.31667 duration:3750 pos: 492560 fmt:rgba',
      'frame=    1 fps=0.0 q=0.0 size=       0kB time=00:00:00.00 bitrate=N/A',
      '[Parsed_showinfo_5 @ 0x1] n:   1 pts: 212250 pts_time:2.35833 duration:3750',
    ];
    expect(parseShowinfoTimes(lines)).toEqual([208500 / 90000, 212250 / 90000]);
  });
  it('keeps full precision where pts_time is rounded (long videos)', () => {
    const lines = ['[Parsed_showinfo_5 @ 0x1] config in time_base: 1/600', '[x showinfo] n: 0 pts: 740421 pts_time:1234.04'];
    expect(parseShowinfoTimes(lines)[0]).toBeCloseTo(1234.035, 6);
  });
  it('falls back to pts_time without a time base line, and ignores other filters', () => {
    const lines = [
      '[Parsed_showinfo_2 @ 0x2] n:   0 pts:  -1500 pts_time:-0.5 duration:512',
      '[Parsed_select_1 @ 0x2] n: 1 pts: 7 pts_time:9',
      '[Parsed_showinfo_2 @ 0x2] n:   1 pts:  1 pts_time:1e-05',
    ];
    expect(parseShowinfoTimes(lines)).toEqual([-0.5, 0.00001]);
  });
});

describe('parseShowinfoFrames', () => {
  const lines = [
    '[showinfo@decoded @ 0x1] config in time_base: 1/90000, frame_rate: 24/1',
    '[Parsed_showinfo_4 @ 0x2] config in time_base: 1/90000, frame_rate: 24/1',
    '[showinfo@decoded @ 0x1] n:   0 pts: 257250 pts_time:2.85833 pos: 60912 fmt:yuv420p sar:1/1 s:320x180 i:P iskey:0 type:B',
    '[showinfo@decoded @ 0x1] n:   1 pts: 264750 pts_time:2.94167 pos: 65236 fmt:yuv420p sar:1/1 s:320x180 i:P iskey:1 type:I',
    '[Parsed_showinfo_4 @ 0x2] n:   0 pts: 264750 pts_time:2.94167 pos: 65236 fmt:rgba sar:1/1 s:320x180 i:P iskey:1 type:I checksum:1',
  ];
  it('tells the decoded frames (showinfo@decoded) from the kept ones, with their key flags', () => {
    expect(parseShowinfoFrames(lines, 'decoded')).toEqual([
      { sec: 257250 / 90000, key: false },
      { sec: 264750 / 90000, key: true },
    ]);
    expect(parseShowinfoFrames(lines, 'kept')).toEqual([{ sec: 264750 / 90000, key: true }]);
    expect(parseShowinfoTimes(lines)).toEqual([264750 / 90000]);
  });
  it("tells whether a kept frame was the exec's first decoded one (SPEC clock ms: origin taken off)", () => {
    const originMs = 1400;
    expect(isFirstDecoded(lines, originMs, (257250 / 90000) * 1000 - originMs)).toBe(true);
    expect(isFirstDecoded(lines, originMs, (264750 / 90000) * 1000 - originMs)).toBe(false);
    expect(isFirstDecoded([], originMs, 0)).toBe(false);
  });
});

describe('runFramesArgs', () => {
  it('seeks once, keeps each window with select/between, and writes every kept frame as raw RGBA', () => {
    const args = runFramesArgs({ ...target, originMs: 1400 }, 940, [
      [940, 1020.001],
      [1940, 2000.001],
    ]);
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 2)).toEqual(['-ss', '0.940000']);
    expect(args[args.indexOf('-ss') - 1]).toBe('-noaccurate_seek');
    expect(filters(args)).toBe(
      'showinfo@decoded=checksum=0,trim=end=3.462001,select=between(t\\,2.340000\\,2.420001)+between(t\\,3.340000\\,3.400001),' +
        'scale=320:180,setsar=1,format=rgba,showinfo',
    );
    expect(args.slice(-6)).toEqual(['-pix_fmt', 'rgba', '-f', 'rawvideo', '-y', '/out/f.rgba']);
    expect(args).not.toContain('-update');
  });
  it('does not seek for a run from 0 and refuses an empty run', () => {
    expect(runFramesArgs(target, 0, [[0, 30.001]])).not.toContain('-ss');
    expect(() => runFramesArgs(target, 0, [])).toThrow();
  });
});

describe('deinterlacing (FrameTarget.deinterlace)', () => {
  const tff = { ...target, deinterlace: { topFieldFirst: true } };
  it('puts bwdif after the trim that stops decoding, on the frames within two frame durations of the windows, before the window is cut', () => {
    const bwdif = 'bwdif=mode=send_frame:parity=tff:deint=all';
    expect(filters(exactFrameArgs(tff, 960, 1000))).toMatch(
      /^showinfo@decoded=checksum=0,trim=end=1\.062000,select=between\(t\\,0\.880000\\,1\.080000\),bwdif=mode=send_frame:parity=tff:deint=all,select=gte/,
    );
    expect(
      filters(
        runFramesArgs({ ...tff, originMs: 100 }, 940, [
          [940, 1020.001],
          [1940, 2000.001],
        ]),
      ),
    ).toContain(`trim=end=2.162001,select=between(t\\,0.960000\\,1.200001)+between(t\\,1.960000\\,2.180001),${bwdif},select=between`);
    // The first frame: no window, every frame from the start.
    expect(filters(firstFrameArgs(tff))).toContain(`showinfo@decoded=checksum=0,${bwdif},scale=`);
    expect(filters(exactFrameArgs({ ...target, deinterlace: { topFieldFirst: false } }, 960, 1000))).toContain('parity=bff');
  });
  it('leaves the filters alone when absent or null', () => {
    expect(filters(exactFrameArgs({ ...target, deinterlace: null }, 960, 1000))).not.toContain('bwdif');
    expect(filters(runFramesArgs(target, 940, [[940, 1020.001]]))).not.toContain('bwdif');
  });
});
