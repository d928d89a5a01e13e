import { useEffect, useRef, useState } from 'react';

/** How far outside the viewport an image is decoded in advance (and kept), CSS px. */
const NEAR_VIEWPORT_PX = 600;

/** The bitmap size, px, for an image of `width` x `height` px shown at most `maxWidth` px wide (aspect kept). */
function bitmapSize(width: number, height: number, maxWidth: number): { width: number; height: number } {
  if (width <= maxWidth) return { width, height };
  return { width: maxWidth, height: Math.max(1, Math.round((height * maxWidth) / width)) };
}

/** Lets go of the bitmap a canvas shows (it shows nothing until the next one). */
function release(canvas: HTMLCanvasElement, context: ImageBitmapRenderingContext): void {
  context.transferFromImageBitmap(null);
  delete canvas.dataset.shown;
}

/**
 * An image shown from a Blob as an ImageBitmap in a `bitmaprenderer` canvas (role img, with `label` as its name)
 * rather than an `<img>`: Chromium keeps a decoded copy of every `<img>` it has painted in its image decode cache for
 * the page's life, even after the element and its object URL are gone (1.2 MB per 640x360 snapshot shown, 12 MB per
 * 10-image job, until Chromium's cache budget or memory pressure; docs/PERFORMANCE.md "Soak: 100 jobs on one page"). The bitmap here is decoded once, at the size shown, and
 * released when the component unmounts or scrolls far out of view (like `loading="lazy"`, it is only decoded near
 * the viewport, so a 10,000-image job holds a screenful of bitmaps, not 10,000). When the blob changes, the old
 * picture stays until the new one is decoded. The canvas has `data-shown` while it holds a picture.
 * @param width the image's width, px
 * @param height the image's height, px
 * @param maxWidth bitmap width at most, px: wider images are scaled down (aspect kept, high quality) as they decode
 */
export function BitmapImage({
  blob,
  label,
  width,
  height,
  maxWidth = width,
  className,
}: {
  blob: Blob;
  label: string;
  width: number;
  height: number;
  maxWidth?: number;
  className?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const size = bitmapSize(width, height, maxWidth);
  const [near, setNear] = useState(false);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const observer = new IntersectionObserver((entries) => setNear(entries.some((entry) => entry.isIntersecting)), {
      rootMargin: `${NEAR_VIEWPORT_PX}px`,
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('bitmaprenderer');
    if (!canvas || !context) return;
    if (!near) {
      release(canvas, context);
      return;
    }
    let current = true;
    const scaled = size.width !== width;
    createImageBitmap(blob, scaled ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' } : {}).then(
      (bitmap) => {
        if (!current) {
          bitmap.close();
          return;
        }
        // Replaces the picture shown (a new blob's picture appears without a blank in between: scrubbing).
        context.transferFromImageBitmap(bitmap);
        canvas.dataset.shown = 'true';
      },
      // Our own JPEG/PNG/WebP outputs: a failed decode leaves the box empty (the download link still works).
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [near, blob, width, size.width, size.height]);

  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('bitmaprenderer');
    return () => {
      if (canvas && context) release(canvas, context);
    };
  }, []);

  return <canvas ref={ref} role="img" aria-label={label} className={className} width={size.width} height={size.height} />;
}
