// The config: one zod schema (schema.ts and its sections) and its loader (load.ts).
export * from './schema.js';
export * from './load.js';
export * from './primitives.js';
export { CHANNEL_PURPOSES, PERMISSIONS, type Permission, type PersonConfig, type TeamConfig } from './org.js';
export { DEFAULT_SEVERITIES, type SlaTargetConfig, type ScheduleConfig, type LayerConfig, type EscalationPolicyConfig, type ServiceConfig } from './operations.js';
export { type ChangesConfig, type FreezeWindowConfig } from './changes.js';
export { type StatusConfig, type MonitorConfig, type HeartbeatConfig, type IntegrationsConfig } from './status.js';
export { type VendorConfig, type VendorSlaConfig } from './vendors.js';
export { BRIEFING_SECTIONS, DEFAULT_QUESTIONS, type StandupConfig, type BriefingConfig } from './rituals.js';
