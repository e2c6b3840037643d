/**
 * @module The SMS status codes a receipt can carry past Submitted and Delivered, with the vendor's
 * description and delivery status (notes §3.1: D-CODES "SMS", D-SMSWH "Error Codes"). Where the
 * two pages disagree on the status, the code fails *before* the operator (Failed: the platform
 * refused it) or *at* the operator (Un-Delivered: an operator's delivery report) by D-CODES'
 * "Details" column, and the DR samples win over both (7107 is "Failed" in D-SMSWH's sample 3).
 * docs/decisions/010-sms.md.
 */

export interface SmsFailureCode {
  description: string
  status: 'Failed' | 'Un-Delivered'
}

/** Every failure code, by code. A Map: codes are looked up from user text. */
export const smsFailureCodes: ReadonlyMap<string, SmsFailureCode> = new Map([
  ['7004', { description: 'Invalid parameters/Values', status: 'Failed' }],
  ['7006', { description: 'Internal server error', status: 'Failed' }],
  ['7101', { description: 'Invalid Sender ID', status: 'Failed' }],
  ['7102', { description: 'Invalid address', status: 'Failed' }],
  ['7107', { description: 'Message length exceeded', status: 'Failed' }],
  ['7109', { description: 'User in DnD', status: 'Un-Delivered' }],
  ['7111', { description: 'Spam content detected', status: 'Un-Delivered' }],
  ['7201', { description: 'Delivery failed at Operator', status: 'Un-Delivered' }],
  ['7202', { description: 'Delivery failed at platform', status: 'Un-Delivered' }],
  ['7203', { description: 'Unknown Subscriber address', status: 'Un-Delivered' }],
  ['7204', { description: 'Insufficient Credits in subscriber account', status: 'Un-Delivered' }],
  ['7205', { description: 'Error in Binary message', status: 'Un-Delivered' }],
  ['7206', { description: "Can't deliver. Subscriber SIM Full", status: 'Un-Delivered' }],
  ['7207', { description: 'Subscriber out of coverage area or not reachable', status: 'Un-Delivered' }],
  ['7208', { description: 'Message expired', status: 'Un-Delivered' }],
  ['7209', { description: 'Unable to deliver multipart message', status: 'Un-Delivered' }],
  ['7210', { description: 'Billing Configuration error', status: 'Un-Delivered' }],
  ['7211', { description: 'Billing error at operator', status: 'Un-Delivered' }],
  ['7280', { description: 'Message deleted', status: 'Un-Delivered' }],
  ['7281', { description: 'Campaign error', status: 'Un-Delivered' }],
  ['7282', { description: 'Invalid route', status: 'Un-Delivered' }],
  ['7283', { description: 'Invalid operator or landline', status: 'Un-Delivered' }],
  ['7284', { description: 'Duplicate MT', status: 'Un-Delivered' }],
  ['7302', { description: 'Rate limit exceeded', status: 'Un-Delivered' }],
  ['7513', { description: 'Unregistered device', status: 'Un-Delivered' }],
  ['7518', { description: 'Unknown', status: 'Un-Delivered' }],
  ['7607', { description: 'Invalid message type', status: 'Un-Delivered' }],
  // Verbatim, typo included (D-CODES, US and Canada).
  ['7720', { description: 'Recipient blocked to receive messae', status: 'Un-Delivered' }],
])

/** Short names for failure codes in the outcome grammar (`fail-7207` works too). */
export const failureAliases: ReadonlyMap<string, string> = new Map([
  ['invalid-parameters', '7004'],
  ['internal-error', '7006'],
  ['invalid-sender', '7101'],
  ['invalid-address', '7102'],
  ['too-long', '7107'],
  ['dnd', '7109'],
  ['spam', '7111'],
  ['operator', '7201'],
  ['platform', '7202'],
  ['unknown-subscriber', '7203'],
  ['no-credit', '7204'],
  ['binary', '7205'],
  ['sim-full', '7206'],
  ['absent', '7207'],
  ['out-of-coverage', '7207'],
  ['expired', '7208'],
  ['multipart', '7209'],
  ['billing-config', '7210'],
  ['billing', '7211'],
  ['deleted', '7280'],
  ['campaign', '7281'],
  ['invalid-route', '7282'],
  ['landline', '7283'],
  ['duplicate', '7284'],
  ['rate-limited', '7302'],
  ['unregistered-device', '7513'],
  ['unknown', '7518'],
  ['invalid-message-type', '7607'],
  ['blocked', '7720'],
])
