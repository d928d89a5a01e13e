/**
 * Probing without ffmpeg.wasm: the SourceInfo mediabunny makes (core/probe/probeChoice.ts) must be the one
 * ffprobe in ffmpeg.wasm makes (core/probe/probeInfo.ts) on every shared file that both read, field by field. The page is
 * opened with the testing hook `?probe=ffprobe`, then `?probe=mediabunny` (README "Testing hooks"), every file is
 * chosen at once, and each probe's result is read from `window.snapframeProbes`.
 */
import { expect, test } from './support/fixtures';
import type { SnapframePage } from './support/app';
import { MEDIA, mediaPath } from './support/media';

type ProbeRecord = { name: string; info?: Record<string, unknown>; error?: string };

const FILES = Object.values(MEDIA);
/** Files mediabunny cannot read here: MPEG-2 in MPEG-TS (stream_type 0x2), AVI (not a container it reads). */
const MEDIABUNNY_CANNOT: readonly string[] = [MEDIA.mpeg2Ts, MEDIA.indeoAvi];

/**
 * What the colours decide (core/color/hdr/colorInfo.ts hdrSource): SDR, or an HDR transfer with its primaries,
 * matrix and range. The two probes name the other colour tags differently (mediabunny reports VP9's implied
 * smpte170m transfer and drops tags WebCodecs has no name for, such as iec61966-2-4), and only ffprobe reads bit depth
 * beyond VP9/AV1 codec strings and the Dolby Vision record: those do not change what a snapshot looks like.
 */
function toneMapping(color: unknown): unknown {
  const c = color as { transfer?: string | null; primaries?: string | null; matrix?: string | null; range?: string | null } | undefined;
  const hdr = c?.transfer === 'smpte2084' || c?.transfer === 'arib-std-b67';
  return hdr ? { transfer: c.transfer, primaries: c.primaries, matrix: c.matrix, range: c.range } : 'sdr';
}

async function probeAll(app: SnapframePage, how: 'ffprobe' | 'mediabunny'): Promise<Map<string, ProbeRecord>> {
  await app.page.goto(`/?probe=${how}`);
  await app.fileInput.setInputFiles(FILES.map(mediaPath));
  const read = () => app.page.evaluate(() => (window as unknown as { snapframeProbes?: ProbeRecord[] }).snapframeProbes ?? []);
  await expect.poll(async () => (await read()).length, { timeout: 120_000, message: `every file probed with ${how}` }).toBe(FILES.length);
  return new Map((await read()).map((r) => [r.name, r]));
}

test('mediabunny and ffprobe give the same SourceInfo on every file both read', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const ffprobe = await probeAll(app, 'ffprobe');
  const mediabunny = await probeAll(app, 'mediabunny');
  const problems: string[] = [];
  const compared: string[] = [];
  for (const name of FILES) {
    const a = ffprobe.get(name);
    const b = mediabunny.get(name);
    if (!a?.info) {
      problems.push(`${name}: ffprobe did not read it (${a?.error})`);
      continue;
    }
    if (!b?.info) {
      if (!MEDIABUNNY_CANNOT.includes(name)) problems.push(`${name}: mediabunny did not read it (${b?.error})`);
      continue;
    }
    if (MEDIABUNNY_CANNOT.includes(name)) problems.push(`${name}: mediabunny read it; update MEDIABUNNY_CANNOT`);
    compared.push(name);
    const fields = new Set([...Object.keys(a.info), ...Object.keys(b.info)]);
    for (const field of fields) {
      const x = JSON.stringify(field === 'color' ? toneMapping(a.info[field]) : a.info[field]);
      const y = JSON.stringify(field === 'color' ? toneMapping(b.info[field]) : b.info[field]);
      if (x !== y) problems.push(`${name} ${field}: ffprobe ${x}, mediabunny ${y}`);
    }
  }
  const line = `compared ${compared.length} files field by field: ${compared.join(', ')}`;
  console.log(`probe: ${line}`);
  testInfo.annotations.push({ type: 'probe', description: line });
  expect(problems, problems.join('\n')).toEqual([]);
  expect(compared).toHaveLength(FILES.length - MEDIABUNNY_CANNOT.length);
});
