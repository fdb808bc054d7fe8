/**
 * Editing in a real headless Chromium against the real server: an engineer places and attributes a camera, a
 * planner reshapes a road with snapping and undoes and redoes it (each step a server version), and two browsers
 * edit one camera: the second gets the conflict dialog with both versions and overwrites on purpose.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, inputOf, signInThroughUi, type Account } from './support/accounts.js';

const baseUrl = inject('baseUrl');
const PLANNER: Account = { username: 'planner', password: 'planner-danang' };

interface Feature {
  id: string;
  geometry: { type: string; coordinates: number[][] & number[] };
  properties: Record<string, unknown>;
}

const sessions: BrowserSession[] = [];

async function api<T>(path: string, account: Account = ACCOUNTS.admin): Promise<{ body: T; etag: string | null }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { Authorization: basicAuth(account) } });
  expect(res.status, `GET ${path}`).toBe(200);
  return { body: (await res.json()) as T, etag: res.headers.get('etag') };
}

const feature = (collection: string, id: string) => api<Feature>(`/ogc/collections/${collection}/items/${id}`);
const versions = async (collection: string, id: string) =>
  (await api<{ versions: { version: number; operation: string }[] }>(`/api/history/${collection}/${id}`)).body.versions;

/** A position near `start` (lon/lat) where `collection` has nothing within `radiusDeg` (earlier runs left things). */
async function freeSpot(collection: string, start: number[], radiusDeg: number): Promise<number[]> {
  for (let i = 0; i < 25; i++) {
    const spot = [start[0] + 2.2 * radiusDeg * (i % 5), start[1] - 2.2 * radiusDeg * Math.floor(i / 5)];
    const bbox = [spot[0] - radiusDeg, spot[1] - radiusDeg, spot[0] + radiusDeg, spot[1] + radiusDeg].join(',');
    if ((await api<{ features: unknown[] }>(`/ogc/collections/${collection}/items?bbox=${bbox}`)).body.features.length === 0) return spot;
  }
  throw new Error(`No free spot for ${collection} near ${start.join(', ')}`);
}

async function signedInPage(account: Account): Promise<Page> {
  const session = await openBrowser();
  sessions.push(session);
  await session.page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
  await signInThroughUi(session.page, account);
  await session.page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
  await session.page.locator('[data-testid=edit-toolbar]').waitFor({ state: 'visible', timeout: 60_000 });
  return session.page;
}

async function centre(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([x, y, z]) => window.__app!.setView(x, y, z), [lon, lat, zoom]);
  await page.evaluate(() => window.__app!.whenRendered());
}

async function pixelOf(page: Page, lonLat: number[]): Promise<[number, number]> {
  const pixel = await page.evaluate(([x, y]) => window.__app!.pixelOf(x, y), lonLat);
  expect(pixel).not.toBeNull();
  return pixel!;
}

/** Presses, drags in small steps (as a hand does, so that the tools see the moves) and releases. */
async function drag(page: Page, from: number[], to: number[]): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(from[0] + (to[0] - from[0]) * 0.1, from[1] + (to[1] - from[1]) * 0.1, { steps: 3 });
  await page.mouse.move(to[0], to[1], { steps: 12 });
  await page.mouse.up();
}

async function chooseLayer(page: Page, collectionId: string): Promise<void> {
  await page.locator('[data-testid=edit-collection]').click();
  await page.locator(`.el-select-dropdown__item[data-testid=edit-collection-${collectionId}]`).click();
}

async function chooseOption(page: Page, field: string, label: string): Promise<void> {
  await page.locator(`[data-testid=edit-field-${field}]`).click();
  await page.getByRole('option', { name: label, exact: true }).filter({ visible: true }).first().click();
}

/** Waits until an element has finished fading in (dialogs animate their opacity). */
async function settled(locator: ReturnType<Page['locator']>): Promise<void> {
  await expect.poll(() => locator.first().evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return false;
    return true;
  })).toBe(true);
}

