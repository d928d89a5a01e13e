import type { ManifestFile } from '../core/output/manifest';
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
    case 'sheet': {
      const { name, width, height, cells } = output;
      // Outputs saved before contact sheets existed have no header and were full sheets.
      const lines = output.lines ?? new Set(cells.map((c) => c.y)).size;
      return { kind: 'sheet', name, width, height, bytes, headerHeight: output.headerHeight ?? 0, lines, cells };
    }
    case 'vtt':
    case 'storyboard':
      return { kind: output.kind, name: output.name, bytes };
    case 'trickplay': {
      const { blob: _blob, ...rest } = output;
      return { ...rest, bytes };
    }
    case 'animation': {
      const { blob: _blob, encodeMs: _encodeMs, ...rest } = output;
      return { ...rest, bytes };
    }
  }
}
