import { describe, expect, it } from 'vitest';
import { exactFrameArgs, firstFrameArgs, keyframeArgs, parseShowinfoTimes, seekWindowStarts } from './frameWindow';

const target = { input: '/in/a.mp4', output: '/out/f.rgba', width: 320, height: 180 };

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
  it('seeks to the window start and trims at t with a 0.1 ms tolerance', () => {
    const args = exactFrameArgs(target, 9_939, 10_000);
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 4)).toEqual(['-ss', '9.939000', '-i', '/in/a.mp4']);
    expect(args[args.indexOf('-vf') + 1]).toBe('trim=end=0.061100,scale=320:180,setsar=1,format=rgba,showinfo');
    expect(args.slice(-10)).toEqual(['-c:v', 'rawvideo', '-pix_fmt', 'rgba', '-f', 'image2', '-update', '1', '-y', '/out/f.rgba']);
  });
  it('omits -ss for a window starting at 0', () => {
    expect(exactFrameArgs(target, 0, 20)).not.toContain('-ss');
  });
  it('only maps the first video stream', () => {
    const args = exactFrameArgs(target, 0, 20);
    expect(args).toContain('0:v:0');
    expect(args).toContain('-an');
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

describe('parseShowinfoTimes', () => {
  it('reads pts_time of showinfo lines only, in order', () => {
    const lines = [
      '[Parsed_showinfo_4 @ 0x1] config in time_base: 1/90000, frame_rate: 24/1',
      '[Parsed_showinfo_4 @ 0x1] n:   0 pts:    232 pts_time:0.00257778 duration:3750 pos:   492560 fmt:rgba',
      'frame=    1 fps=0.0 q=0.0 size=       0kB time=00:00:00.00 bitrate=N/A',
      '[Parsed_showinfo_4 @ 0x1] n:   1 pts:   3982 pts_time:0.0442444 duration:3750',
      '[Parsed_showinfo_2 @ 0x2] n:   0 pts:  -1500 pts_time:-0.5 duration:512',
      '[Parsed_showinfo_2 @ 0x2] n:   1 pts:  1 pts_time:1e-05',
    ];
    expect(parseShowinfoTimes(lines)).toEqual([0.00257778, 0.0442444, -0.5, 0.00001]);
  });
});
