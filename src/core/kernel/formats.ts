/**
 * @module The two payload formats the vendor posts: outbound webhooks ("webhook", seed 000) and
 * data streams ("datastream", seed 001).
 */

/** The two payload formats the vendor posts. */
export const webhookFormats = ['webhook', 'datastream'] as const
/** `'webhook'` or `'datastream'`. */
export type WebhookFormat = (typeof webhookFormats)[number]

/**
 * A receipt in the data-stream format (H-DS: the webhook payload plus `x-wx-gtrid` and
 * `dataIntegration`), in the key order of D-DS-SMS's sample: every channel's but those whose own
 * style option builds their own.
 */
export function dataStreamReceipt(
  f: { gtrid: string; serviceId: string; serviceName: string },
  deliveryInfoNotification: unknown,
): unknown {
  return {
    'x-wx-gtrid': f.gtrid,
    deliveryInfoNotification,
    dataIntegration: {
      context: {
        serviceId: f.serviceId,
        serviceName: f.serviceName,
        flowId: '',
        flowName: '',
        messagingAPI: 'true',
      },
      appContext: {},
    },
  }
}
