// Read side of the catalog for commands: a vendor's chips, its flagship, the NVIDIA baseline.
import type { Db } from '../store/db.ts';
import { catalogOf } from './load.ts';
import type { Chip } from './schema.ts';

/** H20 is the baseline: the most capable NVIDIA part China could buy legally for most of 2024–25. */
export const BASELINE_CHIP = 'h20';

export function chipsOfVendor(db: Db, vendorSlug: string): Chip[] {
  return [...catalogOf(db).chips.values()]
    .filter((c) => c.vendor === vendorSlug)
    .sort((a, b) => (b.year.value ?? 0) - (a.year.value ?? 0) || a.name.en.localeCompare(b.name.en));
}

export function flagshipOf(db: Db, vendorSlug: string): Chip | undefined {
  const chips = chipsOfVendor(db, vendorSlug);
  return chips.find((c) => c.flagship) ?? chips[0];
}

export function baselineChip(db: Db): Chip | undefined {
  const { chips } = catalogOf(db);
  return chips.get(BASELINE_CHIP) ?? [...chips.values()].find((c) => c.reference);
}
