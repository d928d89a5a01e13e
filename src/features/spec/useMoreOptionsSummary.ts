import { useStore } from '../../store';

const FIT: Record<string, string> = { black: 'black bars', white: 'white bars', gauss: 'blurred bars', stretch: 'stretched' };

/** The settings under "More options" said in words, for its summary line ("exact frame, black bars, quality 85"). */
export function useMoreOptionsSummary(): string {
  const input = useStore((s) => s.specInput);
  const parts = [
    input.frameType === 'keyframe' ? 'nearest keyframe' : 'exact frame',
    FIT[input.fit] ?? input.fit,
    `quality ${input.quality.trim() === '' ? '85' : input.quality.trim()}`,
  ];
  if (input.avoidBadFrames) parts.push('avoids dark frames');
  if (input.animation && input.mode !== 'offsets' && input.mode !== 'shots') parts.push('animated preview');
  return parts.join(', ');
}
