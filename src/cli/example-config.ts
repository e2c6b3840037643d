/**
 * @module The commented example config `init` writes. Every value here is a default or a harmless
 * example, so the file works as written; a test parses it with the config schema.
 */
export const exampleConfigFileName = 'webex-connect-emulator.jsonc'

export const exampleConfig = `{
  // Editors complete and check this file against the schema shipped with the package.
  "$schema": "./node_modules/webex-connect-emulator/webex-connect-emulator.schema.json",

  // Timestamps in receipts use the tenant's zone, e.g. "Asia/Kolkata" gives +05:30.
  "timeZone": "UTC",

  // Real-time speed factor: 10 plays a 1.5 s delivery in 150 ms. Leave 1 for realistic timing.
  "speed": 1,

  // A seed makes runs reproducible: the same seed, config and requests give the same message ids,
  // retry jitter and injected faults, so a failing run can be replayed. It also means every restart
  // reissues the ids of the run before, which collide with what your app stored from it; so it is
  // left out here (ids are then random). Uncomment it, or pass --seed, to replay a run.
  // "seed": 42,

  // Service keys accepted in the "key" header. Empty: any non-empty key is accepted.
  "serviceKeys": [],

  // Outcome rules for every channel, first match wins. Email outcomes: delivered, read, read-<n>,
  // clicked, slow, ooto, bounce, bounce-<subtype>, complaint, complaint-<type>, suppressed, hold
  // (see "Outcomes" in the README). SMS outcomes: delivered, slow, click, submitted (no report),
  // hold, fail-<code> or its name (sim-full, dnd, absent, expired, …); match numbers with
  // "number", "prefix" (digits), "glob" or "regex".
  "rules": [
    { "domain": "bounces.example.com", "outcome": "bounce" },
    { "glob": "*+vip@example.com", "outcome": "clicked" }
    // { "channel": "sms", "prefix": "+44 7700 900", "outcome": "sim-full" }
  ],

  // The email channel's settings.
  "email": {
    // In sandbox mode only verified addresses get mail; others fail with code 7522.
    "sandbox": { "enabled": false, "verified": ["me@example.com"] },
    // Bounced addresses stay on the bounce list this long (sends to them get 7240).
    "bounceRetention": "7d",
    // When each lifecycle step happens after the send.
    "delays": { "delivered": "1.5s", "read": "5s", "clicked": "8s" }
  },

  // The SMS channel's settings ("channel": "sms" on /v2/messages, and /v1/sms/messages). Test
  // numbers, in ranges reserved for fiction, pick their own fate: +44 7700 900NNN ends in a status
  // code's last three digits (+447700900207 is Un-Delivered 7207; 501 stays Submitted, 528 is
  // clicked, 8NN slow, 9NN held); see docs/sms.md.
  "sms": {
    // The tenant's "+E.164 format" option: true refuses numbers without "+" (400, code 7041).
    "e164": false,
    // Your tenant's sender ids (short codes, long codes, alphanumeric). When listed, any other
    // "from" fails every number with 7101; empty, any sender is accepted.
    "senders": [],
    // What happens to numbers no rule or test number decides.
    "defaultOutcome": "delivered",
    // When each lifecycle step happens after the message starts.
    "delays": { "submitted": 0, "delivered": "2s", "failed": "500ms", "clicked": "8s", "slow": "60s" },
    // Templates for "template": { "id": … } requests; $(name) is filled from substitutions.
    "templates": {
      // "otp": { "text": "Your code is $(code)" }
    },
    // What a flow of yours would do with keywords: an incoming SMS saying the keyword records the
    // sender's consent in a contact-policy group. The platform itself does nothing with STOP.
    "keywords": [
      // { "keyword": "STOP", "group": "marketing" }, { "keyword": "START", "group": "marketing", "consent": true }
    ]
  },

  "webhooks": {
    // Service-level webhook targets: every receipt goes here (plus each request's notifyUrl).
    // "format": "webhook" (outbound webhook) or "datastream"; "channels" keeps some channels
    // (["email"], ["sms"]); "events" filters by receipt name and opts into inbound events ("mo" —
    // an incoming email or SMS —, "unsubscribe", "subscribe" or "inbound" for all three).
    "targets": [
      // { "url": "http://127.0.0.1:3000/webhooks/email", "format": "webhook", "hubSecret": "change-me" }
    ],
    // The vendor's delivery rules: 10 s timeout, 3 retries 60 s apart.
    "timeout": "10s",
    "retries": 3,
    "retryDelay": "60s"
  }
}
`
