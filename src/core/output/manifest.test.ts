import { describe, expect, it } from 'vitest';
import { buildManifest, manifestJson, type ManifestFile } from './manifest';
import type { OffsetsSpec, SampleSpec, SpriteSpec } from '../job/types';
import { testSource } from '../fixtures/sourceInfo';

const source = testSource({
  startTimeMs: 66.667,
  videoDurationMs: 12000,
  width: 1080,
  height: 1920,
  rotation: 90,
  frameRate: 29.97,
  frameCount: null,
  hasAudio: true,
});

const spec: OffsetsSpec = {
  mode: 'offsets',
  offsetsMs: [0, 1500],
  width: 540,
  height: 960,
  fit: 'black',
  resolutionAdaptive: false,
  format: 'jpg',
  quality: 85,
  frameType: 'accurate',
};

const files: ManifestFile[] = [
  { kind: 'snapshot', name: 'flower_00000000ms.jpg', requestedMs: 0, actualMs: 0, width: 540, height: 960, bytes: 40_000 },
  { kind: 'snapshot', name: 'flower_00001500ms.jpg', requestedMs: 1500, actualMs: 1468.133, width: 540, height: 960, bytes: 41_234 },
];

const args = {
  jobId: 'job-1',
  createdAt: '2025-01-02T03:04:05.000Z',
  finishedAt: '2025-01-02T03:04:09.500Z',
  decoder: 'ffmpeg.wasm' as const,
  spec,
  source,
  files,
};

describe('buildManifest', () => {
  it("records an interlaced source's field order and coding, without the count of frames read", () => {
    const interlacing = { fieldOrder: 'bff' as const, coding: ['mbaff' as const], codingName: 'MBAFF', framesRead: 30 };
    expect(buildManifest({ ...args, source: { ...source, interlacing } }).source.interlacing).toEqual({
      fieldOrder: 'bff',
      coding: ['mbaff'],
      codingName: 'MBAFF',
    });
    expect(buildManifest(args).source.interlacing).toBeUndefined();
  });
  it('records the job, the spec, the source metadata and the files', () => {
    expect(buildManifest(args)).toEqual({
      generator: 'Snapframe',
      jobId: 'job-1',
      createdAt: '2025-01-02T03:04:05.000Z',
      finishedAt: '2025-01-02T03:04:09.500Z',
      decoder: 'ffmpeg.wasm',
      spec: {
        mode: 'offsets',
        offsetsMs: [0, 1500],
        width: 540,
        height: 960,
        fit: 'black',
        resolutionAdaptive: false,
        format: 'jpg',
        quality: 85,
        frameType: 'accurate',
      },
      source: {
        name: 'flower.mp4',
        size: 1_234_567,
        durationMs: 10_000,
        codec: 'h264',
        width: 1080,
        height: 1920,
        rotation: 90,
        frameRate: 29.97,
        container: 'mov,mp4,m4a,3gp,3g2,mj2',
        startTimeMs: 66.667,
      },
      files,
      deinterlace: { mode: 'auto', applied: false },
    });
  });

  it('has no userData key when the spec has none', () => {
    expect('userData' in buildManifest(args)).toBe(false);
    expect('userData' in buildManifest({ ...args, spec: { ...spec, userData: undefined } })).toBe(false);
  });

  it('carries userData unchanged, out of the spec', () => {
    const userData = { Extend: { localId: 'xxx' }, list: [1, 'two', null] };
    const manifest = buildManifest({ ...args, spec: { ...spec, userData } });
    expect(manifest.userData).toBe(userData);
    expect('userData' in manifest.spec).toBe(false);
  });

  it('keeps a null userData', () => {
    const manifest = buildManifest({ ...args, spec: { ...spec, userData: null } });
    expect('userData' in manifest).toBe(true);
    expect(manifest.userData).toBeNull();
  });

  it('copies the inputs and leaves out fields it does not record', () => {
    const offsetsMs = [0, 1500];
    const ownFiles = files.map((file) => ({ ...file, extra: 'no' }));
    const manifest = buildManifest({ ...args, spec: { ...spec, offsetsMs }, files: ownFiles });
    offsetsMs.push(9000);
    ownFiles[0]!.bytes = 1;
    expect(manifest.spec.mode === 'offsets' && manifest.spec.offsetsMs).toEqual([0, 1500]);
    expect(manifest.files[0]?.bytes).toBe(40_000);
    expect(manifest.files[0]).not.toHaveProperty('extra');
    expect(manifest.source).not.toHaveProperty('codecLongName');
    expect(manifest.source).not.toHaveProperty('hasAudio');
    expect(manifest.source).not.toHaveProperty('elementary');
  });

  it("records where a raw elementary stream's frame rate comes from", () => {
    const raw = { ...source, container: 'h264', elementary: { frameRate: [25, 1] as [number, number], rateFrom: 'default' as const } };
    expect(buildManifest({ ...args, source: raw }).source.elementary).toEqual({ frameRate: [25, 1], rateFrom: 'default' });
  });
});

