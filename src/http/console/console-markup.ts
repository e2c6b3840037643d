/**
 * @module The console's static layout: header (connection, clock, sandbox, reset), the message
 * timeline on the left, tabs on the right. Forms live here so a live refresh never wipes what
 * someone is typing; the scripts only fill the containers marked with ids.
 */
export const consoleMarkup = `
<header>
  <h1>webex-connect-emulator</h1>
  <span id="live" title="Live updates from /_emulator/events">connecting…</span>
  <div class="group" aria-label="Clock">
    <span id="clock-mode" class="badge">clock</span>
    <span id="clock-time" title="Emulator time">–</span>
    <button data-do="advance" data-by="1m">+1m</button>
    <button data-do="advance" data-by="1h">+1h</button>
    <button data-do="advance" data-by="1d">+1d</button>
    <form class="group" data-form="advance"><input name="by" value="7d" aria-label="Advance by" required><button>Advance</button></form>
    <button id="clock-switch" data-do="clock-mode" hidden>switch</button>
  </div>
  <span class="spacer"></span>
  <label class="group"><input type="checkbox" id="sandbox-enabled" data-do="sandbox-toggle"> sandbox</label>
  <button class="danger" data-do="reset" title="Forget messages, deliveries and inbound events; restore the configured lists">Reset</button>
</header>
<div id="notice" role="alert" hidden><span id="notice-text"></span><button data-do="dismiss">dismiss</button></div>
<main aria-busy="true">
  <section class="pane" aria-label="Messages">
    <div class="pane-head">
      <h2>Messages <span id="messages-count" class="muted"></span></h2>
      <select id="messages-channel" aria-label="Filter by channel"></select>
      <input id="messages-filter" type="search" placeholder="filter by recipient" aria-label="Filter by recipient">
    </div>
    <div class="scroll"><ul id="messages"></ul></div>
  </section>
  <section class="pane">
    <nav class="tabs" role="tablist">
      <button role="tab" data-do="tab" data-tab="message" aria-selected="true">Message</button>
      <button role="tab" data-do="tab" data-tab="webhooks">Webhooks <span id="failed-count" class="badge s-failed" hidden></span></button>
      <button role="tab" data-do="tab" data-tab="suppression">Bounce list <span id="suppression-count" class="muted"></span></button>
      <button role="tab" data-do="tab" data-tab="unsubscribes">Unsubscribes <span id="unsubscribes-count" class="muted"></span></button>
      <button role="tab" data-do="tab" data-tab="sandbox">Sandbox</button>
      <button role="tab" data-do="tab" data-tab="inbound">Inbound <span id="inbound-count" class="muted"></span></button>
      <button role="tab" data-do="tab" data-tab="targets">Targets <span id="targets-count" class="muted"></span></button>
      <button role="tab" data-do="tab" data-tab="rules">Rules <span id="rules-count" class="muted"></span></button>
    </nav>
    <div class="scroll">
      <div class="tab" id="tab-message" role="tabpanel"><div id="detail"><div class="empty">Select a message on the left, or send one:<pre>curl -s -H 'key: dev' -H 'content-type: application/json' URL/v2/messages -d '{"channel":"email","from":"app@x.test","to":[{"email":["ann+hold@example.com"]}],"content":{"type":"html","subject":"Hello","html":"&lt;p&gt;Hi&lt;/p&gt;"}}'</pre></div></div>
        <section id="wa-conversation" aria-label="WhatsApp conversation" hidden>
          <h3 class="section">WhatsApp conversation <span id="wa-pair" class="muted"></span></h3>
          <div id="wa-window"></div>
          <ol id="wa-chat" class="wa-chat"></ol>
          <form class="inline" data-form="inbound-whatsapp" aria-label="The customer writes in">
            <select id="wa-user" name="waid" aria-label="Customer (waid)" hidden></select><input type="hidden" name="appId">
            <input name="text" class="grow" placeholder="what the customer writes" aria-label="Customer's message" required>
            <button class="primary">Customer writes</button>
          </form>
        </section>
      </div>

      <div class="tab" id="tab-webhooks" role="tabpanel" hidden>
        <div class="row">
          <label>state <select id="webhooks-state" aria-label="Delivery state">
            <option value="">all</option><option value="failed">failed</option><option value="pending">pending</option>
            <option value="in-flight">in flight</option><option value="delivered">delivered</option></select></label>
          <span class="grow"></span>
          <button data-do="replay-all">Replay all failed</button>
        </div>
        <div id="webhooks"></div>
      </div>

      <div class="tab" id="tab-suppression" role="tabpanel" hidden>
        <form class="inline" data-form="suppress" aria-label="Add to the bounce list">
          <input name="address" placeholder="address" aria-label="Address to suppress" required>
          <input name="for" placeholder="for (7d, never)" aria-label="Suppress for" size="12">
          <input name="reason" placeholder="reason" aria-label="Reason" size="14">
          <button>Add</button>
        </form>
        <div id="suppression"></div>
      </div>

      <div class="tab" id="tab-unsubscribes" role="tabpanel" hidden>
        <form class="inline" data-form="unsubscribe" aria-label="Add an unsubscribe">
          <input name="sender" placeholder="sender" aria-label="Sender" required>
          <input name="address" placeholder="address" aria-label="Unsubscribed address" required>
          <button>Add</button>
        </form>
        <div id="unsubscribes"></div>
      </div>

      <div class="tab" id="tab-sandbox" role="tabpanel" hidden>
        <p class="muted">In sandbox mode, mail to addresses (or @domains) that are not verified fails with 7522 Not Verified.</p>
        <form class="inline" data-form="verify" aria-label="Verify an address">
          <input name="address" placeholder="address or @domain" aria-label="Address to verify" required>
          <button>Verify</button>
        </form>
        <div id="sandbox"></div>
      </div>

      <div class="tab" id="tab-inbound" role="tabpanel" hidden>
        <h3 class="section">Incoming email (MO)</h3>
        <form class="stack" data-form="inbound-email" aria-label="Inject an incoming email">
          <label for="in-from">from</label><input id="in-from" name="from" placeholder="customer@example.com" required>
          <label for="in-to">to</label><input id="in-to" name="to" placeholder="support@your-app.test (comma-separated)" required>
          <label for="in-subject">subject</label><input id="in-subject" name="subject">
          <label for="in-text">text</label><textarea id="in-text" name="text" rows="3"></textarea>
          <span></span><div><button class="primary">Inject email</button></div>
        </form>
        <h3 class="section">Incoming SMS (MO)</h3>
        <form class="stack" data-form="inbound-sms" aria-label="Inject an incoming SMS">
          <label for="mo-from">from</label><input id="mo-from" name="from" placeholder="customer's number, e.g. 447700900123" required>
          <label for="mo-to">to</label><input id="mo-to" name="to" placeholder="your long code or short code" required>
          <label for="mo-text">text</label><textarea id="mo-text" name="text" rows="2"></textarea>
          <span></span><div><button class="primary">Inject SMS</button></div>
        </form>
        <h3 class="section">Incoming WhatsApp message (MO)</h3>
        <form class="stack" data-form="inbound-whatsapp" aria-label="Inject an incoming WhatsApp message">
          <label for="wa-from">waid</label><input id="wa-from" name="waid" placeholder="customer's WhatsApp number, e.g. 447700900002" required>
          <label for="wa-app">app</label><input id="wa-app" name="appId" placeholder="empty: the first of whatsapp.apps">
          <label for="wa-text">text</label><textarea id="wa-text" name="text" rows="2" required></textarea>
          <span></span><div><button class="primary">Inject WhatsApp message</button> <span class="muted">opens the 24-hour window</span></div>
        </form>
        <h3 class="section">Unsubscribe / subscribe</h3>
        <form class="inline" data-form="subscription" aria-label="Inject an unsubscribe or subscribe">
          <input name="from" placeholder="customer address" aria-label="Customer address" required>
          <input name="senderId" placeholder="sender address" aria-label="Sender address" required>
          <button name="kind" value="unsubscribe">Unsubscribe</button>
          <button name="kind" value="subscribe">Subscribe</button>
        </form>
        <h3 class="section">Injected events</h3>
        <div id="inbound"></div>
      </div>

      <div class="tab" id="tab-targets" role="tabpanel" hidden>
        <p class="muted">Service-level webhook targets: every message's receipts (and, when their events ask for it, inbound events) are posted to each, besides a request's own notifyUrl.</p>
        <div id="targets"></div>
        <form class="stack card" data-form="change-target" aria-label="Change a webhook target" hidden>
          <h3 class="full section">Change target <code id="tc-id"></code> <span id="tc-url" class="muted"></span></h3>
          <label for="tc-format">new format</label><select id="tc-format" name="format"><option>webhook</option><option>datastream</option></select>
          <label for="tc-events">new events</label><input id="tc-events" name="events" placeholder="empty: every receipt">
          <label for="tc-secret">new hub secret</label><input id="tc-secret" name="hubSecret" placeholder="empty: unchanged" autocomplete="off">
          <span></span><label><input type="checkbox" name="clearSecret"> remove the hub secret (unsigned)</label>
          <span></span><div><button class="primary">Save changes</button> <button type="button" data-do="cancel-target">Cancel</button></div>
        </form>
        <h3 class="section">Add a target</h3>
        <form class="stack" data-form="add-target" aria-label="Add a webhook target">
          <label for="tg-url">url</label><input id="tg-url" name="url" placeholder="http://127.0.0.1:3000/webhooks" required>
          <label for="tg-format">format</label><select id="tg-format" name="format"><option>webhook</option><option>datastream</option></select>
          <label for="tg-events">events</label><input id="tg-events" name="events" placeholder="empty: every receipt; or e.g. delivered, bounce, inbound">
          <label for="tg-secret">hub secret</label><input id="tg-secret" name="hubSecret" placeholder="empty: unsigned" autocomplete="off">
          <label for="tg-headers">headers</label><textarea id="tg-headers" name="headers" rows="2" placeholder="Authorization: Bearer abc (one per line)"></textarea>
          <span></span><div><button class="primary">Add target</button></div>
          <span></span><p class="muted hint">events (comma-separated): <span id="target-events"></span></p>
        </form>
      </div>

      <div class="tab" id="tab-rules" role="tabpanel" hidden>
        <p class="muted">Outcome rules decide what happens to matching recipients, before magic addresses (<code>+bounce</code>…) and the default outcome. They are tried in order; the first match wins.</p>
        <form class="inline" data-form="add-rule" aria-label="Add an outcome rule">
          <select name="matcher" aria-label="Matcher"><option>domain</option><option>address</option><option>glob</option><option>regex</option></select>
          <input name="value" placeholder="example.com" aria-label="Match value" required>
          <input name="outcome" list="outcomes" placeholder="outcome" aria-label="Outcome" required size="18">
          <datalist id="outcomes">
            <option value="delivered"><option value="read"><option value="clicked"><option value="slow"><option value="ooto"><option value="hold">
            <option value="bounce"><option value="bounce-mailboxfull"><option value="complaint"><option value="complaint-abuse"><option value="suppressed">
          </datalist>
          <button>Add rule</button>
        </form>
        <div id="rules"></div>
      </div>
    </div>
  </section>
</main>
`
