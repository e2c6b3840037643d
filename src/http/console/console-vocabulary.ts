/**
 * @module The words the console offers that the server owns: the choices the manual-action API
 * accepts (manualActionSchema: any bounce subtype or complaint type) and the event names a webhook
 * target may list (targetInputSchema). The page gets them as data in the HTML, not baked into its
 * script, so a new channel adds its own here without rebuilding the console's code.
 */
import { bounceSubtypes, complaintTypes } from '../../core/channels/email/outcomes/outcome.js'
import { targetEventNames } from '../../core/schemas/config.js'

/**
 * What the console needs to know about the server's vocabulary, grouped by channel.
 * @example consoleVocabulary().email.bounceTypes // ['Permanent_General', 'Permanent_NoEmail', …]
 */
export function consoleVocabulary() {
  return {
    /** What a service-level webhook target's `events` may list. */
    targetEvents: [...targetEventNames],
    email: {
      /** Bounce subtypes a held recipient can be bounced with. */
      bounceTypes: [...bounceSubtypes],
      /** Complaint feedback types a held recipient can complain with. */
      complaintTypes: [...complaintTypes],
    },
  }
}

/** The JSON the page reads from `<script type="application/json" id="console-vocabulary">`. */
export type ConsoleVocabulary = ReturnType<typeof consoleVocabulary>
