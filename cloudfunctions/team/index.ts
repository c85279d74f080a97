/** `team`: the executive's and her members' workbench. */
import * as activities from '../../backend/activities';
import * as oneTenN from '../../backend/one-ten-n';
import * as requests from '../../backend/requests';
import { createMain } from '../../backend/router';
import * as team from '../../backend/team';

export const main = createMain('team', {
  inbox: (_input, caller) => requests.inbox(caller),
  getRequest: ({ requestId }, caller) => requests.getTeamRequest(caller, requestId),
  accept: ({ requestId }, caller) => requests.acceptRequest(caller, requestId),
  reply: ({ requestId, text, internal, clientKey }, caller) => requests.reply(caller, requestId, text, internal, clientKey),
  resolve: ({ requestId, summary }, caller) => requests.resolve(caller, requestId, summary),
  reassign: ({ requestId, memberId, reason }, caller) => requests.reassign(caller, requestId, memberId, reason),
  transfer: ({ requestId, toPointId, reason }, caller) => requests.transfer(caller, requestId, toPointId, reason),
  refer: ({ requestId, agency, note, clientKey }, caller) => requests.refer(caller, requestId, agency, note, clientKey),
  recordReferralOutcome: ({ requestId, outcome }, caller) => requests.recordReferralOutcome(caller, requestId, outcome),
  extend: ({ requestId, days, reason }, caller) => requests.extend(caller, requestId, days, reason),
  getTeam: ({ pointId }, caller) => team.getTeam(caller, pointId),
  setAway: ({ awayUntil }, caller) => team.setAway(caller, awayUntil),
  createInvite: (input, caller) => team.createInvite(caller, input),
  listInvites: ({ pointId }, caller) => team.listInvites(caller, pointId),
  getInvite: ({ code }) => team.getInvite(code),
  joinTeam: ({ code, name }, caller) => team.joinTeam(caller, code, name),
  removeMember: ({ memberId }, caller) => team.removeMember(caller, memberId),
  updateMember: (input, caller) => team.updateMember(caller, input),
  handover: ({ pointId, memberId }, caller) => team.handover(caller, pointId, memberId),
  subscribe: (_input, caller) => team.subscribe(caller),
  setRoutingOverride: ({ pointId, category, memberIds }, caller) => team.setRoutingOverride(caller, pointId, category, memberIds),
  createActivity: (input, caller) => activities.createActivity(caller, input),
  cancelActivity: ({ activityId, reason }, caller) => activities.cancelActivity(caller, activityId, reason),
  listActivities: ({ pointId }, caller) => activities.listActivities(caller, pointId),
  listSignUps: ({ activityId }, caller) => activities.listSignUps(caller, activityId),
  recordAttendance: (input, caller) => activities.recordAttendance(caller, input),
  listContacts: ({ pointId }, caller) => oneTenN.listContacts(caller, pointId),
  addContact: (input, caller) => oneTenN.addContact(caller, input),
  logContact: (input, caller) => oneTenN.logContact(caller, input),
  saveSurvey: (input, caller) => oneTenN.saveSurvey(caller, input),
  publishSurvey: ({ pointId }, caller) => oneTenN.publishSurvey(caller, pointId),
  closeSurvey: ({ pointId }, caller) => oneTenN.closeSurvey(caller, pointId),
  surveySummary: ({ pointId }, caller) => oneTenN.surveySummary(caller, pointId),
  exportSurvey: ({ pointId, format }, caller) => oneTenN.exportSurvey(caller, pointId, format),
});