async function statusText(page: Page): Promise<string> {
  return (await page.locator('[data-testid=edit-status]').textContent()) ?? '';
}

afterAll(async () => {
  for (const s of sessions) {
    if (s.pageErrors.length) console.log(`Page errors:\n${s.pageErrors.join('\n')}`);
    await s.close();
  }
});

describe('editing in the browser', () => {
  let engineerPage: Page;
  let cameraId: string;
  let cameraAt: number[];

  beforeAll(async () => {
    engineerPage = await signedInPage(ACCOUNTS.engineer);
    // A spot in Hải Châu with no camera within ~40 m, so that the press places a new one.
    cameraAt = await freeSpot('cameras', [108.2262, 16.0643], 0.0004);
  });

  it('an_engineer_places_a_camera_aims_it_by_dragging_fills_the_form_and_sees_it_on_the_map', async () => {
    const page = engineerPage;
    await centre(page, cameraAt[0], cameraAt[1], 18);
    await chooseLayer(page, 'cameras');
    await page.locator('[data-testid=edit-tool-camera]').click();
    const from = await pixelOf(page, cameraAt);
    // Dragging east aims the camera at 90°; the field of view follows the pointer.
    const release = [from[0] + 120, from[1]];
    await drag(page, from, release);
    const form = page.locator('[data-testid=edit-form]');
    await form.waitFor({ state: 'visible' });
    // East, give or take where snapping put the camera (onto a nearby road edge, say).
    await expect.poll(async () => Math.abs(Number(await inputOf(page, 'edit-field-heading_deg').inputValue()) - 90)).toBeLessThan(5);
    expect(await page.evaluate(() => window.__app!.map.getAllLayers().some((l) => {
      const source = (l as unknown as { getSource?: () => { getFeatures?: () => { get(k: string): unknown }[] } }).getSource?.();
      return source?.getFeatures?.().some((f) => f.get('role') === 'fov') ?? false;
    }))).toBe(true);

    // Saving too early names every missing required attribute, in Vietnamese.
    await page.locator('[data-testid=edit-save]').click();
    await expect(page.locator('[data-testid=edit-error-owner]').textContent()).resolves.toContain('Bắt buộc nhập');
    // The table's optics rule, in the schema too: a field of view, or a sensor width and a focal length.
    await expect(page.locator('[data-testid=edit-error-hfov_deg]').textContent()).resolves.toContain('Cần nhập Góc nhìn ngang (độ), hoặc');
    await inputOf(page, 'edit-field-mount_height_m').fill('0,2');
    await expect(page.locator('[data-testid=edit-error-mount_height_m]').textContent()).resolves.toContain('Không được nhỏ hơn 0,5');
    await screenshot(page, 'editing-01-camera-form-errors');

    await inputOf(page, 'edit-field-name').fill('Camera ngã tư Hùng Vương (e2e)');
    await chooseOption(page, 'owner', 'Công an');
    await chooseOption(page, 'purpose', 'Giao thông');
    await chooseOption(page, 'status', 'Quy hoạch');
    await inputOf(page, 'edit-field-mount_height_m').fill('6,5');
    await inputOf(page, 'edit-field-tilt_deg').fill('15');
    await inputOf(page, 'edit-field-hfov_deg').fill('70');
    await inputOf(page, 'edit-field-resolution_h').fill('2560');
    await inputOf(page, 'edit-field-resolution_v').fill('1440');
    await chooseOption(page, 'codec', 'H.265');
    await inputOf(page, 'edit-field-frame_rate').fill('25');
    await inputOf(page, 'edit-field-retention_days').fill('30');
    expect(await page.locator('[data-testid^=edit-error-]').count()).toBe(0);
    await page.locator('[data-testid=edit-save]').click();
    await expect.poll(() => form.getAttribute('data-feature-id'), { timeout: 20_000 }).not.toBe('');
    cameraId = (await form.getAttribute('data-feature-id'))!;
    expect(await form.getAttribute('data-version')).toBe('1');

    const saved = await feature('cameras', cameraId);
    expect(saved.etag).toBe('"v1"');
    expect(saved.body.properties).toMatchObject({ name: 'Camera ngã tư Hùng Vương (e2e)', owner: 'police', mount_height_m: 6.5, codec: 'H.265' });
    // The heading is the bearing from the placed camera to where the drag ended.
    const releasedAt = await lonLatOf(page, release);
    expect(saved.body.properties.heading_deg as number).toBeCloseTo(bearingDeg(saved.body.geometry.coordinates as number[], releasedAt), 0);
    // Where the press was, or where snapping pulled it (within its 10 pixels, about 6 m at this zoom).
    expect(distanceM(saved.body.geometry.coordinates as number[], cameraAt)).toBeLessThan(7);
    // The camera layer was reloaded: the new camera is on the map.
    await expect.poll(() => page.evaluate((id) => window.__app!.loadedFeatureIds('cameras').includes(id), cameraId), { timeout: 20_000 }).toBe(true);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'editing-02-camera-saved');

    // Dragging from the camera re-aims it: south is 180°, saved as version 2 on release.
    const at = await pixelOf(page, cameraAt);
    await drag(page, at, [at[0], at[1] + 100]);
    await page.locator('[data-testid=edit-form][data-version="2"]').waitFor({ timeout: 20_000 });
    expect((await feature('cameras', cameraId)).body.properties.heading_deg as number).toBeCloseTo(180, 0);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'editing-02b-camera-re-aimed');
  });

  it('two_browsers_edit_one_camera_and_the_second_sees_both_versions_and_overwrites_on_purpose', async () => {
    const mine = engineerPage;
    // The engineer changes the retention in the open form, but has not saved yet.
    await inputOf(mine, 'edit-field-retention_days').fill('90');

    const other = await signedInPage(ACCOUNTS.admin);
    await centre(other, cameraAt[0], cameraAt[1], 18);
    const at = await other.evaluate((id) => window.__app!.featurePixel('cameras', id), cameraId);
    expect(at).not.toBeNull();
    await other.mouse.click(at![0], at![1]);
    await other.locator('[data-testid=feature-info-edit]').click();
    await other.locator('[data-testid=edit-form][data-version="2"]').waitFor();
    await inputOf(other, 'edit-field-name').fill('Camera đổi tên bởi quản trị');
    await other.locator('[data-testid=edit-save]').click();
    await other.locator('[data-testid=edit-form][data-version="3"]').waitFor({ timeout: 20_000 });

    // The engineer saves on version 2: the server answers 412 and the dialog shows both versions.
    await mine.locator('[data-testid=edit-save]').click();
    const dialog = mine.locator('[data-testid=conflict-table]');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    const nameRow = mine.locator('[data-testid=conflict-row-name]');
    expect(await nameRow.getAttribute('data-differs')).toBe('true');
    expect(await nameRow.locator('.mine').textContent()).toContain('Camera ngã tư Hùng Vương (e2e)');
    expect(await nameRow.locator('.theirs').textContent()).toContain('Camera đổi tên bởi quản trị');
    const retentionRow = mine.locator('[data-testid=conflict-row-retention_days]');
    expect(await retentionRow.getAttribute('data-differs')).toBe('true');
    expect(await retentionRow.locator('.mine').textContent()).toContain('90');
    expect(await mine.locator('[data-testid=conflict-row-codec]').getAttribute('data-differs')).toBe('false');
    expect(await mine.locator('[data-testid=conflict-geometry-theirs]').getAttribute('data-changed')).toBe('false');
    expect((await feature('cameras', cameraId)).etag).toBe('"v3"');
    await settled(mine.locator('.el-dialog'));
    await screenshot(mine, 'editing-03-conflict-dialog');

    await mine.locator('[data-testid=conflict-overwrite]').click();
    await mine.locator('[data-testid=edit-form][data-version="4"]').waitFor({ timeout: 20_000 });
    const now = await feature('cameras', cameraId);
    expect(now.etag).toBe('"v4"');
    expect(now.body.properties).toMatchObject({ retention_days: 90, name: 'Camera ngã tư Hùng Vương (e2e)', updated_by: 'engineer' });
    // Nothing was lost: the administrator's version is in the history.
    expect((await versions('cameras', cameraId)).map((v) => v.version)).toEqual([1, 2, 3, 4]);
    await screenshot(mine, 'editing-04-conflict-overwritten');
  });
});

