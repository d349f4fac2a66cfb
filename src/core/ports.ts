// The ports: what the core and the skills need from the outside world, as interfaces.
// Infra implements Store, Scheduler, HttpRoutes, Metrics and Logger; each adapter
// implements ChatPort. Nothing here knows lowdb, express, prom-client or any chat SDK.
import type { ZodType } from 'zod';
import type { FileAttachment, Form, OutMessage } from './card.js';
import type { ChannelRef, MessageRef, PlatformId } from './types.js';

export type { Clock } from './clock.js';

// ---- store ------------------------------------------------------------------------------

export interface CollectionOptions<T> {
  /** Validates every record read from disk and every record written. */
  schema: ZodType<T>;
  /**
   * Which file a record lives in (default: one file). Put open records in a small hot
   * partition and closed ones in per-month archives, so a write costs the same after years.
   */
  partition?: (record: T) => string;
}

/** One collection of records keyed by `id`; reads are in memory, writes are durable. */
export interface Collection<T extends { id: string }> {
  /** The record with this id, if any. */
  get(id: string): T | undefined;
  /** Every record, in insertion order. */
  all(): T[];
  /** The records that match. */
  filter(pred: (r: T) => boolean): T[];
  /** Number of records. */
  readonly size: number;
  /** Stores a new record; rejects when the id exists. Resolves once it is on disk. */
  insert(record: T): Promise<T>;
  /** Allocates `<prefix>-<n>` from a durable sequence and stores `build(id)` atomically with it. */
  create(prefix: string, build: (id: string) => T): Promise<T>;
  /**
   * Replaces the record by `fn(current)` under the store's write lock (no lost updates).
   * If `fn` throws, nothing is stored and the error propagates. Rejects if the id is unknown.
   */
  update(id: string, fn: (current: T) => T): Promise<T>;
  /** Like update, but `fn` gets undefined for a new id. */
  upsert(id: string, fn: (current: T | undefined) => T): Promise<T>;
  /** Removes the record; resolves false when there was none. */
  delete(id: string): Promise<boolean>;
}

/** An append-only log (the audit trail): an append costs the same however long the log is. */
export interface Journal<T extends { id: string }> {
  /** Appends `build(n)` (n = 1, 2, … across the whole journal); resolves once it is on disk. */
  append(build: (n: number) => T): Promise<T>;
  /** Every record, oldest first. */
  all(): T[];
  /** The records that match. */
  filter(pred: (r: T) => boolean): T[];
  /** Number of records. */
  readonly size: number;
}

/** The durable store behind every skill. */
export interface Store {
  /** Opens an append-only journal (one JSON line per record, per partition file). */
  journal<T extends { id: string }>(name: string, opts: CollectionOptions<T>): Promise<Journal<T>>;
  /** Opens a collection: loads and validates its files (a corrupt file throws StoreCorruptError). */
  collection<T extends { id: string }>(name: string, opts: CollectionOptions<T>): Promise<Collection<T>>;
  /** Next number of a durable sequence (1, 2, …); never hands out a number twice. */
  nextSeq(name: string): Promise<number>;
  /** True when the data directory accepts a write right now. */
  healthy(): Promise<boolean>;
  /** Waits for in-flight writes, then releases the data directory. */
  close(): Promise<void>;
}

// ---- scheduler --------------------------------------------------------------------------

export interface JobInfo {
  id: string;
  kind: string;
  key?: string;
  due: Date;
  payload: unknown;
  attempt: number;
}

export interface ScheduleRequest {
  kind: string;
  due: Date;
  payload?: unknown;
  /** At most one pending job per key: scheduling again replaces its due time and payload. */
  key?: string;
  /** With a key: keep the existing pending job instead of replacing it. */
  keepExisting?: boolean;
}

export interface RecurringSpec {
  /** Unique name; also the durable key of its occurrences. */
  name: string;
  /** Five-field cron expression (minute hour day month weekday). */
  cron: string;
  /** IANA zone the expression is read in. */
  timezone: string;
  /** An occurrence missed while the bot was down still runs on start if it is at most this old (ms). */
  catchUpMs?: number;
  /** Runs once per occurrence. */
  run: (occurrence: Date) => Promise<void>;
}

