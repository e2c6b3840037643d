/**
 * @module Contact policy at run time (`emulator.contactPolicy`, the control API, the MSW handle,
 * scenarios): consent groups and their members; each change is announced.
 */
import type { Clock } from '../kernel/clock.js'
import type {
  ConsentChannel,
  ConsentGroupInput,
  ConsentMember,
  ConsentMemberInput,
  ContactPolicy,
} from '../kernel/contact-policy.js'

export function createContactPolicyControls(policy: ContactPolicy, clock: Clock, changed: (what: string) => void) {
  return {
    /** Every group with its members. */
    groups: () => policy.groups(),
    /** Adds or replaces a group (with its members, when given). */
    putGroup(group: ConsentGroupInput) {
      policy.putGroup(group, clock.now())
      changed('contactPolicy')
      return policy.groups().find((g) => g.id === group.id)!
    },
    /** Whether `id` names no group while unknown groups are refused (`contactPolicy.unknownGroups: "reject"`). */
    refuses: (id: string): boolean => policy.refuses(id),
    removeGroup(id: string): boolean {
      const removed = policy.removeGroup(id)
      if (removed) changed('contactPolicy')
      return removed
    },
    /**
     * Records a member's consent in a group (the group is created, as a deny list, when new; with
     * `unknownGroups: "reject"` a 404 instead).
     */
    setConsent(groupId: string, member: ConsentMemberInput): ConsentMember {
      const set = policy.setMember(groupId, member, clock.now())
      changed('contactPolicy')
      return set
    },
    /** Forgets a member's record (every consent channel unless one is named). */
    removeConsent(groupId: string, address: string, channel?: ConsentChannel): boolean {
      const removed = policy.removeMember(groupId, address, channel)
      if (removed) changed('contactPolicy')
      return removed
    },
    /** Whether contact policy is on for the tenant (off: requests asking for a check get 9000). */
    get enabled(): boolean {
      return policy.enabled
    },
    setEnabled(on: boolean): void {
      policy.enabled = on
      changed('contactPolicy')
    },
  }
}

export type ContactPolicyControls = ReturnType<typeof createContactPolicyControls>
