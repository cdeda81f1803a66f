// The generated Slack app manifest: one slash command per command definition, usage hints from usage(),
// the scopes the adapter needs, HTTP request URLs or Socket Mode; and the CLI that prints it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { commands } from '../commands/index.ts';
import { usage } from '../src/core/command.ts';
import { buildManifest, toYaml, ManifestError } from '../src/adapters/slack/manifest.ts';
import { PROJECT_ROOT } from '../src/config.ts';

type Manifest = {
  features: { slash_commands: { command: string; url?: string; description: string; usage_hint?: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
};

describe('Slack manifest', () => {
  it('GIVEN --url THEN every command is a slash command with its usage hint and the request URLs point at /slack/events', () => {
    const m = buildManifest(commands, { url: 'https://chipwatch.example.org/' }) as unknown as Manifest;
    expect(m.features.slash_commands.map((c) => c.command)).toEqual([...commands.map((c) => `/${c.name}`), '/chipwatch']);
    expect(m.features.slash_commands.at(-1)!.usage_hint).toBe('<command> [options…], e.g. chip alibaba');
    for (const c of commands) {
      const sc = m.features.slash_commands.find((x) => x.command === `/${c.name}`)!;
      expect(sc.description).toBe(c.description.en);
      expect(sc.url).toBe('https://chipwatch.example.org/slack/events');
      const hint = usage(c).replace(`/${c.name}`, '').trim();
      expect(sc.usage_hint).toBe(hint || undefined);
      expect(sc.should_escape).toBe(false);
    }
    expect(m.features.slash_commands.find((x) => x.command === '/chip')!.usage_hint).toBe('<name…>');
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'users:read', 'files:write']);
    expect(m.oauth_config.redirect_urls).toEqual(['https://chipwatch.example.org/slack/oauth_redirect']);
    expect(m.settings).toMatchObject({ interactivity: { is_enabled: true, request_url: 'https://chipwatch.example.org/slack/events' }, socket_mode_enabled: false });
  });

  it('GIVEN --socket THEN Socket Mode and no request URLs', () => {
    const m = buildManifest(commands, { socket: true }) as unknown as Manifest;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity).toEqual({ is_enabled: true });
    expect(m.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    expect(JSON.stringify(m)).not.toContain('http');
  });

  it('GIVEN a non-HTTPS or broken --url, or both --url and --socket THEN a ManifestError saying what to do', () => {
    expect(() => buildManifest(commands, { url: 'http://plain.example' })).toThrow(ManifestError);
    expect(() => buildManifest(commands, { url: 'not a url' })).toThrow(/public HTTPS address/);
    expect(() => buildManifest(commands, { url: 'https://x.example', socket: true })).toThrow(/Choose one/);
  });

  it('GIVEN YAML THEN every string is a quoted scalar and the nesting is right', () => {
    expect(toYaml({ a: { b: ['x', { c: 'no', d: true }] }, e: [], f: 'yes: #1' })).toBe(
      'a:\n  b:\n    - "x"\n    - c: "no"\n      d: true\ne: []\nf: "yes: #1"',
    );
  });

  it('prints from the CLI: chipwatch slack manifest --socket (JSON) and refuses an http URL', () => {
    const bin = `${PROJECT_ROOT}/src/cli/bin.mjs`;
    const ok = spawnSync(process.execPath, [bin, 'slack', 'manifest', '--socket'], { encoding: 'utf8', cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(ok.status).toBe(0);
    const m = JSON.parse(ok.stdout) as Manifest;
    expect(m.settings.socket_mode_enabled).toBe(true);
    const bad = spawnSync(process.execPath, [bin, 'slack', 'manifest', '--url', 'http://x.example'], { encoding: 'utf8', cwd: PROJECT_ROOT });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--url must be https://');
  });
});
