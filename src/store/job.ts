/**
 * A job as the store holds it (SPEC "Jobs"): the jobs slice (store/jobsSlice.ts) makes and updates them, the
 * persistence glue (store/persistJobs.ts) saves and loads them, the features show them.
 */
import type { VideoInput } from '../engine/videoInput';
import type { JobRecord, StoredJobStatus } from '../core/job/storedJobs';
import type { OutputFile, SkippedTime } from '../engine/api';

/** SPEC "Jobs" states, plus `interrupted`: a job that was queued or running when the page was reloaded. */
export type JobStatus = StoredJobStatus;

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

/**
 * A job (SPEC "Jobs"): one video plus one spec; its saved form (core/job/storedJobs.ts JobRecord) plus what lives only
 * in the page: the video, the output blobs and the storage state. Progress is raw counts; fractions are selectors.
 */
export interface Job extends Omit<JobRecord, 'inputKept'> {
  /** The video; null for a job loaded after a reload whose video was not saved (Re-run asks for it). */
  file: VideoInput | null;
  outputs: ResultFile[];
  skipped: SkippedTime[];
  storage: JobStorage;
}
