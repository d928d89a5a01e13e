/**
 * Presets: a built-in preset fills the form; a preset the user saves survives a page reload, can be
 * renamed and deleted; the user's presets are exported as JSON and imported in a fresh browser profile, and a broken
 * file is refused with an alert that changes nothing; a vendor request imports as a preset. The "Manage presets"
 * dialog keeps focus inside while open, closes with Escape (focus back on "Manage…"), is named by its title, and
 * axe-core finds no violation with it open. No video is needed: presets only touch the job form.
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { SnapframePage } from './support/app';
import { checkState } from './support/pageChecks';
import { expect, test } from './support/fixtures';

/**
 * The presets row (a "Preset" select, "Save preset…", "Manage…") and its "Manage presets" dialog, and the form fields
 * they fill, by accessible name. The row says what happened in its status line once the dialog is closed; the dialog
 * has its own status and alert while it is open.
 */
class PresetsUi {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole('group', { name: 'Presets', exact: true });
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Manage presets', exact: true });
  }
  /** By role, not getByLabel: a wrapping label's text includes the select's options. */
  get select(): Locator {
    return this.page.getByRole('combobox', { name: 'Preset', exact: true });
  }
  get nameInput(): Locator {
    return this.dialog.getByLabel('Preset name', { exact: true });
  }
  /** The row's status line (what the last action did, once the dialog is closed). */
  get status(): Locator {
    return this.panel.getByRole('status');
  }
  get dialogStatus(): Locator {
    return this.dialog.getByRole('status');
  }
  get dialogAlert(): Locator {
    return this.dialog.getByRole('alert');
  }
  get importInput(): Locator {
    return this.dialog.getByLabel('Import presets', { exact: true });
  }
  button(name: 'Save preset' | 'Rename preset' | 'Delete preset' | 'Export presets'): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }
  rowButton(name: 'Save preset…' | 'Manage…'): Locator {
    return this.panel.getByRole('button', { name, exact: true });
  }
  /** Opens the "Manage presets" dialog with "Manage…". */
  async manage(): Promise<void> {
    await this.rowButton('Manage…').click();
    await expect(this.dialog).toBeVisible();
  }
  /** Closes the dialog with Escape; focus goes back to the row. */
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }
  /** The names under "My presets", in order. */
  async myPresets(): Promise<string[]> {
    const texts = await this.select.locator('optgroup[label="My presets"] > option').allInnerTexts();
    return texts.map((t) => t.trim());
  }
  /** Chooses a preset by its name and waits for the row to say it was applied. */
  async choose(name: string): Promise<void> {
    await this.select.selectOption({ label: name });
    await expect(this.status).toHaveText(`Applied "${name}".`);
  }
  /** "Save preset…", types a name and clicks "Save preset": the dialog closes and the row says it was saved. */
  async save(name: string): Promise<void> {
    await this.rowButton('Save preset…').click();
    await expect(this.nameInput, '"Save preset…" puts the cursor in the name').toBeFocused();
    await this.nameInput.fill(name);
    await this.button('Save preset').click();
    await expect(this.dialog).toBeHidden();
    await expect(this.status).toHaveText(`Saved "${name}".`);
  }

  radio(name: 'Time offsets' | 'Interval' | 'Sprite sheet'): Locator {
    return this.page.getByRole('radio', { name, exact: true });
  }
  field(label: 'Interval (s)' | 'Count' | 'Columns' | 'Lines' | 'Width' | 'Format'): Locator {
    if (label === 'Format') return this.page.getByRole('combobox', { name: label, exact: true });
    // The `lines` field is labelled "Rows" on the page.
    return this.page.getByLabel(label === 'Lines' ? 'Rows' : label, { exact: true });
  }

  /** The settings the tests save: Interval mode every 5 s, 320 px wide, WebP. */
  async setThumbnailSettings(): Promise<void> {
    await this.radio('Interval').check();
    await this.field('Interval (s)').fill('5');
    await this.field('Width').fill('320');
    await this.field('Format').selectOption('webp');
  }
  /** Checks that the form shows the settings of {@link setThumbnailSettings}. */
  async expectThumbnailSettings(): Promise<void> {
    await expect(this.radio('Interval')).toBeChecked();
    await expect(this.field('Interval (s)')).toHaveValue('5');
    await expect(this.field('Width')).toHaveValue('320');
    await expect(this.field('Format')).toHaveValue('webp');
  }
}

/** Reloads the page and waits for the app to be back. */
async function reload(app: SnapframePage): Promise<void> {
  await app.page.reload();
  await expect(app.dropZoneText).toBeVisible();
}

/** The preset objects of an exported file, whether it is a bare array or `{ presets: [...] }`. */
function presetsOfExport(data: unknown): { name: string; input: Record<string, unknown> }[] {
  const list = Array.isArray(data) ? data : (data as { presets?: unknown }).presets;
  expect(Array.isArray(list), 'the export holds a list of presets').toBe(true);
  return list as { name: string; input: Record<string, unknown> }[];
}

