// Reading Teams activities (pure): conversations and threads, mention stripping, mentions of
// people as tokens the Directory resolves, and the data of card buttons and forms.
import { describe, expect, it } from 'vitest';
import { readAction } from '../../../src/adapters/teams/action-data.js';
import { ActivitySchema, commandText, parseActivity, splitConversationId } from '../../../src/adapters/teams/parse.js';
import { Directory } from '../../../src/core/people.js';
import { exampleConfig } from '../../helpers/config.js';
import { BOT, botAddedToTeam, botInstalledForUser, cardAction, cardSubmit, CHANNELS, channelMessage, personalMessage, TEAM, USERS } from '../../fakes/teams/activities.js';

const url = 'https://smba.trafficmanager.net/emea/';
const parse = (a: object) => parseActivity(ActivitySchema.parse(a));

describe('Teams activities', () => {
  it('reads a channel mention as a command in its thread, with the bot mention stripped', () => {
    const p = parse(channelMessage({ serviceUrl: url, id: '1700000000123', text: 'incident declare sev2 DB down' }));
    expect(p).toMatchObject({
      kind: 'command',
      text: 'incident declare sev2 DB down',
      origin: { conversationId: CHANNELS.platform, threadId: '1700000000123', kind: 'channel', serviceUrl: 'https://smba.trafficmanager.net/emea', teamId: TEAM, botId: BOT.id, user: USERS.alice },
    });
    expect(parse(channelMessage({ serviceUrl: url, text: 'whoami', mentionBot: false }))).toMatchObject({ kind: 'ignore', reason: 'not addressed to the bot' });
    expect(parse(personalMessage({ serviceUrl: url, text: '  help  ' }))).toMatchObject({ kind: 'command', text: 'help', origin: { kind: 'personal', threadId: undefined } });
  });

  it('turns mentions of people into tokens the Directory resolves to configured people', () => {
    const a = channelMessage({ serviceUrl: url, text: 'nudge <at>Bob Okafor</at> &quot;db&quot; &amp; <at>Sam Stranger</at>&nbsp;now', mentions: ['bob', 'stranger'] });
    const { text, mentionsBot } = commandText(a.text, a.entities as never, BOT.id);
    expect(mentionsBot).toBe(true);
    expect(text).toBe(`nudge <@teams:${USERS.bob.id}> "db" & <@teams:${USERS.stranger.id}> now`);
    const people = new Directory(exampleConfig());
    expect(people.resolve(`<@teams:${USERS.bob.id}>`, 'teams')?.id).toBe('bob');
    expect(people.resolve(`<@teams:${USERS.stranger.id}>`, 'teams')).toBeUndefined();
  });

  it('keeps text that only looks like markup, and drops tags Teams adds', () => {
    expect(commandText('<p>incident note INC-1 x &lt;y&gt; &#128293;</p>', [], BOT.id).text).toBe('incident note INC-1 x <y> 🔥');
  });

  it('splits a threaded conversation id', () => {
    expect(splitConversationId('19:abc@thread.tacv2;messageid=42')).toEqual({ conversationId: '19:abc@thread.tacv2', threadId: '42' });
    expect(splitConversationId('a:1personal')).toEqual({ conversationId: 'a:1personal' });
  });

  it('reads Action.Execute invokes and Action.Submit messages of our cards, and ignores other apps’ cards', () => {
    const home = { conversation: CHANNELS.incidents, thread: '77', messageId: '77' };
    const data = { switchboard: 'cmd', command: 'incident ack INC-1' };
    expect(parse(cardAction({ serviceUrl: url, home, data }))).toMatchObject({ kind: 'action', invoke: true, messageId: '77', action: { kind: 'command', command: 'incident ack INC-1' }, origin: { threadId: '77' } });
    expect(parse(cardSubmit({ serviceUrl: url, home, data }))).toMatchObject({ kind: 'action', invoke: false, messageId: '77' });
    expect(parse(cardAction({ serviceUrl: url, home, data: { verb: 'someone-else' } }))).toMatchObject({ kind: 'ignore' });
    expect(parse(cardSubmit({ serviceUrl: url, home, data: { switchboard: 'cmd', command: 42 } }))).toMatchObject({ kind: 'ignore' });
  });

  it('reads the bot being added or installed as a conversation to store, and removed as one to forget', () => {
    expect(parse(botAddedToTeam({ serviceUrl: url }))).toMatchObject({ kind: 'joined', origin: { conversationId: TEAM, teamId: TEAM } });
    expect(parse(botInstalledForUser({ serviceUrl: url, from: 'bob' }))).toMatchObject({ kind: 'joined', origin: { kind: 'personal', user: { id: USERS.bob.id } } });
    expect(parse({ ...botInstalledForUser({ serviceUrl: url }), action: 'remove' })).toMatchObject({ kind: 'left' });
    expect(parse({ ...botAddedToTeam({ serviceUrl: url }), membersAdded: [], membersRemoved: [BOT] })).toMatchObject({ kind: 'left' });
  });

  it('refuses payloads that are not activities', () => {
    for (const bad of [{}, { type: 'message' }, { ...personalMessage({ serviceUrl: 'javascript:alert(1)', text: 'x' }) }, { ...personalMessage({ serviceUrl: url, text: 'x' }), from: { id: '' } }]) {
      expect(ActivitySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('card data', () => {
  it('fills a select into its command, quoting values that are not one word', () => {
    expect(readAction({ switchboard: 'select', template: 'status set api {value}', input: 'in_sel0', in_sel0: 'major_outage' })).toEqual({ kind: 'command', command: 'status set api major_outage' });
    expect(readAction({ switchboard: 'select', template: 'oncall {value}', input: 'in_sel0', in_sel0: 'a "b" c' })).toEqual({ kind: 'command', command: 'oncall "a \\"b\\" c"' });
    expect(readAction({ switchboard: 'select', template: 'oncall {value}', input: 'in_sel0' })).toBeUndefined();
  });

  it('keeps only string answers under input keys', () => {
    expect(readAction({ switchboard: 'form', template: 't {a}', in_a: 'x', in_b: 3, switchboardx: 'y', a: 'z' })).toEqual({ kind: 'form', template: 't {a}', values: { a: 'x' }, replace: false });
  });
});
