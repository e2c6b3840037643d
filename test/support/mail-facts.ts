import type { MailFacts } from '../../src/core/channels/email/lifecycle.js'

/** An HTML email with opens and clicks tracked, as the email planners see one recipient of it. */
export const htmlMail: MailFacts = {
  destination: 'ann@customer.test',
  sender: 'news@brand.test',
  isHtml: true,
  clickUrl: 'https://shop.test/a',
  trackOpens: true,
  trackClicks: true,
  recipientLimit: 50,
}