describe('reshaping a road with snapping, then undo and redo', () => {
  let page: Page;
  let road: Feature;
  let target: number[];
  let vertexIndex: number;

  beforeAll(async () => {
    page = await signedInPage(PLANNER);
    // A road end 25–80 m from another road's vertex, in a spot where no third road is close to either.
    const roads = (await api<{ features: Feature[] }>('/ogc/collections/roads/items?bbox=108.20,16.03,108.25,16.08&limit=5000')).body.features;
    const metres = (a: number[], b: number[]) =>
      Math.hypot((b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (b[1] - a[1]) * 110_574);
    const vertices = roads.flatMap((r) => r.geometry.coordinates.map((c) => ({ road: r, c })));
    const lonely = (p: number[], except: Feature[]) => vertices.every((v) => except.includes(v.road) || metres(v.c, p) > 20 || metres(v.c, p) < 1e-6);
    for (const a of roads) {
      const coords = a.geometry.coordinates;
      for (const index of [0, coords.length - 1]) {
        const candidate = vertices.find((v) => v.road !== a && metres(v.c, coords[index]) > 25 && metres(v.c, coords[index]) < 80
          && lonely(v.c, [v.road]) && lonely(coords[index], [a]));
        if (candidate) {
          road = a;
          vertexIndex = index;
          target = candidate.c;
          break;
        }
      }
      if (road) break;
    }
    expect(road, 'a road end near another road vertex').toBeDefined();
  });

  it('dragging_a_vertex_near_another_roads_vertex_snaps_it_exactly_onto_that_vertex', async () => {
    const start = road.geometry.coordinates[vertexIndex];
    const next = road.geometry.coordinates[vertexIndex === 0 ? 1 : vertexIndex - 1];
    await centre(page, (start[0] + target[0]) / 2, (start[1] + target[1]) / 2, 18);
    await chooseLayer(page, 'roads');
    await page.locator('[data-testid=edit-tool-edit]').click();
    expect(await page.locator('[data-testid=edit-snapping] input').isChecked()).toBe(true);
    // Pick the road a little way along from its end.
    const along = [start[0] + (next[0] - start[0]) * (15 / Math.max(15, distanceM(start, next))), start[1] + (next[1] - start[1]) * (15 / Math.max(15, distanceM(start, next)))];
    const pickAt = await pixelOf(page, along);
    await page.mouse.click(pickAt[0], pickAt[1]);
    const form = page.locator(`[data-testid=edit-form][data-feature-id="${road.id}"]`);
    await form.waitFor({ timeout: 20_000 });
    const before = Number(await form.getAttribute('data-version'));
    await page.evaluate(() => window.__app!.whenRendered());
    // Drop the vertex 4 px beside the other road's vertex: snapping puts it on the vertex.
    const from = await pixelOf(page, start);
    const to = await pixelOf(page, target);
    await drag(page, from, [to[0] + 3, to[1] - 2]);
    await page.locator(`[data-testid=edit-form][data-version="${before + 1}"]`).waitFor({ timeout: 20_000 });
    const moved = (await feature('roads', road.id)).body.geometry.coordinates[vertexIndex];
    expect(moved[0]).toBeCloseTo(target[0], 9);
    expect(moved[1]).toBeCloseTo(target[1], 9);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'editing-05-road-snapped');
  });

  it('undo_and_redo_write_new_versions_and_lose_nothing', async () => {
    const original = road.geometry.coordinates[vertexIndex];
    const first = (await versions('roads', road.id)).length;
    await page.locator('[data-testid=edit-undo]').click();
    await expect.poll(async () => (await versions('roads', road.id)).length, { timeout: 20_000 }).toBe(first + 1);
    const undone = (await feature('roads', road.id)).body.geometry.coordinates[vertexIndex];
    expect(undone[0]).toBeCloseTo(original[0], 9);
    expect(undone[1]).toBeCloseTo(original[1], 9);
    await expect.poll(() => statusText(page)).toContain('Đã hoàn tác');
    await screenshot(page, 'editing-06-road-undone');

    // Ctrl+Shift+Z redoes, as a new version again.
    await page.locator('[data-testid=map]').click({ position: { x: 5, y: 400 }, trial: true });
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await versions('roads', road.id)).length, { timeout: 20_000 }).toBe(first + 2);
    const redone = (await feature('roads', road.id)).body.geometry.coordinates[vertexIndex];
    expect(redone[0]).toBeCloseTo(target[0], 9);
    // Every step is a version of its own, one after the other (the sample city's first version predates the history).
    const history = (await versions('roads', road.id)).map((v) => v.version);
    expect(history).toEqual(history.map((_, i) => history[0] + i));
    await expect.poll(() => page.locator('[data-testid=edit-form]').getAttribute('data-version')).toBe(String(history[history.length - 1]));
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'editing-07-road-redone');
  });
});

