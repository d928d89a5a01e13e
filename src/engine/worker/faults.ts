/**
 * The worker's test faults (docs/TESTING.md, `?engineFault=` in the test build's page URL): armed by the page
 * through WorkerApi `armFault`, each taken by the next operation it concerns. Every caller guards its use with
 * `import.meta.env.MODE === 'e2e'`, a constant Vite replaces, so that the production bundle holds none of this.
 */
import type { EngineFault } from '../protocol';

const armed = new Set<EngineFault>();

/**
 * Arms a fault for the next operation it concerns: `crash` and `hang`, the next ffmpeg.wasm execution
 * (sources/ffmpeg/host.ts); `webcodecs`, the next WebCodecs frame (sources/webcodecs/source.ts); `canvas`, the next
 * canvas allocation (encode.ts).
 */
export function armFault(kind: EngineFault): void {
  armed.add(kind);
}

/** True, once, when `kind` is armed (the fault is then disarmed). */
export function takeFault(kind: EngineFault): boolean {
  return armed.delete(kind);
}

/** The watchdog of an execution armed to hang, ms: short, so that a test sees it fire. */
export const HANG_WATCHDOG_MS = 3000;

/** The execution that replaces the next one under the `hang` fault: an endless lavfi source played in real time. */
export const HANG_ARGS: readonly string[] = ['-re', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=25', '-f', 'null', '-'];

/**
 * The execution that replaces the next one under the `crash` fault: ffmpeg's mjpeg encoder on a full-size frame
 * aborts the single-thread core with "memory access out of bounds" (docs/ENGINE.md "Measured facts"), a real crash
 * inside the wasm module.
 * @param outDir the engine's output folder in the wasm file system
 */
export function crashArgs(outDir: string): string[] {
  return [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=3840x2160:rate=1',
    '-frames:v',
    '3',
    '-c:v',
    'mjpeg',
    '-q:v',
    '1',
    '-f',
    'image2',
    '-update',
    '1',
    '-y',
    `${outDir}/crash.jpg`,
  ];
}