/** Durable timers: jobs stored with a due time, run once by the due-job loop. */
export interface Scheduler {
  /** Registers the handler of a job kind (before start). Handlers must be idempotent. */
  handle(kind: string, handler: (job: JobInfo) => Promise<void>): void;
  /** Stores a job; it runs at `due` (or at the next start if the bot is down then). */
  schedule(req: ScheduleRequest): Promise<JobInfo>;
  /** Cancels the pending job with this key; false when there was none. */
  cancel(key: string): Promise<boolean>;
  /** The pending job with this key, if any. */
  pending(key: string): JobInfo | undefined;
  /** Registers a recurring job (before start). */
  recurring(spec: RecurringSpec): void;
  /** Runs every job due now; the loop calls it each second, tests call it after moving the clock. */
  tick(): Promise<number>;
}

// ---- http -------------------------------------------------------------------------------

export interface HttpRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** The raw body as text ('' when none). */
  body: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;

/** Routes skills add to the one HTTP server (express-style paths: `/incidents/:id/postmortem.md`). */
export interface HttpRoutes {
  /** Serves GET (and HEAD) on a path. */
  get(path: string, handler: HttpHandler): void;
  /** Serves POST on a path. */
  post(path: string, handler: HttpHandler): void;
}

// ---- metrics ----------------------------------------------------------------------------

export type Labels = Record<string, string>;

export interface CounterMetric {
  /** Adds `n` (default 1). */
  inc(labels?: Labels, n?: number): void;
}
export interface HistogramMetric {
  /** Records one observation. */
  observe(labels: Labels, value: number): void;
}
export interface GaugeSample {
  labels: Labels;
  value: number;
}

/** Prometheus-style metrics (prom-client behind it). */
export interface Metrics {
  /** A counter; the same name returns the same counter. */
  counter(name: string, help: string, labelNames?: string[]): CounterMetric;
  /** A histogram of seconds (or another unit with explicit buckets). */
  histogram(name: string, help: string, labelNames?: string[], buckets?: number[]): HistogramMetric;
  /** A gauge computed at scrape time. */
  gauge(name: string, help: string, labelNames: string[], collect: () => GaugeSample[]): void;
}

// ---- logging ----------------------------------------------------------------------------

/** Structured logger (pino behind it); objects first, message second. */
export interface Logger {
  /** Debug detail. */
  debug(obj: object | string, msg?: string): void;
  /** Normal operation. */
  info(obj: object | string, msg?: string): void;
  /** Something odd that did not fail. */
  warn(obj: object | string, msg?: string): void;
  /** A failure. */
  error(obj: object | string, msg?: string): void;
  /** A logger that adds these fields to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

// ---- chat -------------------------------------------------------------------------------

export interface ChatCapabilities {
  /** Can create a channel per incident (else a thread in the parent channel). */
  createChannels: boolean;
  /** Has forms/modals. */
  forms: boolean;
  /** Can show a message to one person only in a channel. */
  ephemeral: boolean;
  /** Reports reactions on messages. */
  reactions: boolean;
  /** Can upload a file. */
  files: boolean;
  /** Can edit a posted message in place. */
  editMessages: boolean;
}

export interface ChatUser {
  id: string;
  name: string;
  timezone?: string;
}

export interface CreateChannelRequest {
  /** Desired name; the adapter makes it valid and unique for its platform. */
  name: string;
  private?: boolean;
  topic?: string;
  /** Where a thread is opened when the platform (or the bot) cannot create channels. */
  parent?: ChannelRef;
  /** The message that starts the thread when a thread is used instead of a channel. */
  threadStarter?: OutMessage;
}

