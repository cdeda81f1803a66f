// The Slack app manifest, generated from the command definitions so an admin creates the app in one
// step (api.slack.com/apps → Create New App → From a manifest). Slash commands, their usage hints and
// descriptions come from commands/index.ts; scopes and paths from routes.ts.
// Schema: https://docs.slack.dev/reference/app-manifest
import type { Command } from '../../core/command.ts';
import { usage } from '../../core/command.ts';
import { BOT_SCOPES, EVENTS_PATH, OAUTH_REDIRECT_PATH, UMBRELLA_COMMAND } from './routes.ts';

export interface ManifestOptions {
  /** Public HTTPS base URL of this bot (HTTP mode), e.g. https://chipwatch.example.org */
  url?: string;
  /** Socket Mode: no request URLs; the app connects out with an app-level token. */
  socket?: boolean;
  /** Display name in Slack (max 35 characters). */
  name?: string;
}

// Manifest field limits (same reference page).
const MAX_COMMAND_DESCRIPTION = 2000;
const MAX_USAGE_HINT = 1000;

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** The base URL, checked: Slack only calls HTTPS request URLs. */
export function checkBaseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ManifestError(`--url "${raw}" is not a URL; give the public HTTPS address of this bot, e.g. --url https://chipwatch.example.org`);
  }
  if (u.protocol !== 'https:') throw new ManifestError(`--url must be https:// (Slack only sends requests to HTTPS URLs); got ${u.protocol}//`);
  if (u.search || u.hash) throw new ManifestError('--url must be a base address without ?query or #fragment');
  return u.href.replace(/\/+$/, '');
}

export function buildManifest(commands: readonly Command[], o: ManifestOptions = {}): Record<string, unknown> {
  if (o.url && o.socket) throw new ManifestError('Choose one: --url (HTTP request URLs) or --socket (Socket Mode), not both.');
  const base = o.url ? checkBaseUrl(o.url) : undefined;
  const requestUrl = base ? `${base}${EVENTS_PATH}` : undefined;
  const name = (o.name ?? 'chipwatch').slice(0, 35);
  const entries = commands.map((c) => ({ name: c.name, description: c.description.en, hint: usage(c).replace(/^\/\S+\s*/, '') }));
  if (!commands.some((c) => c.name === UMBRELLA_COMMAND)) {
    entries.push({ name: UMBRELLA_COMMAND, description: `Any chipwatch command: ${commands.map((c) => c.name).join(', ')}`, hint: '<command> [options…], e.g. chip alibaba' });
  }
  const slashCommands = entries.map(({ name, description, hint }) => {
    return {
      command: `/${name}`,
      // Socket Mode needs no URL; HTTP mode without --url gets a placeholder the admin must replace.
      ...(o.socket ? {} : { url: requestUrl ?? `https://YOUR-HOST${EVENTS_PATH}` }),
      description: description.slice(0, MAX_COMMAND_DESCRIPTION),
      ...(hint ? { usage_hint: hint.slice(0, MAX_USAGE_HINT) } : {}),
      // Unescaped: the text reaches chipwatch's own parser as typed (no <@U…> rewriting).
      should_escape: false,
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'China’s AI chips: sourced facts and news (Huawei Ascend, Cambricon, T-Head, …)',
      background_color: '#1d2b3a',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: slashCommands,
    },
    oauth_config: {
      scopes: { bot: [...BOT_SCOPES] },
      ...(base ? { redirect_urls: [`${base}${OAUTH_REDIRECT_PATH}`] } : {}),
    },
    settings: {
      interactivity: { is_enabled: true, ...(o.socket ? {} : { request_url: requestUrl ?? `https://YOUR-HOST${EVENTS_PATH}` }) },
      org_deploy_enabled: false,
      socket_mode_enabled: Boolean(o.socket),
      token_rotation_enabled: false,
    },
  };
}

/**
 * YAML for the same manifest. Every string is written as a JSON string, which is also a valid YAML
 * double-quoted scalar, so no value can be misread (no: → false, "1.0" → number, "#…" → comment).
 */
export function toYaml(v: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return v
      .map((x) => {
        if (x !== null && typeof x === 'object') return `${pad}- ${toYaml(x, indent + 2).trimStart()}`;
        return `${pad}- ${toYaml(x)}`;
      })
      .join('\n');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length) return '{}';
    return entries
      .map(([k, x]) => {
        const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k);
        if (x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length : Object.keys(x).length)) return `${pad}${key}:\n${toYaml(x, indent + 2)}`;
        return `${pad}${key}: ${toYaml(x)}`;
      })
      .join('\n');
  }
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}
