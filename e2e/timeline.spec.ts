/**
 * The timeline under the preview: scrubbing moves the browser's player, or renders frames with
 * ffmpeg.wasm for a file the browser cannot play; markers and the "Time offsets" field are one list (M, "Add current
 * time", drag, Delete); the arrow keys step frames; zoom makes single frames reachable. Everything through the
 * accessible names of the UI contract: the `slider` "Timeline", "Current time", "Current frame", "Marker at …",
 * "Zoom in" / "Zoom out". Expected frame numbers and times are computed here from the frame rates ffprobe reports
 * (flower.mp4 30000/1001 fps, video-15s.avi 35 fps), not taken from the app.
 */
import type { Locator, Page } from '@playwright/test';
import { PROBE_TIMEOUT_MS, type SnapframePage } from './support/app';
import { expect, test } from './support/fixtures';
import { SpecFormDriver, uiTime } from './support/form';
import { MEDIA, mediaPath } from './support/media';
import { shownImage } from './support/shownImage';

const FLOWER_FPS = 30000 / 1001;
const FLOWER_MS = 5055;
const FLOWER_FRAMES = 150;
const AVI_FPS = 35;
const AVI_MS = 15714;
const AVI_FRAMES = 550;

/** The frame (from 0) displayed at `ms` for a constant frame rate. */
const frameAt = (ms: number, fps: number) => Math.floor((ms * fps) / 1000 + 1e-6);
/** The first whole ms at which frame `k` is displayed. */
const frameStart = (k: number, fps: number) => Math.ceil((k * 1000) / fps - 1e-6);
/** `m:ss.mmm` back to ms. */
function parseUiTime(text: string): number {
  const m = /^(\d+):(\d\d)\.(\d{3})$/.exec(text);
  if (!m) throw new Error(`not a m:ss.mmm time: ${text}`);
  return Number(m[1]) * 60_000 + Number(m[2]) * 1000 + Number(m[3]);
}

/** The timeline's controls. */
class TimelineDriver {
  constructor(readonly page: Page) {}
  get slider(): Locator {
    return this.page.getByRole('slider', { name: 'Timeline' });
  }
  get time(): Locator {
    return this.page.getByLabel('Current time', { exact: true });
  }
  get frame(): Locator {
    return this.page.getByLabel('Current frame', { exact: true });
  }
  get zoomLevel(): Locator {
    return this.page.getByLabel('Zoom level', { exact: true });
  }
  marker(ms: number): Locator {
    return this.page.getByRole('button', { name: `Marker at ${uiTime(ms)}`, exact: true });
  }
  get markers(): Locator {
    return this.page.getByRole('button', { name: /^Marker at / });
  }
  /** The visible part of the video, ms (from the "Visible from … to …" text). */
  async visibleRange(): Promise<{ from: number; to: number }> {
    const text = (await this.page.getByText(/^Visible from /).textContent()) ?? '';
    const m = /^Visible from (\S+) to (\S+)$/.exec(text.trim());
    if (!m?.[1] || !m[2]) throw new Error(`unexpected visible range text: ${text}`);
    return { from: parseUiTime(m[1]), to: parseUiTime(m[2]) };
  }
  /** The slider's value, ms. */
  async valueMs(): Promise<number> {
    return Number(await this.slider.getAttribute('aria-valuenow'));
  }
  /** Viewport point at a fraction of the slider's width, mid-height. */
  async point(fraction: number): Promise<{ x: number; y: number }> {
    await this.slider.scrollIntoViewIfNeeded();
    const box = await this.slider.boundingBox();
    if (!box) throw new Error('the timeline is not visible');
    return { x: box.x + fraction * box.width, y: box.y + box.height / 2 };
  }
  /** Presses at `from`, drags to `to` (fractions of the width) in `steps` pointer moves, and releases unless told. */
  async drag(from: number, to: number, steps = 10, release = true): Promise<void> {
    const a = await this.point(from);
    const b = await this.point(to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x, b.y, { steps });
    if (release) await this.page.mouse.up();
  }
  /** Clicks at a fraction of the width and returns the time it went to (the slider's value), ms. */
  async clickAt(fraction: number): Promise<number> {
    const p = await this.point(fraction);
    await this.page.mouse.click(p.x, p.y);
    return this.valueMs();
  }
  /** Expects the read-outs to show `ms` and its frame number (never past the last of `frames`). */
  async expectAt(ms: number, fps: number, frames: number): Promise<void> {
    await expect(this.slider).toHaveAttribute('aria-valuenow', String(ms));
    await expect(this.slider).toHaveAttribute('aria-valuetext', uiTime(ms));
    await expect(this.time).toHaveText(uiTime(ms));
    await expect(this.frame).toHaveText(String(Math.min(frames - 1, frameAt(ms, fps))));
  }
}