/** What a chat platform adapter offers to the core. Every method may reject; callers log and go on. */
export interface ChatPort {
  /** Which platform this is. */
  readonly platform: PlatformId;
  /** What it can do; the core falls back where it cannot. */
  readonly capabilities: ChatCapabilities;
  /** Posts a message; resolves to its reference for later edits. */
  post(channel: ChannelRef, msg: OutMessage): Promise<MessageRef>;
  /** Edits a posted message in place. */
  update(ref: MessageRef, msg: OutMessage): Promise<void>;
  /** Shows a message to one user in a channel (falls back to a DM where unsupported). */
  postEphemeral(channel: ChannelRef, userId: string, msg: OutMessage): Promise<void>;
  /** Sends a direct message to a user of this platform. */
  dm(userId: string, msg: OutMessage): Promise<MessageRef>;
  /** Creates a channel (or a thread under `parent`) and returns where to post. */
  createChannel(req: CreateChannelRequest): Promise<ChannelRef>;
  /** Adds users to a channel (no-op where membership is implicit). */
  invite(channel: ChannelRef, userIds: string[]): Promise<void>;
  /** Sets a channel's topic where the platform has one. */
  setTopic(channel: ChannelRef, topic: string): Promise<void>;
  /** Uploads a file into a channel (falls back to posting its text). */
  uploadFile(channel: ChannelRef, file: FileAttachment): Promise<void>;
  /** Looks up a user's name and zone (cached by the adapter). */
  lookupUser(userId: string): Promise<ChatUser | undefined>;
  /** Opens a form for a user outside a command (e.g. a standup prompt); false when unsupported. */
  openForm?(userId: string, form: Form, channel?: ChannelRef): Promise<boolean>;
}

// ---- outbound HTTP checks -----------------------------------------------------------------

export interface ProbeRequest {
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  timeoutMs: number;
  /** Statuses that count as up. */
  expectedStatus: number[];
  /** A substring the body must contain to count as up. */
  bodyMatch?: string;
}

export interface ProbeResult {
  ok: boolean;
  status?: number;
  /** Time to the response (or to the failure). */
  ms: number;
  /** Why it is down: a network error, a timeout, an unexpected status, a missing body match. */
  error?: string;
}

/** One HTTP health check (axios behind it), for status monitors. */
export interface HttpProbe {
  /** Runs the check; never rejects. */
  check(req: ProbeRequest): Promise<ProbeResult>;
}

// ---- outbound paging integrations ----------------------------------------------------------

/** What happened to a page, as the outside services understand it. */
export type OutboundAction = 'trigger' | 'acknowledge' | 'resolve';

export interface OutboundAlert {
  /** The page id; PagerDuty's `dedup_key`, Opsgenie's `alias`, the webhook's `page.id`. */
  id: string;
  action: OutboundAction;
  /** One line; trimmed to each service's limit. */
  summary: string;
  severity: 1 | 2 | 3 | 4;
  /** What raised it (a service id, `switchboard`, a monitor). */
  source: string;
  /** Extra fields for the receiving side (incident id, service, who acknowledged). */
  details?: Record<string, string>;
  /** A link back to Switchboard, when there is one. */
  url?: string;
}

/** One HTTP attempt of one delivery, reported as it finishes (secrets never included). */
export interface OutboundAttempt {
  integration: string;
  kind: 'pagerduty' | 'opsgenie' | 'webhook';
  /** 1-based. */
  attempt: number;
  /** HTTP status, when a response came. */
  status?: number;
  ok: boolean;
  /** Whether another attempt follows (and after how long). */
  retryInMs?: number;
  /** A short reason: `HTTP 503`, `ECONNREFUSED`, `timed out after 10000 ms`. */
  error?: string;
  ms: number;
}

export interface OutboundResult {
  integration: string;
  ok: boolean;
  attempts: number;
}

/** Outbound paging services (PagerDuty Events v2, Opsgenie, signed webhooks; axios behind it). */
export interface OutboundNotifier {
  /** Ids of the configured integrations that are on (their key is not empty). */
  available(): string[];
  /** Delivers one alert action to one integration with retries; reports each attempt; never rejects. */
  send(integrationId: string, alert: OutboundAlert, onAttempt?: (a: OutboundAttempt) => void | Promise<void>): Promise<OutboundResult>;
}