describe('drawing, splitting, selecting, deleting and measuring', () => {
  let page: Page;
  // Open sea east of Mỹ Khê: nothing there to snap to, so the drawn shape is the one clicked.
  let sea: number[];
  const inBox = async () =>
    (await api<{ features: Feature[] }>(`/ogc/collections/buildings/items?bbox=${sea[0] - 0.002},${sea[1] - 0.002},${sea[0] + 0.002},${sea[1] + 0.002}`)).body.features;

  beforeAll(async () => {
    sea = await freeSpot('buildings', [108.29, 16.06], 0.002);
    page = await signedInPage(PLANNER);
    await centre(page, sea[0], sea[1], 18);
    await chooseLayer(page, 'buildings');
  });

  it('a_drawn_building_is_split_box_selected_deleted_and_brought_back_by_undo', async () => {
    expect(await inBox()).toHaveLength(0);
    const [x, y] = await pixelOf(page, sea);
    // An outline that crosses itself is refused by the server (PostGIS validity): its reason shows in the form and
    // on the status line, in the UI's language.
    await page.locator('[data-testid=edit-tool-draw]').click();
    await page.mouse.click(x - 60, y - 40);
    await page.mouse.click(x + 60, y + 40);
    await page.mouse.click(x + 60, y - 40);
    await page.mouse.dblclick(x - 60, y + 40);
    await page.locator('[data-testid=edit-save]').click();
    await expect(page.locator('[data-testid=edit-error-geometry]').textContent({ timeout: 20_000 })).resolves.toMatch(/^\s*Hình học: Không hợp lệ \(tự cắt\) tại \[108\.\d+, 16\.\d+\]/);
    expect(await page.locator('[data-testid=edit-status]').textContent()).toMatch(/^Lỗi: Hình học: Không hợp lệ \(tự cắt\)/);
    await screenshot(page, 'editing-07b-self-intersection-refused');
    await page.locator('[data-testid=edit-cancel]').click();
    expect(await inBox()).toHaveLength(0);

    await page.locator('[data-testid=edit-tool-draw]').click();
    await page.mouse.click(x - 60, y - 40);
    await page.mouse.click(x + 60, y - 40);
    await page.mouse.click(x + 60, y + 40);
    await page.mouse.dblclick(x - 60, y + 40);
    const form = page.locator('[data-testid=edit-form]');
    await form.waitFor();
    await inputOf(page, 'edit-field-floors').fill('3');
    await page.locator('[data-testid=edit-save]').click();
    await expect.poll(() => form.getAttribute('data-feature-id'), { timeout: 20_000 }).not.toBe('');
    const id = (await form.getAttribute('data-feature-id'))!;
    expect((await inBox()).map((f) => f.id)).toEqual([id]);

    // A line across the middle cuts it in two: the building keeps one half, the other half is a new building.
    await page.locator('[data-testid=edit-tool-split]').click();
    await page.mouse.click(x, y - 90);
    await page.mouse.dblclick(x, y + 90);
    await expect.poll(async () => (await inBox()).length, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => statusText(page)).toContain('Đã tách thành 2 phần');
    const pieces = await inBox();
    expect(pieces.map((f) => f.id)).toContain(id);
    expect(pieces.every((f) => f.properties.floors === 3)).toBe(true);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'editing-08-building-split');

    // A box over both selects both; delete removes them in one step, undo brings both back under their ids.
    await page.locator('[data-testid=edit-form-close]').click();
    await page.locator('[data-testid=edit-tool-select]').click();
    await drag(page, [x - 100, y - 80], [x + 100, y + 80]);
    await expect.poll(() => page.locator('[data-testid=edit-selection-count]').getAttribute('data-count')).toBe('2');
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'editing-09-box-selection');
    await page.locator('[data-testid=edit-delete]').click();
    await expect.poll(async () => (await inBox()).length, { timeout: 20_000 }).toBe(0);
    await page.locator('[data-testid=edit-undo]').click();
    await expect.poll(async () => (await inBox()).map((f) => f.id).sort(), { timeout: 20_000 }).toEqual(pieces.map((f) => f.id).sort());
  });

  it('the_measure_tool_gives_the_geodesic_length_of_a_drawn_line', async () => {
    await page.locator('[data-testid=edit-tool-measure]').click();
    const [x, y] = await pixelOf(page, sea);
    await page.mouse.click(x - 150, y);
    await page.mouse.dblclick(x + 150, y + 100);
    await expect.poll(() => statusText(page)).toContain('Chiều dài');
    const expected = haversineM(await lonLatOf(page, [x - 150, y]), await lonLatOf(page, [x + 150, y + 100]));
    const shown = Number(/([\d.,]+) m/.exec(await statusText(page))![1].replace(/\./g, '').replace(',', '.'));
    expect(Math.abs(shown - expected) / expected).toBeLessThan(0.002);
    await screenshot(page, 'editing-10-measure');
  });
});

