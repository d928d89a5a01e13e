/**
 * A job as the store holds it (SPEC "Jobs"): the jobs slice (store/jobsSlice.ts) makes and updates them, the
 * persistence glue (store/persistJobs.ts) saves and loads them, the features show them.
 */
import type { VideoInput } from '../engine/videoInput';
import type { SerializedError } from '../core/job/errors';
import type { Manifest } from '../core/output/manifest';
import type { DecoderName, JobSpec, SourceInfo } from '../core/job/types';
import type { OutputFile, SkippedTime } from '../engine/api';

/** SPEC "Jobs" states, plus `interrupted`: a job that was queued or running when the page was reloaded. */
export type JobStatus = 'queued' | 'processing' | 'finished' | 'failed' | 'cancelled' | 'interrupted';

/**
 * An output file of a job. No object URL is kept here: components make them with lib/useObjectUrl and revoke them
 * when they unmount, so a removed job leaves no URL behind.
 */
export type ResultFile = OutputFile;

/** Whether a job is saved in the browser (store/persistJobs.ts). */
export interface JobStorage {
  /** False once saving was turned off for this job (then `note` says why). */
  saved: boolean;
  /** Bytes saved for it: outputs, and the input when kept. */
  bytes: number;
  /** The input video is saved too (Re-run needs no file picker). */
  inputKept: boolean;
  /** Why the job's results will not survive a reload; null while they will. */
  note: string | null;
}

/** A job (SPEC "Jobs"): one video plus one spec. Progress is raw counts; fractions are selectors. */
export interface Job {
  id: string;
  /** Creation order, 1, 2, 3…: the queue runs the lowest queued first. */
  seq: number;
  /** The video; null for a job loaded after a reload whose video was not saved (Re-run asks for it). */
  file: VideoInput | null;
  source: SourceInfo;
  spec: JobSpec;
  status: JobStatus;
  /** Images (times) handled so far, and how many the job has. */
  done: number;
  total: number;
  outputs: ResultFile[];
  skipped: SkippedTime[];
  error: SerializedError | null;
  manifest: Manifest | null;
  /** Which decoder made the job's frames, once it has finished (`webcodecs` only when every frame did). */
  decoder: DecoderName | null;
  /** Epoch ms. */
  createdAt: number;
  startedAt: number | null;
  /** Epoch ms when the first and the latest image were done (null before the first). */
  firstStepAt: number | null;
  lastStepAt: number | null;
  finishedAt: number | null;
  storage: JobStorage;
}
