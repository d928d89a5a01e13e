import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors';
import { DEFAULT_SPEC_INPUT, checkJobSpec } from './spec';
import { vendorRequestToSpec } from './vendorRequest';
import { testSource } from '../fixtures/sourceInfo';

const source = testSource({ durationMs: 30_000, videoDurationMs: 30_000, codecLongName: 'H.264', frameCount: 750 });

/** The spec the page would build from the converted request. */
function specOf(request: unknown) {
  const { input } = vendorRequestToSpec(request);
  const { spec, problems } = checkJobSpec({ ...DEFAULT_SPEC_INPUT, ...input }, source);
  expect(problems).toEqual([]);
  return spec!;
}

function refusal(request: unknown): string {
  try {
    vendorRequestToSpec(request);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

// Alibaba VOD SubmitSnapshotJob (its English and Chinese API reference): the examples column.
const ALIBABA_SPRITE_EXAMPLE = "{'CellWidth': 120, 'CellHeight': 68, 'Columns': 3,'Lines': 10, 'Padding': 20, 'Margin': 50}";
const ALIBABA_USER_DATA = '{"MessageCallback":{"CallbackURL":"http://.example.aliyundoc.com"},"Extend":{"localId":"xxx","example":"www"}}';

describe('vendorRequestToSpec: Alibaba SubmitSnapshotJob', () => {
  it("takes the seed's example values: one 1280x720 snapshot from 0 (Count 1, Interval 1), UserData carried", () => {
    const spec = specOf({
      VideoId: 'd3e680e618708efbf2cae7cc9312****',
      SpecifiedOffsetTime: 0,
      Width: '1280',
      Height: '720',
      Count: 1,
      Interval: 1,
      UserData: ALIBABA_USER_DATA,
    });
    expect(spec).toMatchObject({ mode: 'sample', timesMs: [0], width: 1280, height: 720, format: 'jpg', frameType: 'accurate' });
    expect(spec.userData).toEqual(JSON.parse(ALIBABA_USER_DATA));
  });

  it("SpecifiedOffsetTimes (ms, the seed's 1000) become offsets", () => {
    expect(specOf({ SpecifiedOffsetTimes: [1000, 2500] })).toMatchObject({ mode: 'offsets', offsetsMs: [1000, 2500] });
  });

  it('SpriteSnapshotConfig as the docs write it (a string with single quotes) makes the 3x10 sprite of 120x68 cells', () => {
    const spec = specOf({ SpecifiedOffsetTime: 0, Count: 30, Interval: 1, SpriteSnapshotConfig: ALIBABA_SPRITE_EXAMPLE });
    expect(spec.mode).toBe('sprite');
    if (spec.mode !== 'sprite') return;
    expect(spec.sprite).toMatchObject({ cellWidth: 120, cellHeight: 68, columns: 3, lines: 10, padding: 20, margin: 50, keepCells: true });
    expect(spec.timesMs).toHaveLength(30);
  });

  it('SpriteSnapshotConfig as an object, with Color and KeepCellPic delete', () => {
    const spec = specOf({
      Interval: 0,
      Count: 16,
      SpriteSnapshotConfig: { CellWidth: 160, Columns: 4, Lines: 4, Color: '#ff0000', KeepCellPic: 'delete' },
    });
    if (spec.mode !== 'sprite') throw new Error('not a sprite');
    expect(spec.sprite).toMatchObject({ cellWidth: 160, cellHeight: 90, columns: 4, lines: 4, color: '#ff0000', keepCells: false });
    expect(spec.timesMs).toEqual(Array.from({ length: 16 }, (_, k) => Math.round((k * 30_000) / 16)));
  });

  it('Count and Interval together: the fewer snapshots (Alibaba: "以少者为准")', () => {
    expect(specOf({ Count: 3, Interval: 1 })).toMatchObject({ mode: 'sample', timesMs: [0, 1000, 2000] });
    expect(specOf({ Count: 100, Interval: 10 })).toMatchObject({ mode: 'sample', timesMs: [0, 10_000, 20_000] });
  });

  it('refuses unknown and conflicting fields, and cloud templates, naming them', () => {
    expect(refusal({ SpecifiedOffsetTimes: [1000], Wdth: 640 })).toMatch(/unknown field "Wdth"/);
    expect(refusal({ SpecifiedOffsetTimes: [1000], Count: 3 })).toMatch(/"SpecifiedOffsetTimes" and "Count" cannot be used together/);
    expect(refusal({ SnapshotTemplateId: 'f5b228fe693bf55bd87b789****' })).toMatch(/"SnapshotTemplateId" names a template/);
    expect(refusal({ Count: 3, SpriteSnapshotConfig: { CellWidth: 120, Rows: 3 } })).toMatch(/unknown field "Rows"/);
    expect(refusal({ Count: 3, Width: 640, SpriteSnapshotConfig: ALIBABA_SPRITE_EXAMPLE })).toMatch(/"Width" and "SpriteSnapshotConfig"/);
    expect(refusal({ Width: 'wide', Count: 1 })).toMatch(/"Width" must be a whole number from 8 to 4096/);
  });
});

describe('vendorRequestToSpec: Tencent', () => {
  it("CreateSnapshotByTimeOffset as the seed's query (timeOffset.0=1, timeOffset.1=20, ms)", () => {
    const result = vendorRequestToSpec({ fileId: '96000077184630899', definition: 10, 'timeOffset.0': 1, 'timeOffset.1': 20 });
    expect(result.vendor).toBe('tencent');
    expect(specOf({ fileId: '96000077184630899', definition: 10, 'timeOffset.0': 1, 'timeOffset.1': 20 })).toMatchObject({
      mode: 'offsets',
      offsetsMs: [1, 20],
    });
  });

  it('ExtTimeOffsetSet takes seconds and percentages', () => {
    expect(specOf({ ExtTimeOffsetSet: ['3.5s', '10%', 5] })).toMatchObject({ mode: 'offsets', offsetsMs: [3000, 3500, 5000] });
  });

  it('the image-sprite template fields: SampleType Percent, 3x3 of 128x128, FillType stretch', () => {
    const spec = specOf({
      SampleType: 'Percent',
      SampleInterval: 10,
      RowCount: 3,
      ColumnCount: 3,
      Width: 128,
      Height: 128,
      FillType: 'stretch',
    });
    if (spec.mode !== 'sprite') throw new Error('not a sprite');
    expect(spec).toMatchObject({ fit: 'stretch', resolutionAdaptive: true });
    expect(spec.sprite).toMatchObject({ columns: 3, lines: 3, cellWidth: 128, cellHeight: 128, webvtt: true, keepCells: false });
    expect(spec.timesMs).toHaveLength(10);
  });

  it('a sample template (no rows or columns) with Width 0: the width follows the video', () => {
    expect(specOf({ SampleType: 'Time', SampleInterval: 10, Width: 0, Height: 360 })).toMatchObject({
      mode: 'sample',
      timesMs: [0, 10_000, 20_000],
      width: 640,
      height: 360,
    });
  });

  it("refuses a request with only a cloud template (the seed's CreateImageSprite) and conflicts", () => {
    expect(refusal({ fileId: '96000077184630899', definition: 10 })).toMatch(/needs times/);
    expect(refusal({ timeOffset: [1], SampleType: 'Time', SampleInterval: 2 })).toMatch(/cannot be used together/);
    expect(refusal({ SampleType: 'Time', SampleInterval: 2, FillType: 'blue' })).toMatch(
      /"FillType" must be one of "black", "white", "gauss", "stretch"/,
    );
  });
});

describe('vendorRequestToSpec: ZEGO MediaThumbnails', () => {
  it("the seed's SnapshotByTimeOffset example (ExtTimeOffsetSet[]=1, 2: seconds)", () => {
    const request = {
      Vendor: 'Tencent',
      FileId: '1397757897438985100',
      Definition: 10,
      'ExtTimeOffsetSet[]': [1, 2],
      Type: 'SnapshotByTimeOffset',
    };
    expect(vendorRequestToSpec(request).vendor).toBe('zego');
    expect(specOf(request)).toMatchObject({ mode: 'offsets', offsetsMs: [1000, 2000] });
  });

  it("the seed's SampleSnapshot example (Interval=2)", () => {
    const request = { Vendor: 'Huawei', FileId: '/record/x.mp4', Interval: 2, Type: 'SampleSnapshot' };
    const spec = specOf(request);
    expect(spec.mode).toBe('sample');
    if (spec.mode === 'sample') expect(spec.timesMs).toHaveLength(15);
  });

  it('refuses fields of the other type and unknown fields', () => {
    expect(refusal({ Type: 'SampleSnapshot', ExtTimeOffsetSet: [1] })).toMatch(/"ExtTimeOffsetSet" does not apply/);
    expect(refusal({ Type: 'SnapshotByTimeOffset', ExtTimeOffsetSet: [1], Count: 3 })).toMatch(/unknown field "Count"/);
    expect(refusal({ Type: 'Cover' })).toMatch(/"Type" must be one of/);
  });
});
