/** App-wide events between screens (Taro.eventCenter), named once. */

/** The caller joined or left a team: screens that show her memberships (whoami) load them again. */
export const MEMBERSHIPS_CHANGED = 'memberships-changed';
