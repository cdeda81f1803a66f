// Parses and validates one of the JSON files under data/ (catalog, feed sources, seed news). On failure
// the error names the file and its first problems by path, so an operator can fix the file by hand.
import type { z } from 'zod';

export function parseDataFile<T extends z.ZodType>(
  text: string,
  label: string,
  schema: T,
  what: string,
  ErrorType: new (message: string) => Error,
): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ErrorType(`${label} is not valid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ErrorType(`${label} does not match the ${what} schema:\n${issues.join('\n')}`);
  }
  return r.data;
}
