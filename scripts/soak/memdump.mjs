/**
 * One Chromium memory-infra dump of every process, through a CDP session (tracing category
 * `disabled-by-default-memory-infra`, dump requested with `Tracing.requestMemoryDump`, level "detailed"): the
 * allocators Chromium accounts for itself (malloc, partition_alloc/…, blink_gc, v8, cc/image_memory, discardable,
 * shared_memory, media, …), which /proc cannot tell apart. The soak uses it to follow the decoded-image caches.
 * Starts Chromium's tracing service (a utility process of ~20 MB PSS) on first use.
 * @param cdp a Playwright CDPSession (a page's is enough: tracing covers the whole browser)
 * @returns `{ success, byPid }`: per OS process id, `allocators` (dump name -> size, bytes) and `totals`
 *   (process_totals: private_footprint_bytes, peak_resident_set_size, …, bytes)
 */
export async function memoryDump(cdp) {
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['disabled-by-default-memory-infra'],
      excludedCategories: ['*'],
      memoryDumpConfig: { triggers: [] },
    },
    transferMode: 'ReturnAsStream',
  });
  const dumped = await cdp.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const trace = JSON.parse(text);
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const byPid = {};
  for (const e of events) {
    if (e.ph !== 'v' || !e.args?.dumps) continue;
    const d = e.args.dumps;
    const out = (byPid[e.pid] ??= { allocators: {}, totals: {} });
    for (const [name, v] of Object.entries(d.process_totals ?? {})) out.totals[name] = parseInt(v, 16);
    for (const [name, v] of Object.entries(d.allocators ?? {})) {
      const size = v.attrs?.size?.value;
      if (size !== undefined) out.allocators[name] = parseInt(size, 16);
    }
  }
  return { success: dumped.success, byPid };
}
