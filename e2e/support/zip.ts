/** Reading the zip that "Download zip" produces. */
import fs from 'node:fs';
import JSZip from 'jszip';

/** manifest.json as docs/SPEC.md "Jobs" and the UI contract describe it (offsets mode). */
export interface SnapshotManifest {
  generator: string;
  jobId: string;
  createdAt: string;
  finishedAt: string;
  decoder: string;
  spec: {
    mode: string;
    offsetsMs: number[];
    width?: number | null;
    height?: number | null;
    format: string;
    quality: number;
    frameType: string;
    [key: string]: unknown;
  };
  source: {
    name: string;
    size: number;
    durationMs: number;
    codec: string;
    width: number;
    height: number;
    rotation: number;
    frameRate: number | string;
    container: string;
    startTimeMs: number;
    [key: string]: unknown;
  };
  files: ManifestFile[];
  /** Present only when some requested times gave no image. */
  skipped?: ManifestSkipped[];
  /** A video at a URL: the bytes the job received from its server. */
  bytesRead?: number;
  /** Sentences the engine noted, when any. */
  notes?: string[];
  [key: string]: unknown;
}

/** A requested time that gave no image (missing or damaged data), in manifest.json `skipped`. */
export interface ManifestSkipped {
  requestedMs: number;
  reason: string;
}

/** One output file in manifest.json. */
export interface ManifestFile {
  name: string;
  requestedMs: number;
  actualMs: number;
  width: number;
  height: number;
  bytes: number;
  [key: string]: unknown;
}

/** An opened zip: entry names and readers. */
export class ZipArchive {
  private constructor(
    private readonly zip: JSZip,
    /** Path of the zip on disk. */
    readonly path: string,
  ) {}

  /** Opens a zip file from disk. @throws Error when it is not a zip. */
  static async open(file: string): Promise<ZipArchive> {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    return new ZipArchive(zip, file);
  }

  /** Names of the file entries (folders excluded), in archive order. */
  get names(): string[] {
    return Object.values(this.zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
  }

  /** Bytes of one entry. @throws Error when the entry is missing. */
  async bytes(name: string): Promise<Buffer> {
    const entry = this.zip.file(name);
    if (!entry) throw new Error(`${this.path} has no entry "${name}" (entries: ${this.names.join(', ')})`);
    return entry.async('nodebuffer');
  }

  /** Text of one entry (UTF-8). */
  async text(name: string): Promise<string> {
    return (await this.bytes(name)).toString('utf8');
  }

  /** manifest.json, parsed. @throws Error when missing or not JSON. */
  async manifest(): Promise<SnapshotManifest> {
    return JSON.parse(await this.text('manifest.json')) as SnapshotManifest;
  }
}
