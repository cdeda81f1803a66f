// Command options, declared once: each builder returns the zod schema that validates the value AND the
// metadata the adapters derive from it (Discord option JSON, Slack usage hints, help text). Text input
// (Slack, console) arrives as strings and typed input (Discord) as numbers/booleans; the schemas accept
// both, so one validation path serves every platform.
import { z } from 'zod';
import type { Localized } from './i18n.ts';

/** Where an option's autocomplete suggestions come from. */
export type AutocompleteSource = 'entity' | 'vendor' | 'chip' | 'vendor-or-all' | 'topic';

interface OptionCommon<N extends string, R extends boolean> {
  name: N;
  description: Localized;
  required: R;
  autocomplete?: AutocompleteSource;
  /**
   * How the text parser fills it from bare words: `true` takes the next word in declaration order,
   * `'rest'` takes all remaining words joined by spaces (for free text like "ascend 910c").
   */
  positional?: boolean | 'rest';
  /** Example value for usage lines, e.g. "alibaba". */
  example?: string;
}

export type OptionSpec<N extends string = string, T = unknown, R extends boolean = boolean> = OptionCommon<N, R> & {
  schema: z.ZodType<T>;
  /** Phantom: the handler's value type. */
  readonly _type?: T;
} & (
    | { kind: 'string'; minLength?: number; maxLength?: number; choices?: undefined }
    | {
        kind: 'string';
        choices: readonly string[];
        /** What a picker shows for a choice ("简体中文" for zh-cn); the value stays the choice. Default: the choice. */
        choiceNames?: Readonly<Record<string, string>>;
        minLength?: undefined;
        maxLength?: undefined;
      }
    | { kind: 'integer'; min?: number; max?: number }
    | { kind: 'boolean' }
  );

export type AnyOption = OptionSpec<string, any, boolean>;

/** The options object a handler receives, computed from its option list. */
export type OptionValues<Os extends readonly AnyOption[]> = {
  [O in Os[number] as O['name']]: O['required'] extends true
    ? NonNullable<O['_type']>
    : NonNullable<O['_type']> | undefined;
};

type Common<R extends boolean> = {
  description: Localized;
  required?: R;
  autocomplete?: AutocompleteSource;
  positional?: boolean | 'rest';
  example?: string;
};

const trimmed = z.string().transform((s) => s.normalize('NFKC').trim());

export function stringOption<N extends string, const R extends boolean = false>(
  name: N,
  o: Common<R> & { minLength?: number; maxLength?: number },
): OptionSpec<N, string, R> {
  const min = o.minLength ?? 1;
  const max = o.maxLength ?? 200;
  return {
    ...o,
    name,
    kind: 'string',
    minLength: min,
    maxLength: max,
    required: (o.required ?? false) as R,
    schema: trimmed.pipe(z.string().min(min).max(max)),
  };
}

export function choiceOption<N extends string, const C extends readonly [string, ...string[]], const R extends boolean = false>(
  name: N,
  o: Common<R> & { choices: C; choiceNames?: Readonly<Record<C[number], string>> },
): OptionSpec<N, C[number], R> {
  return {
    ...o,
    name,
    kind: 'string',
    required: (o.required ?? false) as R,
    schema: trimmed.transform((s) => s.toLowerCase()).pipe(z.enum(o.choices as unknown as [C[number], ...C[number][]])),
  };
}

export function integerOption<N extends string, const R extends boolean = false>(
  name: N,
  o: Common<R> & { min?: number; max?: number },
): OptionSpec<N, number, R> {
  let n = z.number().int();
  if (o.min !== undefined) n = n.min(o.min);
  if (o.max !== undefined) n = n.max(o.max);
  return {
    ...o,
    name,
    kind: 'integer',
    required: (o.required ?? false) as R,
    // Text gives "7"; Discord gives 7. Anything else (e.g. "7d", "", 7.5) fails.
    schema: z.union([z.number(), z.string().trim().regex(/^[+-]?\d+$/).transform(Number)]).pipe(n),
  };
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

export function booleanOption<N extends string, const R extends boolean = false>(name: N, o: Common<R>): OptionSpec<N, boolean, R> {
  return {
    ...o,
    name,
    kind: 'boolean',
    required: (o.required ?? false) as R,
    schema: z.union([
      z.boolean(),
      z
        .string()
        .trim()
        .toLowerCase()
        .refine((s) => TRUE.has(s) || FALSE.has(s))
        .transform((s) => TRUE.has(s)),
    ]),
  };
}

/** What a value of this option looks like, for usage lines and error messages. */
export function describeExpected(o: AnyOption): string {
  switch (o.kind) {
    case 'string':
      return o.choices ? `one of ${o.choices.join(', ')}` : `text of ${o.minLength ?? 1} to ${o.maxLength ?? 200} characters`;
    case 'integer':
      if (o.min !== undefined && o.max !== undefined) return `a whole number from ${o.min} to ${o.max}`;
      if (o.min !== undefined) return `a whole number of at least ${o.min}`;
      return 'a whole number';
    case 'boolean':
      return 'yes or no';
  }
}
