/**
 * @module What every step gets: the driver and a client over it, the variables, which webhooks
 * earlier expectations have already looked at, and the scenario itself.
 */
import type { ScenarioDriver } from '../drivers/driver.js'
import type { EmulatorClient } from '../emulator-client.js'
import type { Scenario } from '../schema.js'
import type { Variables } from '../variables.js'

export interface StepContext {
  scenario: Scenario
  driver: ScenarioDriver
  client: EmulatorClient
  vars: Variables
  /** Delivery ids a webhook expectation has already looked at ("since: last" starts after them). */
  seen: Set<string>
  /** The service key for sends that name none. */
  key: string
}

export interface StepOutcome {
  /** What the step did, for the output line, e.g. "send to ann@x.test → 201". */
  label: string
  /** Why it failed, as diff lines; empty when it passed. */
  problems: string[]
}
