// A fake Bot Connector on 127.0.0.1: what the Teams SDK talks to when the bot posts, edits,
// replies in a thread or opens a 1:1 chat. It records every call and answers like Teams does
// (numeric activity ids, so thread ids work), and can refuse to open chats as real Teams does
// for people who never installed the app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Conversation id without `;messageid=` (undefined for POST /v3/conversations). */
  conversationId?: string;
  /** Thread root the call was addressed to (`;messageid=` in the path, or replyToId). */
  threadId?: string;
  /** The activity id of an edit, or the id handed out for a new activity. */
  activityId?: string;
  body: any;
  authorization?: string;
}

export interface FakeConnector {
  /** http://127.0.0.1:<port> — the serviceUrl activities carry. */
  url: string;
  calls: ConnectorCall[];
  posts(conversationId?: string): ConnectorCall[];
  updates(activityId?: string): ConnectorCall[];
  /** Resolves with the first call that matches (waiting up to `ms`). */
  waitFor(pred: (c: ConnectorCall) => boolean, ms?: number): Promise<ConnectorCall>;
  /** Calls `fn` with every call as it arrives (benchmarks count replies without rescanning). */
  onCall(fn: (c: ConnectorCall) => void): void;
  /** Who may get a new 1:1 chat (Teams refuses people without the app); default nobody. */
  allowChatWith: Set<string>;
  /** Answers every call with this status instead (a failing Teams). */
  failWith?: number;
  /** Answers every call this much later (a slow Teams). */
  delayMs?: number;
  /** Statuses to refuse the next calls with, one per call (429: throttled), each with Retry-After: 0. */
  refuseNext: number[];
  stop(): Promise<void>;
}

/** Everything a person would read in a recorded message: its text and every text in its cards. */
export function visibleText(body: any): string {
  const out: string[] = [];
  const walk = (v: any) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'text' || k === 'title' || k === 'value' || k === 'label') && typeof x === 'string') out.push(x);
      else walk(x);
    }
  };
  walk(body);
  return out.join('\n');
}

/** The Adaptive Cards of a recorded message. */
export const cardsOf = (body: any): any[] => (body?.attachments ?? []).filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a: any) => a.content);

/** Every Action.Execute of a card (also inside ActionSets and ShowCards), by title. */
export function executeActions(card: any): Array<{ title: string; data: any }> {
  const found: Array<{ title: string; data: any }> = [];
  const walk = (v: any) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (v.type === 'Action.Execute') found.push({ title: v.title, data: v.data });
    Object.values(v).forEach(walk);
  };
  walk(card);
  return found;
}

const split = (raw: string) => {
  const m = /^(.*?);messageid=(\d+)$/.exec(raw);
  return m ? { conversationId: m[1], threadId: m[2] } : { conversationId: raw, threadId: undefined };
};

export async function startFakeConnector(): Promise<FakeConnector> {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  let seq = 1_700_000_000_000;
  const waiters: Array<() => void> = [];
  const listeners: Array<(c: ConnectorCall) => void> = [];
  const fake: FakeConnector = {
    onCall: (fn) => void listeners.push(fn),
    url: '',
    calls: [],
    allowChatWith: new Set(),
    refuseNext: [],
    posts: (conv) => fake.calls.filter((c) => c.method === 'POST' && c.conversationId !== undefined && (!conv || c.conversationId === conv)),
    updates: (id) => fake.calls.filter((c) => c.method === 'PUT' && (!id || c.activityId === id)),
    waitFor: (pred, ms = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake connector: no matching call within ${ms} ms; calls:\n${JSON.stringify(fake.calls, null, 1).slice(0, 4000)}`)), ms);
        const check = () => {
          const hit = fake.calls.find(pred);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      }),
    stop: async () => undefined,
  };
  const record = (c: ConnectorCall) => {
    fake.calls.push(c);
    listeners.forEach((l) => l(c));
    waiters.splice(0).forEach((w) => w());
  };
  app.use((_req, _res, next) => void setTimeout(next, fake.delayMs ?? 0));
  app.use((_req, res, next) => {
    const status = fake.refuseNext.shift();
    if (status) res.status(status).set('retry-after', '0').json({ error: { code: 'Throttled', message: 'refused on purpose' } });
    else next();
  });
  app.use((req, res, next) => (fake.failWith ? void res.status(fake.failWith).json({ error: { code: 'ServiceError', message: 'failing on purpose' } }) : next()));
  app.post('/v3/conversations/:conv/activities', (req, res) => {
    const { conversationId, threadId } = split(req.params.conv);
    const id = String(++seq);
    record({ method: 'POST', conversationId, threadId: threadId ?? req.body?.replyToId, activityId: id, body: req.body, authorization: req.headers.authorization });
    res.status(201).json({ id });
  });
  app.put('/v3/conversations/:conv/activities/:id', (req, res) => {
    const { conversationId, threadId } = split(req.params.conv);
    record({ method: 'PUT', conversationId, threadId, activityId: req.params.id, body: req.body, authorization: req.headers.authorization });
    res.status(200).json({ id: req.params.id });
  });
  app.post('/v3/conversations', (req, res) => {
    const member = req.body?.members?.[0]?.id as string | undefined;
    record({ method: 'POST', body: req.body, authorization: req.headers.authorization });
    if (!member || !fake.allowChatWith.has(member)) {
      res.status(403).json({ error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } });
      return;
    }
    res.status(201).json({ id: `a:chat-${member}`, activityId: '', serviceUrl: fake.url });
  });
  app.use((req, res) => void res.status(404).json({ error: { code: 'NotFound', message: `${req.method} ${req.path}` } }));
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () =>
    new Promise((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return fake;
}
