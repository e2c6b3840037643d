/**
 * @module The two payload formats the vendor posts: outbound webhooks ("webhook", seed 000) and
 * data streams ("datastream", seed 001).
 */

/** The two payload formats the vendor posts. */
export const webhookFormats = ['webhook', 'datastream'] as const
/** `'webhook'` or `'datastream'`. */
export type WebhookFormat = (typeof webhookFormats)[number]
