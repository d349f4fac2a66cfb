import { it } from 'vitest';
import { buildCommands } from '../../src/adapters/discord/command-defs.js';
import { collectSpecs } from '../../src/register-discord.js';
import { exampleConfig } from '../helpers/config.js';
it('x', async () => {
  const { specs, describe } = await collectSpecs(exampleConfig());
  const { definitions } = buildCommands(specs, describe);
  for (const d of definitions) {
    let n = d.name.length + d.description.length;
    const walk = (o: any) => { n += o.name.length + o.description.length; for (const c of o.choices ?? []) n += c.name.length + c.value.length; for (const x of o.options ?? []) walk(x); };
    for (const o of d.options ?? []) walk(o);
    console.log(d.name, n, (d.options ?? []).map((o: any) => o.description.length).join(','));
  }
});
