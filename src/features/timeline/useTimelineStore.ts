/** The timeline's playback state (store/timelineSlice.ts) lives in the app's one store. */
export { useStore as useTimelineStore } from '../../store';
