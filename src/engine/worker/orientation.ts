/** Turning a picture stored in coded orientation into display orientation (a track's rotation and flip). */

/**
 * Draws a picture stored in coded orientation so that, turned `rotation` degrees clockwise and then mirrored
 * horizontally if `flip`, it fills the whole canvas (as mediabunny's VideoSample.draw does).
 */
export function drawOriented(context: OffscreenCanvasRenderingContext2D, image: OffscreenCanvas, rotation: number, flip: boolean): void {
  const { width, height } = context.canvas;
  context.save();
  context.translate(width / 2, height / 2);
  if (flip) context.scale(-1, 1);
  context.rotate((rotation * Math.PI) / 180);
  // After a quarter turn the picture's width spans the canvas's height.
  const [w, h] = rotation % 180 === 0 ? [width, height] : [height, width];
  context.drawImage(image, -w / 2, -h / 2, w, h);
  context.restore();
}
