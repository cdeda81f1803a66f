// `chipwatch catalog audit [--json] [--today YYYY-MM-DD] [--data DIR]`: per catalog record, the weakest
// and oldest source, figures still unknown, reviews older than twelve months, refused hosts and
// vendor-own figures without a primary source, and a score. Exit 1 when a refused host or an
// unsupported official figure is found, so CI can run it.
import { parseArgs } from 'node:util';
import { DATA_DIR, readCatalog } from '../catalog/load.ts';
import { loadSourcePolicy } from '../catalog/source-policy.ts';
import { auditCatalog, REVIEW_MONTHS, type AuditSummary, type RecordAudit } from '../catalog/audit.ts';

const USAGE = `Usage:
  chipwatch catalog audit [--json] [--today YYYY-MM-DD] [--data DIR]   sources, unknowns and reviews per record`;

export function auditTable(records: RecordAudit[]): string {
  const head = ['RECORD', 'KIND', 'REVIEWED', 'SCORE', 'UNKNOWN', 'WEAKEST SOURCE', 'OLDEST SOURCE'];
  const body = [...records]
    .sort((a, b) => a.score - b.score || a.slug.localeCompare(b.slug))
    .map((r) => [r.slug, r.kind, `${r.reviewed}${r.reviewDue ? ' DUE' : ''}`, String(r.score), String(r.unknown.length), r.weakest ?? '-', r.oldest ?? '-']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const problems = records.flatMap((r) => [
    ...r.banned.map((b) => `  ${r.slug}: refused host ${b}`),
    ...r.officialWithoutPrimary.map((w) => `  ${r.slug}.${w}: marked official without a vendor, filing, government or press source`),
  ]);
  return [line(head), ...body.map(line), ...(problems.length ? ['', 'Problems:', ...problems] : [])].join('\n');
}

export function summaryText(s: AuditSummary, today: string): string {
  const kinds = Object.entries(s.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `Catalog audit, ${today}: ${s.records} records, ${s.sources} source citations (${kinds}).`,
    `Refused hosts: ${s.banned}. Official figures without a primary source: ${s.officialWithoutPrimary}.`,
    `Unknown figures: ${s.unknownFigures}. Reviews older than ${REVIEW_MONTHS} months: ${s.reviewDue}. Mean score: ${s.meanScore}/100.`,
  ].join('\n');
}

export async function catalogCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, today: { type: 'string' }, data: { type: 'string' } },
  });
  if (positionals[0] !== 'audit' || positionals.length > 1) {
    console.error(`chipwatch catalog: ${positionals[0] ? `unknown subcommand "${positionals.join(' ')}"` : 'name a subcommand'}.\n${USAGE}`);
    return 2;
  }
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(`chipwatch catalog: --today must be YYYY-MM-DD, got "${today}".`);
    return 2;
  }
  const dir = values.data ?? DATA_DIR;
  const { vendors, chips } = readCatalog(dir);
  const { records, summary } = auditCatalog(vendors, chips, loadSourcePolicy(dir), today);
  if (values.json) console.log(JSON.stringify({ today, summary, records }, null, 2));
  else console.log(`${auditTable(records)}\n\n${summaryText(summary, today)}`);
  return summary.banned || summary.officialWithoutPrimary ? 1 : 0;
}
