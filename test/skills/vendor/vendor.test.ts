// Vendor contacts: the `vendor` card by service or vendor, and escalation from an incident —
// the button on the card, the timeline entry, the contact posted in the incident channel.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cardCommands } from '../../../src/core/card.js';
import { parseConfigText } from '../../../src/core/config/index.js';
import { cardToText } from '../../../src/core/text.js';
import { incidentCard } from '../../../src/skills/incident/cards.js';
import { severityTable } from '../../../src/skills/incident/severities.js';
import * as t from '../../../src/skills/incident/transitions.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { exampleConfig } from '../../helpers/config.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { messageId, printed, stored } from '../incident/helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const CH = '#inc-1-card-payments-declined';

describe('vendor command', () => {
  it('shows the card of a vendor, by id or name, or of the vendor behind a service', async () => {
    h = await startConsoleApp();
    const byService = await h.say('vendor payments');
    expect(byService).toContain('📇 Acme Payments (acme-pay)');
    expect(byService).toContain('Phone: +1 800 555 0142');
    expect(byService).toContain('Contract: ACME-2026-0042');
    expect(byService).toContain('Support hours: 24/7 for P1, business hours (US Eastern) otherwise');
    expect(byService).toContain('Their SLA: response within 30m · resolve within 8h 00m — P1 by phone only; quote the contract id');
    expect(byService).toContain('Services: Payment processing');
    expect(byService).toContain('[Open a support case] → https://support.acmepay.example/tickets/new');
    expect(await h.say('vendor "Acme Payments"')).toBe(byService);
    expect(await h.say('vendor acme-pay')).toBe(byService);
    expect(await h.say('vendor vaultline')).toContain('Their SLA: Business plan: first response within 4 business hours');
    expect(await h.say('vendor')).toContain('Vendors (2)\nAcme Payments (acme-pay) · Payment processing · +1 800 555 0142\nVaultline backup storage (vaultline) · Nightly backups');
  });

  it('a service without a vendor says so; an unknown name lists both', async () => {
    h = await startConsoleApp();
    expect(await h.say('vendor api')).toBe('No vendor is linked to Public API (vendors[].services in the config). Vendors: acme-pay, vaultline.\n');
    expect(await h.say('vendor nope')).toBe(
      '⚠️ No vendor or service "nope". Vendors: acme-pay, vaultline. Services: api, web, payments, backups.\nUsage: vendor [service|vendor]\nExample: vendor payments\n',
    );
  });
});

describe('escalating an incident to its vendor', () => {
  it('the card offers it; escalating is a timeline entry and posts the contact into the incident channel', async () => {
    h = await startConsoleApp();
    const declared = await h.say('incident declare sev2 "Card payments declined" service:payments');
    const cardId = messageId(declared, CH, '🔥 INC-1 · Card payments declined');
    expect(printed(declared, CH, cardId)[0]).toContain('[Escalate to vendor] → incident vendor INC-1');
    h.clock.advance('3m');
    const out = await h.say(`as bob in ${CH} incident vendor`);
    const contact = printed(out, CH, messageId(out, CH, '📞 INC-1 escalated to Acme Payments'))[0];
    expect(contact).toContain('Bob Okafor escalated INC-1 to Acme Payments. Quote contract ACME-2026-0042 and INC-1. Their first response is due by 04:33 EST.');
    expect(contact).toContain('Phone: +1 800 555 0142');
    expect(contact).toContain('Email: escalations@acmepay.example');
    expect(printed(out, CH, cardId).join('\n')).toContain('📞 Escalated to Acme Payments (contract ACME-2026-0042) — Bob Okafor (console)');
    expect(out).toContain('📞 INC-1 escalated to Acme Payments; their contact is posted in the incident channel.');
    const rec = await stored(h.dataDir, 'INC-1');
    expect(rec.timeline.at(-1)).toMatchObject({ kind: 'vendor', at: '2026-11-21T09:03:00.000Z', text: 'Escalated to Acme Payments (contract ACME-2026-0042)', ref: 'vendor:acme-pay', by: { personId: 'bob' } });
    // A double click changes nothing; the postmortem has the escalation.
    expect(await h.say('incident vendor INC-1')).toContain('⚠️ INC-1 was escalated to Acme Payments 0s ago by Bob Okafor');
    expect((await stored(h.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'vendor')).toHaveLength(1);
    await h.say('incident resolve INC-1 Acquirer fixed it');
    const md = await (await fetch(`${h.app.url}/incidents/INC-1/postmortem.md`)).text();
    expect(md).toContain('| Bob Okafor (console) | 📞 Escalated to Acme Payments (contract ACME-2026-0042) |');
    expect(await h.say('incident vendor INC-1')).toMatch(/INC-1 was resolved .* ago; escalate a new problem in a new incident\./);
  });

  it('without a linked vendor, names the choices; a named vendor works on any incident', async () => {
    h = await startConsoleApp();
    const declared = await h.say('incident declare sev3 "API slow" service:api');
    expect(declared).not.toContain('Escalate to');
    expect(await h.say('incident vendor INC-1')).toContain('⚠️ No vendor is linked to INC-1 (its service api). Name one: acme-pay, vaultline.');
    expect(await h.say('incident vendor INC-1 zzz')).toContain('⚠️ No vendor "zzz". Vendors: acme-pay, vaultline.');
    expect((await stored(h.dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'vendor')).toHaveLength(0);
    expect(await h.say('incident vendor INC-1 vaultline')).toContain('📞 INC-1 escalated to Vaultline backup storage');
  });

  it('a service with two vendors gets a button for each', () => {
    const text = readFileSync('config/switchboard.yaml', 'utf8').replace('services: [backups]', 'services: [backups, payments]');
    const config = parseConfigText(text, {});
    const inc = t.declare({ id: 'INC-4', title: 'x', severity: 'sev3', serviceId: 'payments', private: false, channelName: 'inc-4', members: [], accounts: [], by: { platform: 'console', userId: 'alice', name: 'Alice' }, now: new Date() });
    const card = incidentCard(inc, { severities: severityTable(config), serviceName: (s) => s, name: (s) => s, people: [], zone: 'UTC', now: new Date(), vendors: (s) => config.vendors.filter((v) => v.services.includes(s)) });
    expect(cardCommands(card).filter((c) => c.startsWith('incident vendor'))).toEqual(['incident vendor INC-4 acme-pay', 'incident vendor INC-4 vaultline']);
    expect(cardToText(card, { showCommands: true })).toContain('[Escalate to Acme Payments] → incident vendor INC-4 acme-pay');
    expect(exampleConfig().vendors.map((v) => v.id)).toEqual(['acme-pay', 'vaultline']);
  });
});
