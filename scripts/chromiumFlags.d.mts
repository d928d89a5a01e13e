/** Types of scripts/chromiumFlags.mjs (Chromium's flags for the e2e tests and the benchmark). */
export declare const CHROMIUM_ARGS: readonly string[];
