// Outbound paging integrations behind the OutboundNotifier port.
export { AxiosOutboundNotifier, type NotifierOptions } from './notifier.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export { signBody } from './webhook.js';
