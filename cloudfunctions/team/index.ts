/** `team`: the executive's and her members' workbench. */
import * as requests from '../../backend/requests';
import { createMain } from '../../backend/router';

export const main = createMain('team', {
  inbox: (_input, caller) => requests.inbox(caller),
  getRequest: ({ requestId }, caller) => requests.getTeamRequest(caller, requestId),
  accept: ({ requestId }, caller) => requests.acceptRequest(caller, requestId),
  reply: ({ requestId, text, internal }, caller) => requests.reply(caller, requestId, text, internal),
  resolve: ({ requestId, summary }, caller) => requests.resolve(caller, requestId, summary),
});
