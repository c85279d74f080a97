/** `resident`: what anyone may see (points) and what a woman does with her own requests. */
import * as points from '../../backend/points';
import * as requests from '../../backend/requests';
import { createMain } from '../../backend/router';

export const main = createMain('resident', {
  whoami: (_input, caller) => requests.whoami(caller),
  listPoints: () => points.listPoints(),
  getPoint: ({ code }) => points.getPointByCode(code),
  submitRequest: (input, caller) => requests.submitRequest(caller, input),
  listMyRequests: (_input, caller) => requests.listMyRequests(caller),
  getMyRequest: ({ requestId }, caller) => requests.getMyRequest(caller, requestId),
});