/** Initial great-circle bearing from a to b (lon/lat degrees), clockwise from north, [0, 360). */
function bearingDeg(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * rad) * Math.cos(b[1] * rad);
  const x = Math.cos(a[1] * rad) * Math.sin(b[1] * rad) - Math.sin(a[1] * rad) * Math.cos(b[1] * rad) * Math.cos((b[0] - a[0]) * rad);
  return ((Math.atan2(y, x) / rad) + 360) % 360;
}

/** Lon/lat (degrees) under a page pixel of the map. */
async function lonLatOf(page: Page, pixel: number[]): Promise<number[]> {
  const [mx, my] = await page.evaluate(([x, y]) => {
    const map = window.__app!.map;
    const box = map.getTargetElement()!.getBoundingClientRect();
    return map.getCoordinateFromPixel([x - box.left, y - box.top]);
  }, pixel);
  return [(mx / 6378137) * (180 / Math.PI), (2 * Math.atan(Math.exp(my / 6378137)) - Math.PI / 2) * (180 / Math.PI)];
}

/** Great-circle distance in metres on the sphere ol/sphere uses (radius 6371008.8 m). */
function haversineM(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

function distanceM(a: number[], b: number[]): number {
  return Math.hypot((b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (b[1] - a[1]) * 110_574);
}
