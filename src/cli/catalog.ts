// `chipwatch catalog audit [--json] [--today YYYY-MM-DD] [--data DIR]`: per catalog record, the weakest
// and oldest source, figures still unknown, reviews older than twelve months, refused hosts and
// vendor-own figures without a primary source, and a score. Exit 1 when a refused host or an
// unsupported official figure is found, so CI can run it.
// `chipwatch catalog suggestions [--days N] [--json]`: what stored news says the catalog may miss
// (unknown model names, status changes of known chips), with the story links; nothing is edited.
import { parseArgs } from 'node:util';
import { DATA_DIR, readCatalog } from '../catalog/load.ts';
import { loadSourcePolicy } from '../catalog/source-policy.ts';
import { auditCatalog, REVIEW_MONTHS, type AuditSummary, type RecordAudit } from '../catalog/audit.ts';
import { catalogSuggestions, type Suggestion } from '../catalog/suggestions.ts';
import { boot } from './boot.ts';

const USAGE = `Usage:
  chipwatch catalog audit [--json] [--today YYYY-MM-DD] [--data DIR]   sources, unknowns and reviews per record
  chipwatch catalog suggestions [--days N] [--json]                    news naming unknown models or status changes`;

export function suggestionsText(list: Suggestion[], days: number): string {
  if (!list.length) return `No suggestions from the last ${days} days of stored news.`;
  const lines: string[] = [];
  for (const s of list) {
    lines.push(
      s.kind === 'unknown-model'
        ? `NEW?    ${s.subject} (${s.vendor})${s.changes.length ? ` — ${s.changes.join(', ')}` : ''}`
        : `STATUS? ${s.subject} — ${s.changes.join(', ')}`,
    );
    for (const t of s.stories) lines.push(`        ${t.published} ${t.outlet}: ${t.title.slice(0, 100)}\n          ${t.url}`);
  }
  lines.push('', `${list.length} suggestions from the last ${days} days. Check each story before editing data/; nothing was changed.`);
  return lines.join('\n');
}

async function suggestionsCommand(values: { json?: boolean; days?: string }): Promise<number> {
  const days = Number(values.days ?? '90');
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    console.error(`chipwatch catalog: --days must be a whole number from 1 to 3650, got "${values.days}".`);
    return 2;
  }
  const app = boot({ logLevel: 'silent' });
  try {
    const list = catalogSuggestions(app.db, app.now().getTime() - days * 86_400_000);
    console.log(values.json ? JSON.stringify({ days, suggestions: list }, null, 2) : suggestionsText(list, days));
    return 0;
  } finally {
    app.db.close();
  }
}

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
    options: { json: { type: 'boolean', default: false }, today: { type: 'string' }, data: { type: 'string' }, days: { type: 'string' } },
  });
  if (positionals[0] === 'suggestions' && positionals.length === 1) return suggestionsCommand(values);
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
