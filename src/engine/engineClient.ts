import { EngineClient } from './client';

/** The page's one engine worker bridge, shared by the job runners and the preview. */
export const engine = new EngineClient();
