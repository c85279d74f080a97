/** `resident`: what anyone may see (points) and what a woman does with her own requests. */
import * as activities from '../../backend/activities';
import * as oneTenN from '../../backend/one-ten-n';
import * as photos from '../../backend/photos';
import * as points from '../../backend/points';
import * as privacy from '../../backend/privacy';
import * as requests from '../../backend/requests';
import { createMain } from '../../backend/router';

export const main = createMain('resident', {
  whoami: (_input, caller) => requests.whoami(caller),
  listPoints: () => points.listPoints(),
  listNearbyPoints: ({ latitude, longitude }) => points.listNearbyPoints(latitude, longitude),
  getPoint: ({ code }) => points.getPointByCode(code),
  uploadPhoto: (input, caller) => photos.uploadPhoto(caller.openid, input),
  submitRequest: (input, caller) => requests.submitRequest(caller, input),
  listMyRequests: (_input, caller) => requests.listMyRequests(caller),
  getMyRequest: ({ requestId }, caller) => requests.getMyRequest(caller, requestId),
  sendMessage: ({ requestId, text, clientKey }, caller) => requests.sendMessage(caller, requestId, text, clientKey),
  withdraw: ({ requestId, reason }, caller) => requests.withdraw(caller, requestId, reason),
  rate: ({ requestId, rating, comment }, caller) => requests.rate(caller, requestId, rating, comment),
  reopen: ({ requestId, reason }, caller) => requests.reopen(caller, requestId, reason),
  subscribeUpdates: ({ requestId }, caller) => requests.subscribeUpdates(caller, requestId),
  getActivity: ({ activityId }, caller) => activities.getActivity(caller, activityId),
  signUp: ({ activityId, displayName }, caller) => activities.signUp(caller, activityId, displayName),
  cancelSignUp: ({ activityId }, caller) => activities.cancelSignUp(caller, activityId),
  getSurvey: ({ pointId }, caller) => oneTenN.getSurvey(caller, pointId),
  answerSurvey: ({ surveyId, answers }, caller) => oneTenN.answerSurvey(caller, surveyId, answers),
  myData: (_input, caller) => privacy.myData(caller),
  deleteMyData: (_input, caller) => privacy.deleteMyData(caller),
});
