// The one stand-in skill the Discord tests keep: a command that answers only when the test
// releases it. No real skill can be held mid-command on purpose, and that is what proves the
// deferral (Discord's 3 s) and the follow-up that replaces it — publicly or to the author only.
import type { Skill } from '../../../src/core/skill.js';

export interface SlowSkill extends Skill {
  /** Lets the waiting `slow` command answer. */
  release(): void;
}

export function createSlowSkill(): SlowSkill {
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  return {
    id: 'slow',
    description: 'a command the test holds (test only)',
    release: () => {
      release();
      gate = new Promise<void>((r) => (release = r));
    },
    commands: [
      {
        command: 'slow',
        summary: 'Answers when the test releases it.',
        usage: 'slow [private]',
        examples: ['slow'],
        flags: [{ name: 'private', description: 'answer only to you' }],
        async run(_ctx, args) {
          await gate;
          return { text: 'Finally done.', ephemeral: args.flag('private') };
        },
      },
    ],
  };
}
