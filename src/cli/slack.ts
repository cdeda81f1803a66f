// `chipwatch slack manifest [--url https://host] [--socket] [--yaml] [--name NAME]`: prints the Slack app
// manifest generated from the command definitions, to paste into api.slack.com/apps → From a manifest.
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { buildManifest, ManifestError, toYaml } from '../adapters/slack/manifest.ts';

const USAGE = `Usage: chipwatch slack manifest [--url https://your-host] [--socket] [--yaml] [--name NAME]
  --url     public HTTPS base URL of this bot (HTTP mode); request URLs become <url>/slack/events
  --socket  Socket Mode instead (no public URL; set SLACK_APP_TOKEN)
  --yaml    print YAML instead of JSON
  --name    the app's display name (default chipwatch)`;

export async function slack(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'manifest') {
    console.error(sub ? `chipwatch slack: unknown subcommand "${sub}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { url: { type: 'string' }, socket: { type: 'boolean', default: false }, yaml: { type: 'boolean', default: false }, name: { type: 'string' } },
  });
  try {
    const m = buildManifest(commands, {
      ...(values.url ? { url: values.url } : {}),
      socket: values.socket,
      ...(values.name ? { name: values.name } : {}),
    });
    console.log(values.yaml ? toYaml(m) : JSON.stringify(m, null, 2));
    if (!values.url && !values.socket) console.error('Note: no --url given; replace https://YOUR-HOST with the bot’s public address, or use --socket.');
    return 0;
  } catch (e) {
    if (e instanceof ManifestError) {
      console.error(`chipwatch slack manifest: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