describe('buildManifest, sample and sprite jobs', () => {
  const output = {
    width: 160,
    height: 90,
    fit: 'gauss' as const,
    resolutionAdaptive: true,
    format: 'png' as const,
    quality: 90,
    frameType: 'keyframe' as const,
  };
  const sampling = { startMs: 0, intervalSec: 2, count: null, percent: null };

  it('records a sample spec whole, copied', () => {
    const sampleSpec: SampleSpec = { mode: 'sample', sampling: { ...sampling }, timesMs: [0, 2000], ...output, userData: 'x' };
    const manifest = buildManifest({ ...args, spec: sampleSpec, files: [] });
    sampleSpec.timesMs.push(4000);
    sampleSpec.sampling.count = 9;
    expect(manifest.spec).toEqual({ mode: 'sample', sampling, timesMs: [0, 2000], ...output });
    expect(manifest.userData).toBe('x');
  });

  it('records sheets with their cells, kept cells and the VTT, each with its own fields', () => {
    const sprite = {
      cellWidth: 160,
      cellHeight: 90,
      columns: 2,
      lines: 1,
      padding: 0,
      margin: 0,
      color: 'black',
      keepCells: true,
      webvtt: true,
    };
    const spriteSpec: SpriteSpec = { mode: 'sprite', sampling, timesMs: [0, 2000, 4000], sprite, ...output };
    const cell = (index: number, actualMs: number | null, x: number) => ({
      index,
      requestedMs: index * 2000,
      actualMs,
      x,
      y: 0,
      width: 160,
      height: 90,
    });
    const spriteFiles: ManifestFile[] = [
      { kind: 'cell', name: 'flower_cell_0000_00000000ms.png', requestedMs: 0, actualMs: 0, width: 160, height: 90, bytes: 900 },
      {
        kind: 'sheet',
        name: 'sprite_000.png',
        width: 320,
        height: 90,
        bytes: 5000,
        headerHeight: 0,
        lines: 1,
        cells: [cell(0, 0, 0), cell(1, 1968.3, 160)],
      },
      { kind: 'sheet', name: 'sprite_001.png', width: 320, height: 90, bytes: 3000, headerHeight: 0, lines: 1, cells: [cell(2, null, 0)] },
      { kind: 'vtt', name: 'thumbnails.vtt', bytes: 120 },
    ];
    const manifest = buildManifest({ ...args, spec: spriteSpec, files: spriteFiles });
    expect(manifest.spec).toEqual({ mode: 'sprite', sampling, timesMs: [0, 2000, 4000], sprite, ...output });
    expect(manifest.files).toEqual(spriteFiles);
    expect(manifest.files[3]).toEqual({ kind: 'vtt', name: 'thumbnails.vtt', bytes: 120 });
    sprite.columns = 5;
    const first = spriteFiles[1];
    if (first?.kind === 'sheet') first.cells[0]!.x = 99;
    expect(manifest.spec.mode === 'sprite' && manifest.spec.sprite.columns).toBe(2);
    expect(manifest.files[1]?.kind === 'sheet' && manifest.files[1].cells[0]?.x).toBe(0);
  });

  it('records the storyboard, the animated previews and the header height', () => {
    const animation = { frameRate: 2, width: 320, height: 180 };
    const spec: SampleSpec = { mode: 'sample', sampling, timesMs: [0, 2000], animation, ...output };
    const gif: ManifestFile = {
      kind: 'animation',
      name: 'preview.gif',
      format: 'gif',
      codec: 'gif',
      width: 320,
      height: 180,
      frameRate: 2,
      frames: 2,
      durationMs: 1000,
      requestedMs: [0, 2000],
      actualMs: [0, 1968.3],
      bytes: 4000,
    };
    const files: ManifestFile[] = [gif, { kind: 'storyboard', name: 'storyboard.json', bytes: 300 }];
    const manifest = buildManifest({ ...args, spec, files });
    expect(manifest.files).toEqual(files);
    expect(manifest.spec).toMatchObject({ animation });
    if (gif.kind === 'animation') gif.requestedMs.push(5);
    expect(manifest.files[0]?.kind === 'animation' && manifest.files[0].requestedMs).toEqual([0, 2000]);
  });

  it('leaves out fields a kind does not record', () => {
    const extra = { kind: 'vtt', name: 'thumbnails.vtt', bytes: 1, requestedMs: 0, width: 1 } as ManifestFile;
    expect(buildManifest({ ...args, files: [extra] }).files).toEqual([{ kind: 'vtt', name: 'thumbnails.vtt', bytes: 1 }]);
  });
});

