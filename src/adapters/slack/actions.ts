// Buttons: a Reply's Action carries a command line ("/news alibaba page:2") in the button's value; a
// press is acked at once, dispatched as typed text, and answered through the action's response_url.
import type { App as BoltApp, BlockButtonAction } from '@slack/bolt';
import { dispatch } from '../../core/dispatcher.ts';
import { probeFor, slackApologyFor, slackCallerWithLocale, type SlackCallDeps, type SlackWho } from './caller.ts';
import { ACTION_ID_PREFIX } from './render.ts';
import { responsePayload } from './respond.ts';
import { uploadCharts } from './chart-upload.ts';

const ACTION_ID = new RegExp(`^${ACTION_ID_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

export function registerActions(bolt: BoltApp, d: SlackCallDeps): void {
  bolt.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTION_ID }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const line = action.value;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const teamId = body.team?.id ?? body.user.team_id;
    if (!line || !channelId || !teamId || typeof body.user?.id !== 'string') {
      d.core.log.warn({ platform: 'slack', code: 'SLACK_BAD_PAYLOAD', action: action.action_id }, 'button press without a command, channel, team or user; answered with an apology');
      await respond({ response_type: 'ephemeral', replace_original: false, text: slackApologyFor(d, teamId, body.user?.id) }).catch((e: unknown) => d.core.log.error({ err: e, code: 'SLACK_RESPOND_FAILED', action: action.action_id }, 'could not answer a Slack button press'));
      return;
    }
    const who: SlackWho = {
      teamId,
      enterpriseId: body.enterprise?.id ?? undefined,
      isEnterpriseInstall: body.is_enterprise_install === true,
      channelId,
      userId: body.user.id,
    };
    const reply = await dispatch(d.core, await slackCallerWithLocale(d, client, who), probeFor(d, client, who), { kind: 'text', line });
    try {
      await respond(responsePayload(reply));
    } catch (e) {
      d.core.log.error({ err: e, code: 'SLACK_RESPOND_FAILED', action: action.action_id }, 'could not answer a Slack button press');
      return;
    }
    await uploadCharts(client, { teamId: who.teamId, channelId }, reply, d.core.log);
  });
}
