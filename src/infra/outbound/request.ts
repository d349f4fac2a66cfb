// One outbound HTTP request as plain data, built once per delivery so every retry sends the
// same bytes (and the same webhook signature).

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  /** The JSON body, already serialised. */
  body: string;
}

export const USER_AGENT = 'switchboard-outbound/1';

/** Cuts text to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
