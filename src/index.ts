/**
 * The npm package's browser entry: `import { probeSource, createSnapshotJob } from 'snapframe'` runs Snapframe's
 * engine in another web app's page, with its workers, the ffmpeg.wasm core and the sheet font emitted by that app's
 * own bundler from this package's files (docs/PACKAGE.md has a Vite example). It re-exports the engine's door
 * (src/engine/api.ts), the form's rules (src/core/job/spec.ts) and the zip the page makes (src/lib/zip.ts); nothing
 * here is new behaviour.
 *
 * ```ts
 * const source = await probeSource(file);
 * const { spec, problems } = checkJobSpec({ ...DEFAULT_SPEC_INPUT, mode: 'offsets', offsetsText: '1.5s, 50%' }, source);
 * if (!spec) throw new Error(problems.map((p) => p.message).join(' '));
 * const result = await createSnapshotJob(file, source, spec, { signal, onProgress });
 * const zip = await buildZip(jobZipEntries(result.outputs, result.manifest));
 * ```
 */
export {
  createSnapshotJob,
  detectCuts,
  openUrl,
  probeSource,
  renderPreviewFrame,
  type JobOptions,
  type JobProgress,
  type JobResult,
  type OutputFile,
  type SheetCell,
  type SkippedTime,
  type VideoInput,
} from './engine/api';
export type { RemoteVideo } from './core/remote/remoteVideo';
export { DEFAULT_SPEC_INPUT, checkJobSpec, validateJobSpec, type FieldProblem, type SpecInput } from './core/job/spec';
export { SnapframeError, type ErrorCode } from './core/job/errors';
export type { JobSpec, SourceInfo } from './core/job/types';
export type { Manifest } from './core/output/manifest';
export { buildZip, jobZipEntries, type ZipEntry } from './lib/zip';
