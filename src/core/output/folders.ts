/**
 * Folders of the "Download all" zip: one folder per finished job, named
 * after its video, unique within the zip.
 */
import { videoBaseName } from './naming';

/** The name of the zip that "Download all" makes. */
export const ALL_JOBS_ZIP_NAME = 'snapframe_snapshots.zip';

/**
 * One folder name per video, in order: the video's base name ({@link videoBaseName}: no extension, safe characters,
 * at most 100 characters), made unique by appending " (2)", " (3)", … to repeats, e.g.
 * `["flower.mp4", "flower.webm", "Flower.mov", "flower (2).mp4"]` → `["flower", "flower (2)", "Flower (3)", "flower (2) (2)"]`.
 *
 * Names are compared without regard to case, since Windows and macOS file systems treat `Flower` and `flower` as
 * the same folder; a name generated for a repeat never clashes with a later video's own base name either (every
 * name returned is checked against all names given out before it).
 *
 * @param videoNames the videos' file names, possibly with a path (see {@link videoBaseName}).
 * @returns as many folder names as `videoNames`, all different (case-insensitively), none containing `/` or `\`.
 */
export function uniqueFolderNames(videoNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return videoNames.map((name) => {
    const base = videoBaseName(name);
    let folder = base;
    for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${base} (${n})`;
    taken.add(folder.toLowerCase());
    return folder;
  });
}