describe('manifestJson', () => {
  it('is JSON indented by two spaces with a trailing newline', () => {
    const manifest = buildManifest({ ...args, spec: { ...spec, userData: { a: 'é' } } });
    const text = manifestJson(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.startsWith('{\n  "generator": "Snapframe",\n  "jobId": "job-1",')).toBe(true);
    expect(text).toContain('\n  "userData": {\n    "a": "é"\n  }\n}\n');
    expect(JSON.parse(text)).toEqual(manifest);
  });

  it('buildManifest records skipped times only when there are any', () => {
    const args = { jobId: 'j', createdAt: 'a', finishedAt: 'b', decoder: 'ffmpeg.wasm' as const, spec, source, files: [] };
    expect(buildManifest(args).skipped).toBeUndefined();
    expect(buildManifest({ ...args, skipped: [] }).skipped).toBeUndefined();
    const skipped = [{ requestedMs: 3000, reason: 'No picture could be decoded at 0:03.000.' }];
    expect(buildManifest({ ...args, skipped }).skipped).toEqual(skipped);
  });

  it('buildManifest records the engine notes only when there are any', () => {
    const args = { jobId: 'j', createdAt: 'a', finishedAt: 'b', decoder: 'ffmpeg.wasm' as const, spec, source, files: [] };
    expect(buildManifest({ ...args, notes: [] }).notes).toBeUndefined();
    const notes = ['WebCodecs failed on a.mp4 at 0 ms (EncodingError); ffmpeg.wasm decoded the rest of its frames.'];
    expect(buildManifest({ ...args, notes }).notes).toEqual(notes);
  });
});

describe('buildManifest: frame quality, shots and HDR', () => {
  it('keeps why a frame moved or was kept, and the option in the spec', () => {
    const moved: ManifestFile[] = [
      {
        kind: 'snapshot',
        name: 'a.jpg',
        requestedMs: 0,
        actualMs: 1601.6,
        width: 8,
        height: 8,
        bytes: 1,
        quality: { reason: 'dark', moved: true },
      },
      {
        kind: 'snapshot',
        name: 'b.jpg',
        requestedMs: 9000,
        actualMs: 9000,
        width: 8,
        height: 8,
        bytes: 1,
        quality: { reason: 'blurry', moved: false },
      },
    ];
    const manifest = buildManifest({ ...args, spec: { ...spec, avoidBadFrames: true }, files: moved });
    expect(manifest.spec).toMatchObject({ avoidBadFrames: true });
    expect(manifest.files.map((f) => ('quality' in f ? f.quality : null))).toEqual([
      { reason: 'dark', moved: true },
      { reason: 'blurry', moved: false },
    ]);
    expect('avoidBadFrames' in buildManifest(args).spec).toBe(false);
  });

  it('records a shots spec and its cuts', () => {
    const shotsSpec = { ...spec, mode: 'shots' as const, shots: { threshold: 10, pick: 'middle' as const, offsetMs: 500 }, sprite: null };
    const { offsetsMs: _o, ...shotsOnly } = shotsSpec;
    const cuts = {
      cutsMs: [1500],
      shots: [
        { startMs: 0, endMs: 1500, timeMs: 750 },
        { startMs: 1500, endMs: 10_000, timeMs: 5750 },
      ],
    };
    const manifest = buildManifest({ ...args, spec: shotsOnly, shots: cuts });
    expect(manifest.spec).toMatchObject({ mode: 'shots', shots: { threshold: 10, pick: 'middle' }, sprite: null });
    expect(manifest.shots).toEqual(cuts);
    expect(manifest.shots).not.toBe(cuts);
  });
});
