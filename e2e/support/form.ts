/**
 * The job form beyond the offsets field (its accessible names): the mode switch, the sampling fields of Interval and
 * Sprite sheet modes, the sprite fields, the output selects, and the "Planned times" / "Sprite layout" read-outs.
 * Everything is found by accessible name and role, as a screen reader user would.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The three radios of the mode switch. */
export type ModeName = 'Time offsets' | 'Interval' | 'Sprite sheet';

/** Text fields, by their label (UI contract). */
export type TextFieldName =
  | 'Start'
  | 'Interval (s)'
  | 'Count'
  | 'Cell width'
  | 'Cell height'
  | 'Columns'
  | 'Lines'
  | 'Padding'
  | 'Margin'
  | 'Background'
  | 'Width'
  | 'Height'
  | 'Quality'
  | 'Preview frame rate'
  | 'Preview width';

export type CheckboxName = 'Keep cells' | 'WebVTT' | 'Long/short side' | 'Header' | 'Timestamps' | 'Fixed sheet size' | 'Animated preview';
export type SelectName = 'Fit' | 'Format' | 'Frame type' | 'Timestamp position';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The form of one page. */
export class SpecFormDriver {
  constructor(readonly page: Page) {}

  mode(name: ModeName): Locator {
    return this.page.getByRole('radio', { name, exact: true });
  }

  /** A text field by its label. Role + exact name: "Width" is not "Cell width", "Interval (s)" is not the radio. */
  textbox(name: TextFieldName): Locator {
    // The field is `lines` (Alibaba Lines); the page labels it "Rows".
    return this.page.getByRole('textbox', { name: name === 'Lines' ? 'Rows' : name, exact: true });
  }

  /**
   * A checkbox by its label. Not exact: a checkbox's label may carry a hint after the name
   * (e.g. "Keep cells also every cell as its own image"); the name must come first.
   */
  checkbox(name: CheckboxName): Locator {
    return this.page.getByRole('checkbox', { name: new RegExp(`^${escapeRe(name)}\\b`) });
  }

  /** A select by its label (the name must come first; a select's computed name may include its chosen option). */
  select(name: SelectName): Locator {
    return this.page.getByRole('combobox', { name: new RegExp(`^${escapeRe(name)}\\b`) });
  }

  /** The "Planned times" paragraph ("42 snapshots: 0:00.000, 0:10.000, …"). */
  get plannedTimes(): Locator {
    return this.page.getByLabel('Planned times', { exact: true });
  }

  /** The "Sprite layout" figure (drawing + "N sheets of W × H px …"). */
  get spriteLayout(): Locator {
    return this.page.getByRole('figure', { name: 'Sprite layout', exact: true });
  }

  /** Clicks a mode radio and waits until it is checked. */
  async chooseMode(name: ModeName): Promise<void> {
    await this.mode(name).check();
    await expect(this.mode(name)).toBeChecked();
  }

  /** Fills text fields (replacing what is there); an empty string clears a field (its default applies). */
  async fill(values: Partial<Record<TextFieldName, string | number>>): Promise<void> {
    for (const [name, value] of Object.entries(values) as Array<[TextFieldName, string | number]>) {
      await this.textbox(name).fill(String(value));
    }
  }

  /** Sets checkboxes on or off. */
  async setChecks(values: Partial<Record<CheckboxName, boolean>>): Promise<void> {
    for (const [name, on] of Object.entries(values) as Array<[CheckboxName, boolean]>) {
      await this.checkbox(name).setChecked(on);
    }
  }

  /** Chooses options of the selects by value (fit: black|white|gauss|stretch, format: jpg|png|webp, …). */
  async choose(values: Partial<Record<SelectName, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values) as Array<[SelectName, string]>) {
      await this.select(name).selectOption(value);
    }
  }

  /**
   * Waits until "Planned times" announces exactly these times: "N snapshots: t0, t1, …" (noun "cell" in sprite mode),
   * the listed times being the first planned ones in order (the UI may list only the first few, then "…").
   * @returns the text shown.
   */
  async expectPlanned(timesMs: readonly number[], noun: 'snapshot' | 'cell'): Promise<string> {
    let shown = '';
    await expect
      .poll(
        async () => {
          shown = (await this.plannedTimes.innerText({ timeout: 2_000 }).catch(() => '')).replace(/\s+/g, ' ').trim();
          return plannedMatches(shown, timesMs, noun);
        },
        { message: `"Planned times" should announce ${plannedText(timesMs, noun, timesMs.length)}`, timeout: 10_000 },
      )
      .toBe('ok');
    return shown;
  }
}

/**
 * A time as the UI shows it (independent of the app's code): `m:ss.mmm` under an hour, `h:mm:ss.mmm` from an hour.
 */
export function uiTime(ms: number): string {
  const t = Math.round(ms);
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor(t / 60_000) % 60;
  const s = Math.floor(t / 1000) % 60;
  const milli = t % 1000;
  const tail = `${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${tail}` : `${m}:${tail}`;
}

/**
 * The "Planned times" text for these times: "5 snapshots: 0:01.000, 0:02.000, …" ("cells" in sprite mode). The UI
 * lists the first `shown` times and then "…".
 */
export function plannedText(timesMs: readonly number[], noun: 'snapshot' | 'cell', shown = 8): string {
  const n = timesMs.length;
  const list = timesMs.slice(0, shown).map(uiTime).join(', ') + (n > shown ? ', …' : '');
  return `${n} ${noun}${n === 1 ? '' : 's'}: ${list}`;
}

/**
 * Checks a "Planned times" text against the expected times: "ok", or what is wrong.
 * Accepts the list cut short with "…" (at least one time listed), but not a wrong count, noun or time.
 */
export function plannedMatches(text: string, timesMs: readonly number[], noun: 'snapshot' | 'cell'): string {
  const m = /^(\d+) (\w+): (.*)$/.exec(text.trim());
  if (!m) return `not "N ${noun}s: …": ${JSON.stringify(text)}`;
  const n = timesMs.length;
  if (Number(m[1]) !== n) return `count ${m[1]}, expected ${n}: ${JSON.stringify(text)}`;
  if (m[2] !== `${noun}${n === 1 ? '' : 's'}`) return `noun ${JSON.stringify(m[2])}, expected ${noun}(s)`;
  const items = m[3]!.split(/,\s*/).filter((x) => x !== '');
  const cut = items[items.length - 1] === '…' || items[items.length - 1] === '...';
  const listed = cut ? items.slice(0, -1) : items;
  if (listed.length === 0) return 'no time listed';
  if (!cut && listed.length !== n) return `lists ${listed.length} times without "…", expected all ${n}`;
  const want = timesMs.slice(0, listed.length).map(uiTime);
  if (JSON.stringify(listed) !== JSON.stringify(want)) return `times ${JSON.stringify(listed)}, expected ${JSON.stringify(want)}`;
  return 'ok';
}
