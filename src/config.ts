// All configuration, from the environment (and an optional .env), parsed once with zod at start.
// Each error names the variable to set and how. Secrets are kept here and never logged.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';

// One level up from this file. Also right in the production bundle .build/chipwatch.mjs (src/cli/build.mjs),
// where import.meta.url is the bundle's: .build/ sits at the same depth as src/. Keep both true.
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const flag = (dflt: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? dflt : ['1', 'true', 'yes', 'on'].includes(v)));
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const ConfigSchema = z
  .object({
    CHIPWATCH_DB: z.string().trim().min(1).default(path.join(PROJECT_ROOT, 'data', 'chipwatch.db')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Poll the feeds in data/sources.json when the bot runs (off: seed news and manual ingest only). */
    CHIPWATCH_POLL: flag(true),
    CHIPWATCH_NEWS_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(730),
    /** Stories scoring below this relevance are dropped at ingest (0 keeps every tagged story). */
    CHIPWATCH_MIN_RELEVANCE: z.coerce.number().min(0).max(1).default(0.3),
    /** A digest missed while the bot was down is still sent on restart within this many hours. */
    CHIPWATCH_DIGEST_CATCHUP_HOURS: z.coerce.number().min(0).max(48).default(6),
    /** Real-time channels get new stories within this many seconds of ingest (one fan-out poll cycle). */
    CHIPWATCH_REALTIME_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Processes sharing one database: the deliverer lease lasts this long, renewed every third of it; a dead
     * holder is replaced within 4/3 of it (src/delivery/lease-gate.ts). */
    CHIPWATCH_LEASE_SECONDS: z.coerce.number().min(0.3).max(300).default(15),
    /** On SIGTERM/SIGINT, services get this long to stop (e.g. during a Discord outage) before the process exits anyway. */
    CHIPWATCH_SHUTDOWN_SECONDS: z.coerce.number().min(1).max(600).default(10),
    /** /healthz and /metrics on this port in every mode (unset: not served; 0: any free port, for tests). */
    CHIPWATCH_METRICS_PORT: optionalText.pipe(z.coerce.number<string | undefined>({ error: 'must be a port number (0-65535)' }).int('must be a port number (0-65535)').min(0, 'must be a port number (0-65535)').max(65535, 'must be a port number (0-65535)').optional()),
    /** The address the metrics port listens on: loopback unless a scraper on another host needs it. */
    CHIPWATCH_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),

    DISCORD_TOKEN: optionalText,
    DISCORD_APP_ID: optionalText.pipe(z.string().regex(/^\d{17,20}$/, 'must be the numeric application id').optional()),
    DISCORD_API_BASE: optionalText.pipe(httpUrl.optional()),

    SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    SLACK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    SLACK_API_URL: optionalText.pipe(httpUrl.optional()),
    /** Let anyone (not only workspace admins and owners) manage a channel's subscriptions. */
    SLACK_ANYONE_MANAGES: flag(false),
  })
  .superRefine((c, ctx) => {
    if (c.DISCORD_TOKEN && !c.DISCORD_APP_ID)
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APP_ID'], message: 'is required when DISCORD_TOKEN is set (Developer Portal → your app → General Information → Application ID)' });
    const slack = c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN || c.SLACK_CLIENT_ID;
    if (slack && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required for Slack over HTTP (app settings → Basic Information → Signing Secret); or set SLACK_APP_TOKEN for Socket Mode' });
    if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN && !c.SLACK_CLIENT_ID)
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required with SLACK_APP_TOKEN (OAuth & Permissions → Bot User OAuth Token)' });
    if (c.SLACK_CLIENT_ID && !c.SLACK_CLIENT_SECRET)
      ctx.addIssue({ code: 'custom', path: ['SLACK_CLIENT_SECRET'], message: 'is required with SLACK_CLIENT_ID for multi-workspace installs' });
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError listing every bad variable (values never included). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A blank value (`CHIPWATCH_MIN_RELEVANCE=` left in .env) means unset, for every variable: the default,
  // not Number('') = 0 taken silently, nor a refusal of an empty name.
  const r = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v === undefined || v.trim() !== '')));
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'} ${i.message}`);
  throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}\nSee README.md, "Configuration".`);
}

/** Reads ./.env into process.env if present (variables already set win), using Node's own loader. */
export function loadDotEnv(file = path.join(process.cwd(), '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
