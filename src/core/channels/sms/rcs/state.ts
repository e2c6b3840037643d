/**
 * @module The RCS channel's run-time state: the tenant's RCS app ids (config `rcs.apps`, changeable
 * with `PUT /_emulator/rcs/settings`, kept in the state file) on the state MMS and RCS share.
 */

import type { ChannelContext } from '../../channel.js'
import { PhoneChannelState, senderListSchema } from '../phone-state.js'
import { rcsOutcomeTable } from './codes.js'
import type { RcsConfig } from './config.js'

/** The RCS slice of a state file. */
export const rcsSnapshotSchema = senderListSchema('apps')

export class RcsState extends PhoneChannelState<RcsConfig, 'apps'> {
  constructor(ctx: ChannelContext<RcsConfig>) {
    super(ctx, { channel: 'rcs', key: 'apps', label: 'RCS app id', table: rcsOutcomeTable })
  }
}