async function openVideo(app: SnapframePage, name: string): Promise<TimelineDriver> {
  await app.open();
  await app.chooseFile(mediaPath(name));
  await app.waitForProbe(name);
  const timeline = new TimelineDriver(app.page);
  await expect(timeline.slider).toBeVisible({ timeout: PROBE_TIMEOUT_MS });
  return timeline;
}

/** The native player's position, ms. */
const videoMs = (page: Page) => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime * 1000);

test('scrubbing a video the browser plays moves its player; arrows step frames; zoom reaches single frames', async ({ app, page }) => {
  const timeline = await openVideo(app, MEDIA.flower);
  await expect(timeline.slider).toHaveAttribute('aria-valuemin', '0');
  await expect(timeline.slider).toHaveAttribute('aria-valuemax', String(FLOWER_MS));
  await timeline.expectAt(0, FLOWER_FPS, FLOWER_FRAMES);
  // The filmstrip fills in (keyframe thumbnails, 96 px wide).
  await expect(page.locator('.timeline__strip img').first()).toBeVisible({ timeout: 60_000 });

  // Drag from 20 % to 60 %: the player follows while the pointer moves, and ends where it was released.
  await timeline.drag(0.2, 0.4, 5, false);
  const midway = await timeline.valueMs();
  expect(midway).toBeGreaterThan(0.3 * FLOWER_MS);
  await expect.poll(() => videoMs(page)).toBeCloseTo(midway, 0);
  const p = await timeline.point(0.6);
  await page.mouse.move(p.x, p.y, { steps: 5 });
  await page.mouse.up();
  const released = await timeline.valueMs();
  expect(released).toBeGreaterThan(0.55 * FLOWER_MS);
  expect(released).toBeLessThan(0.65 * FLOWER_MS);
  expect(frameStart(frameAt(released, FLOWER_FPS), FLOWER_FPS), 'scrubbing snaps to frame starts').toBe(released);
  await expect.poll(() => videoMs(page)).toBeCloseTo(released, 0);
  await timeline.expectAt(released, FLOWER_FPS, FLOWER_FRAMES);

  // Frame steps at 29.97 fps: frame k starts at ceil(k * 1001 / 30) ms.
  await page.keyboard.press('Home');
  await timeline.expectAt(0, FLOWER_FPS, FLOWER_FRAMES);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await timeline.expectAt(101, FLOWER_FPS, FLOWER_FRAMES);
  await expect.poll(() => videoMs(page)).toBeCloseTo(101, 0);
  await page.keyboard.press('Shift+ArrowRight');
  await timeline.expectAt(1101, FLOWER_FPS, FLOWER_FRAMES);
  await page.keyboard.press('ArrowLeft');
  await timeline.expectAt(frameStart(31, FLOWER_FPS), FLOWER_FPS, FLOWER_FRAMES);
  await page.keyboard.press('Shift+ArrowLeft');
  await timeline.expectAt(35, FLOWER_FPS, FLOWER_FRAMES);
  await page.keyboard.press('End');
  await timeline.expectAt(FLOWER_MS, FLOWER_FPS, FLOWER_FRAMES);
  await expect.poll(() => videoMs(page)).toBeCloseTo(FLOWER_MS, 0);

  // Space plays and pauses the player.
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => videoMs(page)).toBeGreaterThan(200);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await page.locator('video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);

  // Zoom: in with the button (around the playhead), until single frames are wide enough to pick.
  await page.keyboard.press('Home');
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  const zoomOut = page.getByRole('button', { name: 'Zoom out' });
  await expect(timeline.zoomLevel).toHaveText('1×');
  await expect(zoomOut).toBeDisabled();
  await zoomIn.click();
  await expect(timeline.zoomLevel).toHaveText('2×');
  await expect(page.getByText(`Visible from 0:00.000 to ${uiTime(FLOWER_MS / 2)}`)).toBeAttached();
  while (await zoomIn.isEnabled()) await zoomIn.click();
  const box = await timeline.slider.boundingBox();
  if (!box) throw new Error('no timeline');
  // At the deepest zoom a frame is wide enough to point at: clicks one frame width either side of a frame's
  // middle land on its neighbours.
  const range = await timeline.visibleRange();
  const framePx = (box.width * 1000) / FLOWER_FPS / (range.to - range.from);
  expect(framePx, 'a frame is at least 20 px wide at the deepest zoom').toBeGreaterThanOrEqual(20);
  const k = frameAt(await timeline.clickAt(0.5), FLOWER_FPS);
  const middle = ((k + 0.5) * 1000) / FLOWER_FPS;
  const at = (ms: number) => (ms - range.from) / (range.to - range.from);
  for (const step of [1, -1, 2]) {
    const ms = await timeline.clickAt(at(middle + (step * 1000) / FLOWER_FPS));
    expect(frameAt(ms, FLOWER_FPS), `a click ${step} frame(s) from frame ${k}`).toBe(k + step);
    await expect(timeline.frame).toHaveText(String(k + step));
  }

  // The window follows the playhead; Ctrl+wheel zooms out around the pointer; the button back to the whole video.
  await page.keyboard.press('End');
  await expect(page.getByText(new RegExp(`^Visible from .* to ${uiTime(FLOWER_MS).replace('.', '\\.')}$`))).toBeAttached();
  const deepest = await timeline.zoomLevel.innerText();
  const p2 = await timeline.point(0.5);
  await page.mouse.move(p2.x, p2.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 200);
  await page.keyboard.up('Control');
  await expect(timeline.zoomLevel).not.toHaveText(deepest);
  await expect(zoomIn).toBeEnabled();
  while (await zoomOut.isEnabled()) await zoomOut.click();
  await expect(timeline.zoomLevel).toHaveText('1×');
  await expect(zoomIn).toBeEnabled();
});

