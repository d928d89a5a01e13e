/** What the presets panel last said: a polite status line, or an alert for something that failed. */
export type PresetMessage = { kind: 'status' | 'alert'; text: string } | null;

/** "1 preset", "2 presets". */
export function countPresets(n: number): string {
  return `${n} preset${n === 1 ? '' : 's'}`;
}
