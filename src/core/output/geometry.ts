/**
 * Output geometry (docs/SPEC.md "Output geometry and format"): display size, requested size, letterbox rectangle.
 * All sizes are integer pixels.
 */

/** Smallest width or height a user may ask for, px (Alibaba SubmitSnapshotJob `Width`/`Height`: [8, 4096]). */
export const MIN_SIDE_PX = 8;
/** Largest width or height a user may ask for, px (Alibaba SubmitSnapshotJob `Width`/`Height`: [8, 4096]). */
export const MAX_SIDE_PX = 4096;

/** A width and a height, px. */
export interface Size {
  width: number;
  height: number;
}

/** A rectangle inside an image: top-left corner and size, px. */
export interface Rect extends Size {
  x: number;
  y: number;
}

/** Default sprite cell width, px, when neither cell side is given. */
export const DEFAULT_CELL_WIDTH_PX = 160;

/** True when the picture is taller than wide (a square is not portrait). */
export function isPortrait(size: Size): boolean {
  return size.height > size.width;
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of px, got ${value}.`);
}

/**
 * The size a player shows: the coded width stretched by the sample aspect ratio, then turned by the rotation.
 *
 * @param codedWidth stored frame width, px (> 0).
 * @param codedHeight stored frame height, px (> 0).
 * @param sar sample (pixel) aspect ratio [num, den]; zero, negative or non-finite parts count as 1:1 (ffprobe
 *   reports `0:1` when unknown).
 * @param rotation clockwise rotation the player applies, degrees; 90 and 270 swap width and height.
 * @returns display size, px: width = round(codedWidth · num / den) (at least 1), height = codedHeight.
 * @throws RangeError when a coded side is not a positive number.
 * Source: docs/SPEC.md "Output geometry and format" (rotation applied, non-square SAR honoured).
 */
export function displaySize(codedWidth: number, codedHeight: number, sar: [number, number], rotation: 0 | 90 | 180 | 270): Size {
  assertPositive('The coded width', codedWidth);
  assertPositive('The coded height', codedHeight);
  const [num, den] = sar;
  const validSar = Number.isFinite(num) && Number.isFinite(den) && num > 0 && den > 0;
  const width = Math.max(1, Math.round(validSar ? (codedWidth * num) / den : codedWidth));
  const height = Math.round(codedHeight);
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/**
 * The output size of a snapshot.
 *
 * @param source display size of the video, px (> 0).
 * @param width requested width, px, or null when not given.
 * @param height requested height, px, or null when not given.
 * @param resolutionAdaptive Tencent `ResolutionAdaptive`: when true, `width` is the long side and `height` the short
 *   side whatever the orientation, so for a portrait source (height > width) the two are swapped before resolving.
 *   Default false: width is the width.
 * @returns neither given: the source size; one given: the other follows the source aspect ratio (rounded to the
 *   nearest px, at least 1); both given: exactly as given (the box that `fit` fills), after the swap.
 * @throws RangeError when a source side is not a positive number.
 * Source: docs/SPEC.md "Output geometry and format"; Alibaba `Width`/`Height` (default: the source's); Tencent
 *   `ResolutionAdaptive`.
 */
export function resolveOutputSize(source: Size, width: number | null, height: number | null, resolutionAdaptive = false): Size {
  assertPositive('The source width', source.width);
  assertPositive('The source height', source.height);
  if (resolutionAdaptive && isPortrait(source)) [width, height] = [height, width];
  if (width !== null && height !== null) return { width, height };
  if (width !== null) return { width, height: Math.max(1, Math.round((width * source.height) / source.width)) };
  if (height !== null) return { width: Math.max(1, Math.round((height * source.width) / source.height)), height };
  return { width: source.width, height: source.height };
}

/**
 * The largest rectangle with the source's aspect ratio that fits in the box, centred: where the frame goes when
 * letterboxing (`fit` = `black`, `white` or `gauss`).
 *
 * @param source display size of the frame, px (> 0).
 * @param box output size, px (> 0).
 * @returns integer px; the limiting side fills the box exactly, the other is rounded to the nearest px (at least 1,
 *   at most the box); the offset is floor((box − size) / 2), as ffmpeg's `pad=…:(ow-iw)/2:(oh-ih)/2`.
 * @throws RangeError when a side is not a positive number.
 * Source: docs/SPEC.md "Output geometry and format" (`fit`, Tencent `FillType`).
 */
export function fitRect(source: Size, box: Size): Rect {
  assertPositive('The source width', source.width);
  assertPositive('The source height', source.height);
  assertPositive('The box width', box.width);
  assertPositive('The box height', box.height);
  let width: number;
  let height: number;
  // Compare box.width / source.width with box.height / source.height without dividing.
  if (box.width * source.height <= box.height * source.width) {
    width = box.width;
    height = Math.min(box.height, Math.max(1, Math.round((box.width * source.height) / source.width)));
  } else {
    height = box.height;
    width = Math.min(box.width, Math.max(1, Math.round((box.height * source.width) / source.height)));
  }
  return { x: Math.floor((box.width - width) / 2), y: Math.floor((box.height - height) / 2), width, height };
}

/**
 * The size of a sprite cell.
 *
 * @param source display size of the video, px (> 0).
 * @param cellWidth requested cell width, px, or null.
 * @param cellHeight requested cell height, px, or null.
 * @param resolutionAdaptive as in {@link resolveOutputSize}: the typed width is the long side (Tencent sprite
 *   templates have it too). Default false.
 * @returns neither given: {@link DEFAULT_CELL_WIDTH_PX} (160) wide, the height following the aspect ratio (rounded,
 *   at least 1); one given: the other follows the aspect ratio; both: as given. Ranges are not checked here
 *   (core/sheet/spriteLayout.ts `checkSpriteLayout` does).
 * @throws RangeError when a source side is not a positive number.
 * Source: docs/SPEC.md "Sprite sheets" ("cell width/height, default: 160 px wide, height from the aspect ratio"); Alibaba
 *   SpriteSnapshotConfig `CellWidth`/`CellHeight`.
 */
export function cellSize(source: Size, cellWidth: number | null, cellHeight: number | null, resolutionAdaptive = false): Size {
  if (cellWidth === null && cellHeight === null) return resolveOutputSize(source, DEFAULT_CELL_WIDTH_PX, null);
  return resolveOutputSize(source, cellWidth, cellHeight, resolutionAdaptive);
}
