import type { ManifestFile } from '../core/manifest';
import type { OutputFile } from './outputs';

/** The manifest entry of an output file (SPEC "Jobs"): everything but the bytes themselves. */
export function toManifestFile(output: OutputFile): ManifestFile {
  const bytes = output.blob.size;
  switch (output.kind) {
    case 'snapshot':
    case 'cell':
      return {
        kind: output.kind,
        name: output.name,
        requestedMs: output.requestedMs,
        actualMs: output.actualMs,
        width: output.width,
        height: output.height,
        bytes,
        ...(output.quality ? { quality: output.quality } : {}),
      };
    case 'sheet':
      return { kind: 'sheet', name: output.name, width: output.width, height: output.height, bytes, cells: output.cells };
    case 'vtt':
      return { kind: 'vtt', name: output.name, bytes };
  }
}
