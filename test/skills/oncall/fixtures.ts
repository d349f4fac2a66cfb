// A small organisation for on-call tests: one daily rotation (bob, then carol) handing off
// at 09:00 Berlin from Sat 21 Nov 2026, and a policy that pages it, then alice, twice over.
import type { ChatCapabilities, ChatPort } from '../../../src/core/ports.js';
import type { MessageRef, PlatformId } from '../../../src/core/types.js';
import type { OutMessage } from '../../../src/core/card.js';
import { messageToText } from '../../../src/core/text.js';
import { afterEach } from 'vitest';
import { startConsoleApp, type ConsoleHarness, type HarnessOptions } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import type { OnCallSkill } from '../../../src/skills/oncall/index.js';

export const ONCALL_CONFIG = (extra = '') => `
timezone: Europe/Berlin
people:
  - { id: alice, name: Alice, slack: U0ALICE01 }
  - { id: bob, name: Bob, slack: U0BOB0001, timezone: Europe/London }
  - { id: carol, name: Carol }
  - { id: dan, name: Dan }
teams:
  - id: ops
    name: Ops
    members: [alice, bob, carol]
    channels: { main: { console: "#ops", slack: C0OPS } }
services:
  - { id: api, name: API, team: ops, escalation_policy: default }
  - { id: docs, name: Docs, team: ops }
schedules:
  - { id: primary, name: Primary, team: ops, timezone: Europe/Berlin, members: [bob, carol], shift: 1d, handoff: "09:00", start: 2026-11-21 }
escalation_policies:
  - id: default
    name: Default
    levels:
      - { targets: [schedule:primary], after: 5m }
      - { targets: [person:alice], after: 10m }
    repeat: 1
permissions:
  admins: [alice]
  schedules: [carol]
${extra}`;

/** In-process apps for a test file: each test's app (and its restarts) is stopped after it. */
export function consoleApps() {
  let current: ConsoleHarness | undefined;
  afterEach(async () => {
    await current?.stop();
    current = undefined;
    await cleanupTempDirs();
  });
  return {
    start: async (opts: HarnessOptions = {}) => (current = await startConsoleApp(opts)),
    restart: async (x: ConsoleHarness) => (current = await x.restart()),
  };
}

/** How many DMs the console printed to a person. */
export const dmsTo = (out: string, person: string): number => out.split(`── DM to @${person} · m`).length - 1;

export const oncallSkill = (h: ConsoleHarness): OnCallSkill => h.app.router.skills().find((s) => s.id === 'oncall') as OnCallSkill;

/** A second chat platform that records what it was asked to do. */
export class RecordingPort implements ChatPort {
  readonly capabilities: ChatCapabilities = { createChannels: false, forms: false, ephemeral: false, reactions: false, files: false, editMessages: true };
  readonly dms: Array<{ user: string; ref: MessageRef; text: string }> = [];
  readonly posts: Array<{ channel: string; text: string }> = [];
  readonly updates: Array<{ ref: MessageRef; text: string }> = [];
  private seq = 0;
  constructor(readonly platform: PlatformId) {}
  async post(channel: { id: string }, msg: OutMessage): Promise<MessageRef> {
    this.posts.push({ channel: channel.id, text: messageToText(msg) });
    return { platform: this.platform, channelId: channel.id, messageId: `p${++this.seq}` };
  }
  async update(ref: MessageRef, msg: OutMessage): Promise<void> {
    this.updates.push({ ref, text: messageToText(msg) });
  }
  async postEphemeral(): Promise<void> {}
  async dm(userId: string, msg: OutMessage): Promise<MessageRef> {
    const ref = { platform: this.platform, channelId: `D-${userId}`, messageId: `d${++this.seq}` };
    this.dms.push({ user: userId, ref, text: messageToText(msg) });
    return ref;
  }
  async createChannel(): Promise<{ platform: PlatformId; id: string }> {
    return { platform: this.platform, id: 'C-new' };
  }
  async invite(): Promise<void> {}
  async setTopic(): Promise<void> {}
  async uploadFile(): Promise<void> {}
  async lookupUser(): Promise<undefined> {
    return undefined;
  }
}
