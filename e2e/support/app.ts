/**
 * Page object for Snapframe: what a person does (choose a file, type times, click, download), through accessible
 * names only (the UI contract). Jobs are tracked by a test-only `data-e2e-job` attribute put on the job's list item
 * when it appears, so a handle keeps pointing at its job whatever order the list uses.
 */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** The words a job shows for its state. */
export const JOB_STATUSES = ['Queued', 'Processing', 'Finished', 'Failed', 'Cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
const TERMINAL: readonly JobStatus[] = ['Finished', 'Failed', 'Cancelled'];
const STATUS_RE = new RegExp(`\\b(${JOB_STATUSES.join('|')})\\b`);

/** Probing ffmpeg.wasm starts the engine (a 32 MB wasm) on first use: generous. */
export const PROBE_TIMEOUT_MS = 90_000;

let jobCounter = 0;

/** The app's home page. */
export class SnapframePage {
  constructor(
    readonly page: Page,
    private readonly testInfo?: TestInfo,
  ) {}

  get dropZoneText(): Locator {
    return this.page.getByText('Drop a video here, or choose a file');
  }
  get fileInput(): Locator {
    return this.page.getByLabel('Video file', { exact: true });
  }
  get sampleButton(): Locator {
    return this.page.getByRole('button', { name: 'Try a sample video' });
  }
  get details(): Locator {
    return this.page.getByLabel('Video details', { exact: true });
  }
  /**
   * The times textarea. By role, not getByLabel: React mirrors a controlled textarea's value into its text content
   * (defaultValue), which Playwright's label matching then sees as part of the wrapping label's text.
   */
  get offsetsInput(): Locator {
    return this.page.getByRole('textbox', { name: 'Time offsets', exact: true });
  }
  get widthInput(): Locator {
    return this.page.getByLabel('Width', { exact: true });
  }
  get heightInput(): Locator {
    return this.page.getByLabel('Height', { exact: true });
  }
  get qualityInput(): Locator {
    return this.page.getByLabel('Quality', { exact: true });
  }
  get addCurrentTimeButton(): Locator {
    return this.page.getByRole('button', { name: 'Add current time' });
  }
  /**
   * The form's primary button, named for what it makes: "Create 3 snapshots", "Create 2 sprite sheets", or "Create
   * snapshots" while the number is unknown. Anchored: "Create snapshots for N videos" (the batch button) must not match.
   */
  get createButton(): Locator {
    return this.page.getByRole('button', { name: /^Create (\d+ )?(snapshots?|sprite sheets?)$/ });
  }
  /** The "More options" disclosure of the form. */
  get moreOptions(): Locator {
    return this.page.locator('details.more');
  }

  /** Opens "More options" (fit, quality, HDR, sprite details, job workers, presets…) unless it is open. */
  async openMoreOptions(): Promise<void> {
    if (!(await this.moreOptions.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await this.page.getByText('More options', { exact: true }).click();
    }
    await expect(this.moreOptions).toHaveAttribute('open', '');
  }
  get jobsList(): Locator {
    return this.page.getByRole('list', { name: 'Jobs' });
  }
  get jobItems(): Locator {
    return this.jobsList.getByRole('listitem');
  }
  get snapshotsList(): Locator {
    return this.page.getByRole('list', { name: 'Snapshots' });
  }
  get snapshotItems(): Locator {
    return this.snapshotsList.getByRole('listitem');
  }
  get downloadZipButton(): Locator {
    // Exact: each job card has its own "Download zip of <video>".
    return this.page.getByRole('button', { name: 'Download zip', exact: true });
  }
  /** Every `role=alert` on the page. */
  get alerts(): Locator {
    return this.page.getByRole('alert');
  }

  /** Opens `/` and waits for the drop zone. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.dropZoneText).toBeVisible();
    await expect(this.fileInput).toBeAttached();
  }

  /** Chooses a file with the file input, as the "Choose a file" button does. */
  async chooseFile(file: string): Promise<void> {
    await this.fileInput.setInputFiles(file);
  }

  /** Opens videos at URLs with "Open a URL" (one address per line in the "Video URL" field). */
  async openUrls(urls: readonly string[], variant?: number): Promise<void> {
    const field = this.page.getByRole('textbox', { name: 'Video URL' });
    if (!(await field.count())) await this.page.getByRole('button', { name: 'Open a URL' }).click();
    await field.fill(urls.join('\n'));
    if (variant !== undefined) await this.page.getByLabel('HLS variant').fill(String(variant));
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
  }

  /** Clicks "Try a sample video". */
  async trySample(): Promise<void> {
    await this.sampleButton.click();
  }

  /**
   * Waits until the probe of `fileName` is shown, and returns the "Video details" rows (Name, Size, Duration,
   * Resolution, Frame rate, Codec -> text).
   * @throws Error with the alert's text when the probe fails instead.
   */
  async waitForProbe(fileName: string, timeout = PROBE_TIMEOUT_MS): Promise<Record<string, string>> {
    const details = this.details.filter({ hasText: fileName });
    const failure = this.alerts.filter({ hasText: fileName });
    await expect(details.or(failure).first()).toBeVisible({ timeout });
    if (!(await details.count())) {
      // An alert naming the file can come from its preview (a first frame that cannot be decoded, e.g. a file cut in
      // the middle of a GOP) a moment before the probe's details: give the details a moment before calling it a failure.
      await details
        .first()
        .waitFor({ state: 'visible', timeout: 3_000 })
        .catch(() => undefined);
    }
    if (!(await details.count())) {
      throw new Error(`Probing ${fileName} failed: ${(await failure.first().innerText()).trim()}`);
    }
    return this.readDetails();
  }

  /**
   * Waits for the probe of `fileName` to fail and returns the alert's text (which must name the file).
   * @throws Error when the probe succeeds instead.
   */
  async waitForProbeError(fileName: string, timeout = PROBE_TIMEOUT_MS): Promise<string> {
    const details = this.details.filter({ hasText: fileName });
    const failure = this.alerts.filter({ hasText: fileName });
    await expect(details.or(failure).first()).toBeVisible({ timeout });
    if (!(await failure.count())) {
      throw new Error(`Expected probing ${fileName} to fail, but it showed: ${JSON.stringify(await this.readDetails())}`);
    }
    return (await failure.first().innerText()).trim();
  }

  /** The "Video details" rows as term -> text (from `dt`/`dd`, else "Term: value" lines). */
  async readDetails(): Promise<Record<string, string>> {
    return this.details.evaluate((root) => {
      const out: Record<string, string> = {};
      const terms = root.querySelectorAll('dt');
      if (terms.length > 0) {
        terms.forEach((dt) => {
          let dd = dt.nextElementSibling;
          while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
          out[(dt.textContent ?? '').trim()] = (dd?.textContent ?? '').trim();
        });
      } else {
        for (const line of (root as HTMLElement).innerText.split('\n')) {
          const m = /^\s*([^:]+):\s*(.*)$/.exec(line);
          if (m?.[1] && m[2] !== undefined) out[m[1].trim()] = m[2].trim();
        }
      }
      return out;
    });
  }

  /** Types the times into "Time offsets" (replacing what is there). */
  async setOffsets(text: string): Promise<void> {
    await this.offsetsInput.fill(text);
  }

  /** Sets "Width" and "Height" in px; undefined leaves the field empty (source size / follow the aspect ratio). */
  async setSize(width?: number | string, height?: number | string): Promise<void> {
    await this.widthInput.fill(width === undefined ? '' : String(width));
    await this.heightInput.fill(height === undefined ? '' : String(height));
  }

  /** Sets "Quality" (1-100); undefined leaves it empty (the default, 85). */
  async setQuality(quality?: number | string): Promise<void> {
    await this.qualityInput.fill(quality === undefined ? '' : String(quality));
  }

  /**
   * Clicks "Create snapshots" and returns the new job.
   * @throws Error (with the alerts' text) when no job appears within 15 s, e.g. because the form refused the input.
   */
  async createSnapshots(): Promise<JobHandle> {
    await this.jobItems.evaluateAll((items) => items.forEach((li) => li.setAttribute('data-e2e-seen', '')));
    const before = await this.jobItems.count();
    const clickedAt = Date.now();
    await this.createButton.click();
    const fresh = this.jobItems.and(this.page.locator(':not([data-e2e-seen])'));
    try {
      await expect(this.jobItems).toHaveCount(before + 1, { timeout: 15_000 });
    } catch {
      const alerts = await this.alerts.allInnerTexts();
      throw new Error(`"Create" made no job. Alerts on the page: ${JSON.stringify(alerts)}`);
    }
    const id = `job-${process.pid}-${++jobCounter}`;
    await fresh.first().evaluate((li, value) => li.setAttribute('data-e2e-job', value), id);
    return new JobHandle(this, this.jobsList.locator(`[data-e2e-job="${id}"]`), clickedAt);
  }

  /**
   * Clicks "Create snapshots" with input the form must refuse: waits for the alerts to change to include one
   * matching `pattern` (any alert when omitted), and checks that no job was created. Returns the alerts' text (all of
   * them, joined by newlines). Two refusals in a row must therefore differ in their message.
   */
  async createSnapshotsExpectingProblem(pattern?: RegExp | string): Promise<string> {
    const before = (await this.alerts.allInnerTexts()).join('\n');
    const jobsBefore = await this.jobItems.count();
    const matches = (text: string) =>
      pattern === undefined ? true : typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    await this.createButton.click();
    let joined = '';
    await expect
      .poll(
        async () => {
          const texts = await this.alerts.allInnerTexts();
          joined = texts.join('\n');
          return joined !== before && texts.some(matches);
        },
        { timeout: 10_000, message: `an alert matching ${String(pattern ?? 'anything')} (alerts before: ${JSON.stringify(before)})` },
      )
      .toBe(true);
    // Give a wrongly created job a moment to show up before asserting there is none.
    await this.page.waitForTimeout(300);
    await expect(this.jobItems, 'refused input creates no job').toHaveCount(jobsBefore);
    return joined;
  }

  /**
   * Clicks "Download zip" and saves the download into the test's output folder.
   * @returns where it was saved and the browser's suggested file name.
   */
  async downloadZip(): Promise<{ zipPath: string; suggestedFilename: string }> {
    await expect(this.downloadZipButton).toBeEnabled({ timeout: 30_000 });
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.downloadZipButton.click()]);
    const suggestedFilename = download.suggestedFilename();
    const zipPath = this.testInfo
      ? this.testInfo.outputPath(`${Date.now()}-${suggestedFilename}`)
      : `/tmp/snapframe-e2e-${process.pid}-${Date.now()}-${suggestedFilename}`;
    await download.saveAs(zipPath);
    const failure = await download.failure();
    if (failure) throw new Error(`Download of ${suggestedFilename} failed: ${failure}`);
    return { zipPath, suggestedFilename };
  }

  /**
   * The jobs saved in the browser (IndexedDB `snapframe-results`, store/persistJobs.ts), read directly: each job's
   * video name, saved status, number of saved outputs, and whether its video is saved too. [] when nothing is saved.
   */
  async savedJobs(): Promise<{ name: string; status: string; outputs: number; input: boolean }[]> {
    return this.page.evaluate(
      () =>
        new Promise<{ name: string; status: string; outputs: number; input: boolean }[]>((resolve, reject) => {
          const open = indexedDB.open('snapframe-results');
          // Not created yet: abort the creation (the app must create it with its stores) and report nothing saved.
          let missing = false;
          open.onupgradeneeded = () => {
            missing = true;
            open.transaction?.abort();
          };
          open.onerror = () => (missing ? resolve([]) : reject(open.error));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('jobs')) return resolve([]);
            const tx = db.transaction(['jobs', 'outputs', 'inputs'], 'readonly');
            const jobs = tx.objectStore('jobs').getAll();
            const outputs = tx.objectStore('outputs').getAllKeys();
            const inputs = tx.objectStore('inputs').getAllKeys();
            tx.oncomplete = () => {
              const keys = outputs.result as [string, number][];
              resolve(
                (jobs.result as { id: string; status: string; source: { name: string } }[]).map((j) => ({
                  name: j.source.name,
                  status: j.status,
                  outputs: keys.filter((k) => k[0] === j.id).length,
                  input: (inputs.result as string[]).includes(j.id),
                })),
              );
              db.close();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
  }

  /** The job items whose text names `fileName`. */
  jobsNamed(fileName: string): Locator {
    return this.jobItems.filter({ hasText: fileName });
  }
}

/** One job in the "Jobs" list. */
export class JobHandle {
  constructor(
    private readonly app: SnapframePage,
    /** The job's list item. */
    readonly item: Locator,
    /** Date.now() just before "Create snapshots" was clicked. */
    readonly clickedAt: number,
  ) {}

  get progressbar(): Locator {
    return this.item.getByRole('progressbar');
  }
  get cancelButton(): Locator {
    return this.item.getByRole('button', { name: 'Cancel', exact: true });
  }
  get alert(): Locator {
    return this.item.getByRole('alert');
  }
  get statusMessage(): Locator {
    return this.item.getByRole('status');
  }

  /** The status word the job shows now, or null when none is visible. */
  async status(): Promise<JobStatus | null> {
    const text = await this.item.innerText({ timeout: 5_000 });
    const m = STATUS_RE.exec(text);
    return m ? (m[1] as JobStatus) : null;
  }

  /** Images done and total, from the progress bar's aria-valuenow / aria-valuemax. */
  async progress(): Promise<{ done: number; total: number }> {
    const [now, max] = await Promise.all([
      this.progressbar.getAttribute('aria-valuenow', { timeout: 5_000 }),
      this.progressbar.getAttribute('aria-valuemax', { timeout: 5_000 }),
    ]);
    return { done: Number(now), total: Number(max) };
  }

  /** The texts of the job's alerts (empty when none). */
  async alertTexts(): Promise<string[]> {
    return (await this.alert.allInnerTexts()).map((t) => t.trim());
  }

  /**
   * Polls (every 50 ms) until the job shows `wanted`, and returns the ms since "Create snapshots" was clicked.
   * @throws Error as soon as the job reaches another terminal state (with its alert), or on timeout (with the last
   *   status and progress).
   */
  async waitForStatus(wanted: JobStatus, timeout = 120_000): Promise<number> {
    const deadline = Date.now() + timeout;
    let last: JobStatus | null;
    for (;;) {
      last = await this.status();
      if (last === wanted) return Date.now() - this.clickedAt;
      if (last && TERMINAL.includes(last)) {
        throw new Error(`Job ended "${last}" while waiting for "${wanted}". Alerts: ${JSON.stringify(await this.alertTexts())}`);
      }
      if (Date.now() > deadline) {
        const p = await this.progress().catch(() => null);
        throw new Error(
          `Job still "${last}" after ${timeout} ms waiting for "${wanted}" (progress ${p ? `${p.done}/${p.total}` : '?'}). ` +
            `Job text: ${JSON.stringify(await this.item.innerText())}`,
        );
      }
      await this.app.page.waitForTimeout(50);
    }
  }

  /** Polls until the job reaches any terminal state; returns it. @throws Error on timeout. */
  async waitForEnd(timeout = 120_000): Promise<JobStatus> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const s = await this.status();
      if (s && TERMINAL.includes(s)) return s;
      if (Date.now() > deadline) throw new Error(`Job did not end within ${timeout} ms (status "${s}")`);
      await this.app.page.waitForTimeout(100);
    }
  }
}
