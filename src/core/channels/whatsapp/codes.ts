/**
 * @module The WhatsApp status codes a Failed receipt can carry (notes §3.2: D-CODES "WhatsApp",
 * "Error descriptions for each state are sent in additional info in the webhook"), with the Meta
 * error the vendor puts in `additionalInfo` where a sample shows one (D-WAWH, D-WAFAQ, D-CODES).
 */

export interface WaFailureCode {
  description: string
  /** `additionalInfo` as the vendor's samples show it ("(#<meta code>)  | <meta text>"), or "". */
  additionalInfo: string
}

/** D-WAFAQ's 7710 sample. */
const reengagementInfo =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number'

const rows: Array<[string, string, string?]> = [
  ['7010', 'Service provider exception'],
  ['7011', 'Unknown Exception'],
  // D-CODES row 7200's example.
  [
    '7200',
    'Unknown Status',
    '(#131049)  | In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
  ],
  ['7701', 'Media download error'],
  ['7703', 'Business eligibility - Payment issue'],
  ['7704', 'Message is not valid'],
  ['7705', 'Message expired'],
  ['7706', 'Rate limit hit'],
  ['7707', 'Unsigned certificate'],
  ['7710', 'Re-engagement message', reengagementInfo],
  ['7711', 'Spam Rate limit hit'],
  ['7712', "User's number is part of an experiment"],
  ['7713', 'Generic error'],
  ['7714', 'Message too long', 'Length of the message exceeds 4096 characters'],
  ['7715', 'Invalid recipient type'],
  ['7717', 'Resource already exists'],
  ['7721', 'Required parameter is missing'],
  ['7722', 'Parameter value is not valid. The namespace does not correspond to the WABA id.'],
  ['7723', 'Parameter is not required'],
  ['7726', 'User is not valid'],
  ['7727', 'Internal error'],
  ['7729', 'System overloaded'],
  ['7730', 'Not Primary Master'],
  ['7731', 'Not Primary Coreapp'],
  ['7733', 'Bad User'],
  ['7736', 'Generic error'],
  ['7802', 'A user_identity_changedsystem notification requires acknowledgement'],
  ['7803', 'Sender account has been locked'],
  ['7804', 'Template Param Count Mismatch'],
  ['7805', 'Template Missing'],
  ['7808', 'Template Param Length Too Long'],
  ['7809', 'Template Hydrated Text Too Long'],
  ['7811', 'Template Format Character Policy Violated'],
  ['7812', 'Template Required Component Missing'],
  ['7813', 'Template Invalid Hydrated URL'],
  ['7814', 'Template Media Format Unsupported'],
  ['7815', 'Template Invalid Phone Number'],
  ['7816', 'Template Parameter Format Mismatch'],
  ['7819', 'Invalid number of sections'],
  ['7820', 'Invalid number of rows'],
  ['7821', 'Character Policy Violated'],
  ['7830', 'Invalid Header Structure'],
  ['7832', 'AuthException. We were unable to authenticate the app user.'],
  ['7833', 'API Unknown. Invalid request or possible server error.'],
  ['7834', 'API Service. Temporary due to downtime or due to being overloaded.'],
  ['7835', 'API Method. Capability or permissions issue.'],
  ['7836', 'API Too Many Calls'],
  ['7837', 'API Permission Denied. Permission is either not granted or has been removed.'],
  // D-WAWH's Failed sample.
  [
    '7838',
    'Parameter is invalid. The request included one or more unsupported or misspelled parameters.',
    '(#100)  | Recipient is a BSUID but the feature is not enabled.',
  ],
  ['7839', 'Access token has expired'],
  ['7840', 'Permission is either not granted or has been removed.'],
  ['7842', 'Temporarily blocked for policies violations'],
  ['7845', 'Rate limit hit. Cloud API message throughput has been reached.'],
  ['7846', 'Service Overloaded'],
  ['7849', 'Template does not exist'],
  ['7854', 'Server Temporarily Unavailable'],
  ['7860', 'Account has been locked'],
  ['7861', 'Unsupported mime type'],
  ['7862', 'Hash mismatch'],
  ['7863', 'Generic user error'],
  ['7865', 'Phone number Not Registered'],
  ['7868', 'Template is Disabled'],
  ['7869', 'Template is Paused'],
  ['7870', 'Business Account in maintenance mode'],
  ['7871', 'Message Undeliverable'],
  ['7872', "User's number is part of an experiment"],
  ['7874', '(Business Account, Consumer Account) pair rate limit hit'],
]

/** Every failure code, by code. */
export const waFailureCodes: ReadonlyMap<string, WaFailureCode> = new Map(
  rows.map(([code, description, additionalInfo = '']) => [code, { description, additionalInfo }]),
)

/** Short names of the outcome grammar. */
export const waFailureAliases: ReadonlyMap<string, string> = new Map([
  ['re-engagement', '7710'],
  ['window-closed', '7710'],
  ['too-long', '7714'],
  ['hash-mismatch', '7862'],
  ['not-registered', '7865'],
  ['undeliverable', '7871'],
  ['media-error', '7701'],
  ['rate-limit', '7706'],
  ['healthy-ecosystem', '7200'],
  ['bsuid-not-enabled', '7838'],
  ['template-missing', '7849'],
  ['param-mismatch', '7804'],
])
