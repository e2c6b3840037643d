/**
 * @module The MMS channel's run-time state: the tenant's MMS-enabled numbers (config
 * `mms.senders`, changeable with `PUT /_emulator/mms/settings`, kept in the state file).
 */
import type { ChannelContext } from '../../channel.js'
import { PhoneChannelState, senderListSchema } from '../phone-state.js'
import { mmsOutcomeTable } from './codes.js'
import type { MmsConfig } from './config.js'

export const mmsSnapshotSchema = senderListSchema('senders')

export class MmsState extends PhoneChannelState<MmsConfig, 'senders'> {
  constructor(ctx: ChannelContext<MmsConfig>) {
    super(ctx, { channel: 'mms', key: 'senders', label: 'MMS-enabled number', table: mmsOutcomeTable })
  }
}