test('a built-in preset fills the form', async ({ app }) => {
  const ui = new PresetsUi(app.page);
  await app.open();
  await expect(ui.select).toHaveValue('');
  await expect(ui.select.locator('optgroup[label="Built-in"] > option')).not.toHaveCount(0);
  await ui.manage();
  await expect(ui.button('Export presets'), 'nothing to export yet').toBeDisabled();
  await ui.close();

  await ui.choose('Contact sheet');
  await expect(ui.radio('Sprite sheet')).toBeChecked();
  await expect(ui.field('Columns')).toHaveValue('4');
  await expect(ui.field('Lines')).toHaveValue('4');
  await expect(ui.field('Count')).toHaveValue('16');
  // The contact sheet has vcsi's header and each cell's time.
  await expect(app.page.getByRole('checkbox', { name: 'Header', exact: true })).toBeChecked();
  await expect(app.page.getByRole('checkbox', { name: 'Timestamps', exact: true })).toBeChecked();
  await expect(app.page.getByRole('combobox', { name: 'Timestamp position', exact: true })).toHaveValue('bottom-right');
  await ui.manage();
  await expect(ui.button('Save preset')).toBeVisible();
  await expect(ui.button('Rename preset'), 'built-ins cannot be renamed').toHaveCount(0);
  await expect(ui.button('Delete preset'), 'built-ins cannot be deleted').toHaveCount(0);
});

test('a saved preset survives a reload, and can be renamed and deleted', async ({ app }) => {
  const ui = new PresetsUi(app.page);
  await app.open();

  await test.step('save "My thumbs"', async () => {
    await ui.setThumbnailSettings();
    await ui.save('My thumbs');
    expect(await ui.myPresets()).toEqual(['My thumbs']);
  });

  await test.step('names are checked', async () => {
    await ui.rowButton('Save preset…').click();
    await ui.nameInput.fill('   ');
    await ui.button('Save preset').click();
    await expect(ui.dialogAlert).toContainText('name');
    await ui.nameInput.fill('  My thumbs ');
    await ui.button('Save preset').click();
    await expect(ui.dialogAlert).toContainText('already have a preset named "My thumbs"');
    await expect(ui.dialog, 'a refused name keeps the dialog open').toBeVisible();
    await ui.close();
    expect(await ui.myPresets()).toEqual(['My thumbs']);
  });

  await test.step('after a reload the preset is still there and applies', async () => {
    await reload(app);
    expect(await ui.myPresets()).toEqual(['My thumbs']);
    await ui.choose('Contact sheet');
    await expect(ui.radio('Sprite sheet')).toBeChecked();
    await expect(ui.field('Interval (s)')).toHaveValue('0');
    await ui.field('Format').selectOption('png');
    await ui.choose('My thumbs');
    await ui.expectThumbnailSettings();
    await ui.manage();
    await expect(ui.nameInput, 'choosing a preset of mine puts its name in the field').toHaveValue('My thumbs');
  });

  await test.step('rename it', async () => {
    await ui.nameInput.fill('Web thumbs');
    await ui.button('Rename preset').click();
    await expect(ui.dialogStatus).toHaveText('Renamed "My thumbs" to "Web thumbs".');
    await ui.close();
    await expect(ui.status, 'the row keeps the last word').toHaveText('Renamed "My thumbs" to "Web thumbs".');
    expect(await ui.myPresets()).toEqual(['Web thumbs']);
    await reload(app);
    expect(await ui.myPresets()).toEqual(['Web thumbs']);
  });

  await test.step('delete it', async () => {
    await ui.choose('Web thumbs');
    await ui.manage();
    await ui.button('Delete preset').click();
    await expect(ui.dialogStatus).toHaveText('Deleted "Web thumbs".');
    expect(await ui.myPresets()).toEqual([]);
    await expect(ui.select).toHaveValue('');
    await expect(ui.button('Export presets')).toBeDisabled();
    await ui.close();
    await reload(app);
    expect(await ui.myPresets()).toEqual([]);
  });
});

