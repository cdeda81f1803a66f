// Charts on Discord, end to end: the real discord.js uploads the /compare chart as a multipart attachment
// beside the JSON body, the embed shows it through attachment://, and the attachment carries alt text.
// The fake refuses what Discord refuses (an embed image naming no uploaded file, over-size files, alt
// text over 1,024 characters), so a passing test means Discord would accept the upload.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';
import { chatInput, stringOpt } from './fakes/discord/fixtures.ts';
import type { RecordedRequest } from './fakes/discord/server.ts';
import { decodePng } from './helpers/png.ts';

let rig: DiscordRig;
beforeAll(async () => {
  rig = await startDiscordRig({ adapter: { deferAfterMs: 2000 } });
});
afterAll(async () => {
  await rig?.close();
  rig?.app.db.close();
  expect(rig?.rejections ?? []).toEqual([]);
});

type Body = { embeds: { title: string; image?: { url: string } }[]; attachments?: { id: number | string; description?: string; filename?: string }[] };

test('/compare uploads its chart as a PNG attachment shown in the embed, with alt text', async () => {
  const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'compare', [stringOpt('first', 'ascend-910c'), stringOpt('second', 'h20'), stringOpt('third', 'mlu590')], rig.where));
  expect(cb.body.type).toBe(4);
  const req: RecordedRequest = rig.fake.requests.find((r) => r.path === `/interactions/${cb.interactionId}/${cb.token}/callback`)!;
  const data = cb.body.data as Body;
  expect(data.embeds[0]!.image).toEqual({ url: 'attachment://chart-0.png' });
  expect(req.files?.map((f) => [f.name, f.contentType.split(';')[0]])).toEqual([['chart-0.png', 'image/png']]);
  const png = decodePng(req.files![0]!.bytes);
  expect(png.width).toBe(960);
  const alt = data.attachments?.[0]?.description ?? '';
  expect(alt).toMatch(/^Bar chart comparing Ascend 910C, NVIDIA H20/);
  expect(alt).toMatch(/FP16\/BF16 TFLOPS: Ascend 910C \S+/); // the key numbers, spoken
  expect(alt.length).toBeLessThanOrEqual(1024);
});

test('answers without a chart stay plain JSON (no multipart, no image)', async () => {
  const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'help', [], rig.where));
  const req = rig.fake.requests.find((r) => r.path === `/interactions/${cb.interactionId}/${cb.token}/callback`)!;
  expect(req.files).toBeUndefined();
  expect((cb.body.data as Body).embeds.every((e) => e.image === undefined)).toBe(true);
});

test('/chip huawei draws the vendor’s stories per week under its latest news', async () => {
  const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', 'huawei')], rig.where));
  const req = rig.fake.requests.find((r) => r.path === `/interactions/${cb.interactionId}/${cb.token}/callback`)!;
  const data = cb.body.data as Body;
  const last = data.embeds.length - 1;
  expect(data.embeds[last]!.image).toEqual({ url: `attachment://chart-${last}.png` });
  expect(req.files?.map((f) => f.name)).toEqual([`chart-${last}.png`]);
  expect(data.attachments?.[0]?.description).toMatch(/^Huawei.*: (\d+ stor(y|ies) in the last 26 weeks|no stories in the last 26 weeks)/);
});