test('scrubbing a video only ffmpeg.wasm decodes renders frames while dragging and the exact frame at rest', async ({ app, page }) => {
  const timeline = await openVideo(app, MEDIA.indeoAvi);
  await expect(timeline.slider).toHaveAttribute('aria-valuemax', String(AVI_MS));
  const frame = page.getByRole('img', { name: /^Frame at / });
  await expect(frame).toHaveAccessibleName('Frame at 0:00.000', { timeout: 60_000 });
  const firstPicture = (await shownImage(frame)).checksum;

  // Drag slowly from 10 % to 50 % without releasing: frames keep coming while the pointer moves.
  const names = new Set<string>();
  const a = await timeline.point(0.1);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i += 1) {
    const p = await timeline.point(0.1 + (0.4 * i) / 8);
    await page.mouse.move(p.x, p.y, { steps: 3 });
    await page.waitForTimeout(250);
    names.add((await frame.getAttribute('aria-label')) ?? '');
  }
  expect(names.size, `frames shown while dragging: ${[...names].join(', ')}`).toBeGreaterThan(2);
  // The pointer rests: the exact frame at the playhead, the last frame at or before it.
  const held = await timeline.valueMs();
  const exact = `Frame at ${uiTime(Math.round((frameAt(held, AVI_FPS) * 1000) / AVI_FPS))}`;
  await expect(frame).toHaveAccessibleName(exact, { timeout: 30_000 });
  await page.mouse.up();
  await expect.poll(async () => (await shownImage(frame)).checksum, { message: 'another picture' }).not.toBe(firstPicture);
  const shownMs = parseUiTime(((await frame.getAttribute('aria-label')) ?? '').replace('Frame at ', ''));
  expect(held - shownMs).toBeGreaterThanOrEqual(0);
  expect(held - shownMs).toBeLessThan(1000 / AVI_FPS);

  // The hover tooltip shows the time under the pointer, with a thumbnail of that moment.
  const h = await timeline.point(0.75);
  await page.mouse.move(h.x, h.y);
  const tip = page.locator('.timeline__tip');
  await expect(tip).toBeVisible();
  const tipMs = parseUiTime((await tip.innerText()).trim());
  expect(tipMs / AVI_MS).toBeGreaterThan(0.7);
  expect(tipMs / AVI_MS).toBeLessThan(0.8);
  await expect(tip.locator('img')).toBeVisible({ timeout: 30_000 });
  expect(await tip.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  // Frame and second steps: Home, 6 s, one frame back, two forward: frame 211 (35 fps: shown from 6028.571 ms).
  await page.mouse.move(0, 0);
  await page.keyboard.press('Home');
  await expect(frame).toHaveAccessibleName('Frame at 0:00.000', { timeout: 30_000 });
  await timeline.slider.focus();
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await timeline.expectAt(frameStart(211, AVI_FPS), AVI_FPS, AVI_FRAMES);
  await expect(frame).toHaveAccessibleName(`Frame at ${uiTime((211 * 1000) / AVI_FPS)}`, { timeout: 30_000 });
  await expect(page.locator('.timeline__strip img').first()).toBeVisible({ timeout: 60_000 });
});