test('presets are exported as JSON and imported in another browser profile', async ({ app, browser }, testInfo) => {
  const ui = new PresetsUi(app.page);
  const file = testInfo.outputPath('snapframe-presets.json');
  await app.open();

  await test.step('save two presets and export them', async () => {
    await ui.setThumbnailSettings();
    await ui.save('Thumbs A');
    await ui.choose('Contact sheet');
    await ui.save('Sheet B');
    await ui.manage();
    const [download] = await Promise.all([app.page.waitForEvent('download'), ui.button('Export presets').click()]);
    expect(download.suggestedFilename()).toBe('snapframe-presets.json');
    await download.saveAs(file);
    await expect(ui.dialogStatus).toHaveText('Exported 2 presets.');
    await ui.close();
  });

  await test.step('the file is JSON with the presets and their fields', async () => {
    const presets = presetsOfExport(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(presets.map((p) => p.name)).toEqual(['Thumbs A', 'Sheet B']);
    const [thumbs, sheet] = presets;
    expect(thumbs?.input).toMatchObject({ mode: 'sample', interval: '5', width: '320', format: 'webp' });
    expect(sheet?.input).toMatchObject({ mode: 'sprite', columns: '4', lines: '4', count: '16' });
    for (const preset of presets) {
      expect(preset.input, 'the times belong to one video').not.toHaveProperty('offsetsText');
      expect(preset.input, 'user data belongs to one job').not.toHaveProperty('userDataText');
    }
  });

  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, acceptDownloads: true });
  try {
    const other = new SnapframePage(await context.newPage(), testInfo);
    const ui2 = new PresetsUi(other.page);
    await other.open();
    // A fresh profile starts with "More options" (where the presets are) folded.
    await other.openMoreOptions();

    await test.step('a fresh profile has none of them; importing adds both', async () => {
      expect(await ui2.myPresets()).toEqual([]);
      await ui2.manage();
      await ui2.importInput.setInputFiles(file);
      await expect(ui2.dialogStatus).toHaveText('Imported 2 presets.');
      await ui2.close();
      expect(await ui2.myPresets()).toEqual(['Thumbs A', 'Sheet B']);
      await ui2.choose('Thumbs A');
      await ui2.expectThumbnailSettings();
      await ui2.choose('Sheet B');
      await expect(ui2.radio('Sprite sheet')).toBeChecked();
      await expect(ui2.field('Columns')).toHaveValue('4');
    });

    await test.step('importing the same file again keeps both copies under new names', async () => {
      await ui2.manage();
      await ui2.importInput.setInputFiles(file);
      await expect(ui2.dialogStatus).toHaveText('Imported 2 presets.');
      await ui2.close();
      expect(await ui2.myPresets()).toEqual(['Thumbs A', 'Sheet B', 'Thumbs A (2)', 'Sheet B (2)']);
    });

    await test.step('a broken file is refused with an alert and changes nothing', async () => {
      await ui2.choose('Thumbs A');
      const before = await ui2.myPresets();
      await ui2.manage();
      for (const [name, text] of [
        ['broken.json', '{"presets": [{"name": "Half'],
        ['other.json', '{"hello": "world"}'],
      ] as const) {
        await ui2.importInput.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
        await expect(ui2.dialogAlert).toBeVisible();
        await expect(ui2.dialogAlert).toContainText(name);
        await expect(ui2.dialogStatus).toHaveText('');
        expect(await ui2.myPresets()).toEqual(before);
        await ui2.expectThumbnailSettings();
      }
      await ui2.close();
    });

    await test.step('imported presets are kept across a reload', async () => {
      await reload(other);
      expect(await ui2.myPresets()).toEqual(['Thumbs A', 'Sheet B', 'Thumbs A (2)', 'Sheet B (2)']);
    });
  } finally {
    await context.close();
  }
});

test('a vendor request (Alibaba SubmitSnapshotJob with a sprite) imports as a preset; a wrong one names its field', async ({ app }) => {
  const ui = new PresetsUi(app.page);
  await app.open();
  const request = {
    VideoId: 'd3e680e618708efbf2cae7cc9312****',
    Count: 30,
    Interval: 1,
    SpriteSnapshotConfig: "{'CellWidth': 120, 'CellHeight': 68, 'Columns': 3,'Lines': 10, 'Padding': 20, 'Margin': 50}",
  };
  await ui.manage();
  await ui.importInput.setInputFiles({ name: 'alibaba.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(request)) });
  await expect(ui.dialogStatus).toHaveText('Imported 1 preset.');
  await ui.close();
  expect(await ui.myPresets()).toEqual(['Alibaba SubmitSnapshotJob']);
  await ui.choose('Alibaba SubmitSnapshotJob');
  await expect(ui.radio('Sprite sheet')).toBeChecked();
  await expect(ui.field('Interval (s)')).toHaveValue('1');
  await expect(ui.field('Count')).toHaveValue('30');
  await expect(ui.field('Columns')).toHaveValue('3');
  await expect(ui.field('Lines')).toHaveValue('10');

  await ui.manage();
  await ui.importInput.setInputFiles({
    name: 'zego.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"Type": "SampleSnapshot", "Intervall": 2}'),
  });
  await expect(ui.dialogAlert).toContainText(
    '"zego.json" was not imported. This ZEGO MediaThumbnails request has unknown field "Intervall".',
  );
  expect(await ui.myPresets()).toEqual(['Alibaba SubmitSnapshotJob']);
});

test('the "Manage presets" dialog keeps focus inside, closes with Escape, and axe finds no violation in it', async ({
  app,
  page,
}, testInfo) => {
  const ui = new PresetsUi(page);
  await app.open();
  await ui.rowButton('Manage…').focus();
  await page.keyboard.press('Enter');
  await expect(ui.dialog).toBeVisible();
  const inDialog = () => page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null);
  expect(await inDialog(), 'focus moves into the dialog').toBe(true);
  // More presses than the dialog has controls, both ways: focus never leaves it for the page behind.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press(key);
      expect(await inDialog(), `${key} ${i + 1}: focus stays in the dialog`).toBe(true);
    }
  }
  await checkState(page, testInfo, 'presets-dialog');
  await page.keyboard.press('Escape');
  await expect(ui.dialog).toBeHidden();
  await expect(ui.rowButton('Manage…'), 'focus goes back to the opener').toBeFocused();
});
