/**
 * Reading a WebVTT file the way a video player does: Chromium's own WebVTT parser, through a
 * `<track kind="metadata">` of a `<video>` and the TextTrack API ("Chromium's own WebVTT parser is the
 * client"). Seek-preview players (video.js, Plyr, Vidstack) read thumbnails.vtt exactly so.
 */
import type { Page } from '@playwright/test';

/** One cue as the TextTrack API gives it; times in seconds. */
export interface TrackCue {
  id: string;
  startTime: number;
  endTime: number;
  text: string;
}

/** A cue's text `sprite_000.jpg#xywh=x,y,w,h`, split up; null when it does not have that form. */
export interface SpriteTarget {
  sheet: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Loads `vttText` into a fresh `<video>`'s `<track kind="metadata">` (served as a same-origin Blob URL made in the
 * page), switches the track to `hidden` so that Chromium fetches and parses it, waits for the track's `load` event
 * and returns its cues.
 * @throws Error when the track fires `error` (Chromium could not parse or fetch it) or does not load in 10 s.
 */
export async function readCuesInBrowser(page: Page, vttText: string): Promise<TrackCue[]> {
  return page.evaluate(async (text) => {
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'none';
    video.style.display = 'none';
    const track = document.createElement('track');
    track.kind = 'metadata';
    track.label = 'e2e thumbnails';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/vtt' }));
    track.src = url;
    video.appendChild(track);
    document.body.appendChild(video);
    try {
      const loaded = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`track did not load in 10 s (readyState ${track.readyState})`)), 10_000);
        track.addEventListener('load', () => {
          clearTimeout(timer);
          resolve();
        });
        track.addEventListener('error', () => {
          clearTimeout(timer);
          reject(new Error(`the <track> fired "error" (readyState ${track.readyState}): Chromium could not load the VTT`));
        });
      });
      track.track.mode = 'hidden';
      await loaded;
      const cues = Array.from(track.track.cues ?? []) as VTTCue[];
      return cues.map((cue) => ({ id: cue.id, startTime: cue.startTime, endTime: cue.endTime, text: cue.text }));
    } finally {
      video.remove();
      URL.revokeObjectURL(url);
    }
  }, vttText);
}

/** Splits `sprite_000.jpg#xywh=4,4,160,90`; null for anything else. */
export function spriteTarget(text: string): SpriteTarget | null {
  const m = /^([^#\s]+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(text.trim());
  if (!m) return null;
  return { sheet: m[1]!, x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) };
}

/** Seconds (as the TextTrack API gives them) to whole ms. */
export const cueMs = (seconds: number) => Math.round(seconds * 1000);
