// Every chipwatch command as a Slack slash command, plus `/chipwatch <command> …` as one umbrella
// command (Slack's style guide; also the way in when another app in the workspace already owns a name
// like /help). Slack wants an acknowledgement within 3 s, so each handler acks first (empty: nothing
// shown yet), then runs the command text through the core's text parser — the same path as the
// console — and answers through response_url, in the channel or only to the caller as the Reply says.
// https://docs.slack.dev/interactivity/implementing-slash-commands
import type { App as BoltApp, SlashCommand } from '@slack/bolt';
import { dispatch } from '../../core/dispatcher.ts';
import { probeFor, slackApologyFor, slackCallerWithLocale, type SlackCallDeps, type SlackWho } from './caller.ts';
import { responsePayload } from './respond.ts';
import { uploadCharts } from './chart-upload.ts';
import { UMBRELLA_COMMAND } from './routes.ts';

/** The command line the core should run for the slash command `/name` typed with `text`. */
export function commandLine(name: string, text: string): string {
  const t = text.trim();
  if (name === UMBRELLA_COMMAND) return t ? `/${t.replace(/^\//, '')}` : '/help';
  return `/${name} ${t}`.trim();
}

export function registerCommands(bolt: BoltApp, d: SlackCallDeps): void {
  // One listener for every command: bolt runs each listener's filters on every request, and the
  // dispatcher already knows the commands (an unknown one gets its "did you mean" answer).
  bolt.command(/^\/[^\s/]+$/, async ({ command, ack, respond, client }) => {
    await ack();
    const name = command.command.slice(1).toLowerCase();
    const who = whoOf(command);
    if (!who) {
      // Slack always sends these; without them there is no one to check permissions for.
      d.core.log.warn({ platform: 'slack', code: 'SLACK_BAD_PAYLOAD', command: name }, 'slash command without team, channel or user; answered with an apology');
      await respond({ response_type: 'ephemeral', text: slackApologyFor(d, command.team_id, command.user_id) }).catch((e: unknown) => d.core.log.error({ err: e, code: 'SLACK_RESPOND_FAILED', command: name }, 'could not answer a Slack slash command'));
      return;
    }
    const reply = await dispatch(d.core, await slackCallerWithLocale(d, client, who), probeFor(d, client, who), { kind: 'text', line: commandLine(name, command.text ?? '') });
    try {
      await respond(responsePayload(reply));
    } catch (e) {
      d.core.log.error({ err: e, code: 'SLACK_RESPOND_FAILED', command: name }, 'could not answer a Slack slash command');
      return;
    }
    await uploadCharts(client, { teamId: who.teamId, channelId: who.channelId }, reply, d.core.log);
  });
}

function whoOf(command: SlashCommand): SlackWho | undefined {
  const ok = (v: unknown) => typeof v === 'string' && v !== '';
  if (!ok(command.team_id) || !ok(command.channel_id) || !ok(command.user_id)) return undefined;
  return {
    teamId: command.team_id,
    enterpriseId: command.enterprise_id,
    isEnterpriseInstall: command.is_enterprise_install === 'true',
    channelId: command.channel_id,
    userId: command.user_id,
  };
}
