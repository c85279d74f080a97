/** `county`: county federation staff — response-time targets, escalated requests (督办) and the dashboard. */
import * as county from '../../backend/county';
import * as oneTenN from '../../backend/one-ten-n';
import * as points from '../../backend/points-admin';
import { createMain } from '../../backend/router';

export const main = createMain('county', {
  getSla: (_input, caller) => county.getSla(caller),
  setSla: ({ policy }, caller) => county.setSla(caller, policy),
  setRetention: ({ days }, caller) => county.setRetention(caller, days),
  listEscalations: (_input, caller) => county.listEscalations(caller),
  getRequest: ({ requestId }, caller) => county.getRequest(caller, requestId),
  urge: ({ requestId, note }, caller) => county.urge(caller, requestId, note),
  reassignToPoint: ({ requestId, toPointId, reason }, caller) => county.reassignToPoint(caller, requestId, toPointId, reason),
  close: ({ requestId, note }, caller) => county.close(caller, requestId, note),
  dashboard: (input, caller) => county.dashboard(caller, input),
  export: (input, caller) => county.exportReport(caller, input),
  progress: ({ year }, caller) => oneTenN.progress(caller, year),
  listPoints: (_input, caller) => points.listPoints(caller),
  createPoint: (input, caller) => points.createPoint(caller, input),
  updatePoint: (input, caller) => points.updatePoint(caller, input),
  setPointActive: ({ pointId, active }, caller) => points.setPointActive(caller, pointId, active),
  plaque: ({ pointId }, caller) => points.plaque(caller, pointId),
  reissueExecutiveInvite: ({ pointId, clientKey }, caller) => points.reissueExecutiveInvite(caller, pointId, clientKey),
  uploadDisplayImage: (input, caller) => points.uploadDisplayImage(caller, input),
});
