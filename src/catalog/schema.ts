// The shape of data/vendors.json and data/chips.json, checked at load and by a test. Every figure is a
// Fact: a value with the source it was read from (URL, outlet, date) and whether the figure is the
// vendor's own (official), a third party's report, or an analyst's estimate. Unknown is value: null —
// never a guess — and a null carries no source.
import { z } from 'zod';

/** YYYY-MM-DD. */
export const FullDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD');

/** YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

/**
 * What kind of publisher a source is, strongest first: the vendor's own page or datasheet, an exchange
 * filing or prospectus, a government text (Federal Register, BIS), reputable press, an analyst, an
 * aggregator (rewrites others' reporting), a forum. The policy (source-policy.ts) says which kinds
 * may carry a vendor's own figure.
 */
export const SourceKind = z.enum(['vendor', 'filing', 'government', 'press', 'analyst', 'aggregator', 'forum']);
export type SourceKind = z.infer<typeof SourceKind>;

export const Source = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  outlet: z.string().min(2),
  /** When the source was published (or, for undated pages, read). */
  date: PartialDate,
  kind: SourceKind,
});
export type Source = z.infer<typeof Source>;

/** official: the vendor's (or regulator's) own figure; reported: a third party's; estimate: an analyst's;
 * derived: computed from other published figures (the fact's note says how). */
export const Basis = z.enum(['official', 'reported', 'estimate', 'derived']);
export type Basis = z.infer<typeof Basis>;

export function fact<T extends z.ZodType>(value: T) {
  return z.union([
    z.strictObject({
      value: value,
      basis: Basis,
      source: Source,
      /** Other sources that say the same. */
      also: z.array(Source).optional(),
      /** The figure as the source prints it ("768 GB/s"), when the stored unit or precision differs. */
      published: z.string().min(1).max(40).optional(),
      note: z.string().optional(),
    }),
    z.strictObject({ value: z.null(), note: z.string().optional() }),
  ]);
}
export type Fact<T> = { value: T; basis: Basis; source: Source; also?: Source[]; published?: string; note?: string } | { value: null; note?: string };

export const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

export const Listing = z.strictObject({
  exchange: z.string().min(2),
  ticker: z.string().min(1),
  /** First trading day. */
  date: PartialDate.nullable(),
});

export const EntityListStatus = z.strictObject({
  listed: z.boolean(),
  /** Effective date of the Federal Register rule that added it (not the publication date), when listed. */
  since: PartialDate.nullable(),
  /** Which entities are named (e.g. "Huawei and 68 affiliates"). */
  entities: z.string().optional(),
});

/** A dated event in a vendor's record: an export-control action (effective date), a listing, a merger called off. */
export const VendorEvent = z.strictObject({
  /** For rules, the effective date, not the publication date. */
  date: PartialDate,
  kind: z.enum(['export-control', 'entity-list', 'listing', 'corporate', 'product', 'market']),
  text: z.string().min(10).max(200),
  basis: Basis,
  source: Source,
  also: z.array(Source).optional(),
});
export type VendorEvent = z.infer<typeof VendorEvent>;

export const Vendor = z.strictObject({
  slug: Slug,
  /** designer: a tracked chip vendor; reference: NVIDIA as the baseline; foundry: SMIC. */
  role: z.enum(['designer', 'reference', 'foundry']),
  name: z.strictObject({ en: z.string().min(1), zh: z.string().min(1) }),
  /** Names as they appear in news, for resolution and tagging. German includes genitive forms. */
  aliases: z.strictObject({ en: z.array(z.string().min(1)), zh: z.array(z.string().min(1)), de: z.array(z.string().min(1)) }),
  summary: z.strictObject({ en: z.string().min(20).max(600), source: Source }),
  website: z.url({ protocol: /^https?$/ }).nullable(),
  headquarters: fact(z.string()),
  parent: fact(z.string()),
  founded: fact(z.number().int().min(1900).max(2100)),
  listings: fact(z.array(Listing)),
  entityList: fact(EntityListStatus),
  /** Dated events, oldest first. */
  events: z.array(VendorEvent).optional(),
  /** When a maintainer last checked this record against its sources (YYYY-MM-DD). */
  reviewed: FullDate,
});
export type Vendor = z.infer<typeof Vendor>;

/** halted: production stopped; blocked: sales stopped by a government order; approved: export licences granted. */
export const ChipStatus = z.enum(['shipping', 'sampling', 'announced', 'reported', 'discontinued', 'halted', 'blocked', 'approved']);
/** chip: one die or package; card: an accelerator card or module; system: a rack, supernode or SuperPoD. */
export const ChipKind = z.enum(['chip', 'card', 'system']);
export type ChipKind = z.infer<typeof ChipKind>;
export const Workload = z.enum(['training', 'inference']);

export const Chip = z.strictObject({
  slug: Slug,
  vendor: Slug,
  name: z.strictObject({ en: z.string().min(1), zh: z.string().min(1).nullable() }),
  aliases: z.array(z.string().min(1)),
  /** Absent means chip. A system's figures are for the whole system. */
  kind: ChipKind.optional(),
  /** A system's (or card's) parts: catalog chips and how many, where published. */
  contains: z.array(z.strictObject({ chip: Slug, count: fact(z.number().int().positive()) })).optional(),
  /** The vendor's current headline part: /compare picks it when given a vendor name. */
  flagship: z.boolean(),
  /** An NVIDIA part other chips are compared against (H20 first). */
  reference: z.boolean(),
  year: fact(z.number().int().min(2010).max(2030)),
  status: fact(ChipStatus),
  process: fact(z.string()),
  foundry: fact(z.string()),
  /** Dense FP16/BF16 TFLOPS per chip (or card, where the vendor quotes the card). */
  fp16Tflops: fact(z.number().positive()),
  int8Tops: fact(z.number().positive()),
  memoryType: fact(z.string()),
  memoryGB: fact(z.number().positive()),
  /** Memory bandwidth in TB/s. */
  memoryBandwidthTBs: fact(z.number().positive()),
  interconnect: fact(z.string()),
  tdpW: fact(z.number().positive()),
  workload: fact(z.array(Workload).min(1)),
  note: z.string().optional(),
  /** When a maintainer last checked this record against its sources (YYYY-MM-DD). */
  reviewed: FullDate,
});
export type Chip = z.infer<typeof Chip>;

export const VendorsFile = z.strictObject({ $comment: z.string().optional(), vendors: z.array(Vendor).min(1) });
export const ChipsFile = z.strictObject({ $comment: z.string().optional(), chips: z.array(Chip).min(1) });

/** The figure fields of a chip, in the order cards show them. */
export const CHIP_FIGURES = [
  'year',
  'status',
  'process',
  'foundry',
  'fp16Tflops',
  'int8Tops',
  'memoryType',
  'memoryGB',
  'memoryBandwidthTBs',
  'interconnect',
  'tdpW',
  'workload',
] as const satisfies readonly (keyof Chip)[];
export type ChipFigure = (typeof CHIP_FIGURES)[number];