test('markers and the Time offsets field are one list: M, Add current time, drag, Delete', async ({ app, page }) => {
  const timeline = await openVideo(app, MEDIA.flower);
  // Tokens typed by hand keep their text; an invalid one gets no marker.
  await app.setOffsets('2.5s ;  nonsense  0:00.500');
  await expect(timeline.markers).toHaveCount(2);
  await expect(timeline.marker(2500)).toBeVisible();
  await expect(timeline.marker(500)).toBeVisible();

  // In a text field, M is a letter, not a shortcut.
  await app.offsetsInput.press('End');
  await app.offsetsInput.press('m');
  await expect(app.offsetsInput).toHaveValue('2.5s ;  nonsense  0:00.500m');
  await app.setOffsets('2.5s ;  nonsense  0:00.500');

  // M adds a marker at the playhead, selected.
  const t1 = await timeline.clickAt(0.8);
  await page.keyboard.press('m');
  await expect(app.offsetsInput).toHaveValue(`2.5s ;  nonsense  0:00.500, ${uiTime(t1)}`);
  await expect(timeline.marker(t1)).toHaveAttribute('aria-pressed', 'true');

  // "Add current time" adds one too.
  const t2 = await timeline.clickAt(0.15);
  await app.addCurrentTimeButton.click();
  await expect(app.offsetsInput).toHaveValue(`2.5s ;  nonsense  0:00.500, ${uiTime(t1)}, ${uiTime(t2)}`);
  await expect(timeline.markers).toHaveCount(4);

  // Drag the 0:00.500 marker to about 30 %: its token is rewritten, the preview follows, nothing else changes.
  const handle = await timeline.marker(500).boundingBox();
  if (!handle) throw new Error('no marker');
  const target = await timeline.point(0.3);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x, handle.y + handle.height / 2, { steps: 8 });
  await page.mouse.up();
  const moved = await timeline.valueMs();
  expect(moved / FLOWER_MS).toBeGreaterThan(0.25);
  expect(moved / FLOWER_MS).toBeLessThan(0.35);
  await expect(app.offsetsInput).toHaveValue(`2.5s ;  nonsense  ${uiTime(moved)}, ${uiTime(t1)}, ${uiTime(t2)}`);
  await expect(timeline.marker(moved)).toHaveAttribute('aria-pressed', 'true');
  await expect(timeline.marker(500)).toHaveCount(0);
  await expect.poll(() => videoMs(page)).toBeCloseTo(moved, 0);

  // Select the 2.5 s marker with a click (the playhead goes there) and delete it with Delete.
  await timeline.marker(2500).click();
  await expect(timeline.marker(2500)).toHaveAttribute('aria-pressed', 'true');
  await expect(timeline.marker(moved)).toHaveAttribute('aria-pressed', 'false');
  await expect(timeline.slider).toHaveAttribute('aria-valuenow', '2500');
  await page.keyboard.press('Delete');
  await expect(app.offsetsInput).toHaveValue(`nonsense  ${uiTime(moved)}, ${uiTime(t1)}, ${uiTime(t2)}`);
  await expect(timeline.markers).toHaveCount(3);

  // Editing the field moves the markers.
  await app.setOffsets(`${uiTime(moved)}, 4s`);
  await expect(timeline.markers).toHaveCount(2);
  await expect(timeline.marker(4000)).toBeVisible();

  // Interval mode: the planned times are ticks, there are no markers, and M adds nothing.
  await new SpecFormDriver(page).chooseMode('Interval');
  await expect(timeline.markers).toHaveCount(0);
  await expect(page.locator('.timeline__tick')).toHaveCount(6);
  await timeline.slider.focus();
  await page.keyboard.press('m');
  await new SpecFormDriver(page).chooseMode('Time offsets');
  await expect(app.offsetsInput).toHaveValue(`${uiTime(moved)}, 4s`);
  await expect(timeline.markers).toHaveCount(2);
});
