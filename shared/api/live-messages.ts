import {
  applyBoardDiff,
  diffBoard,
  isBoardShape,
  type BoardDiff,
  type BoardShape,
} from './board-diff';
import type { LtcBridge, LtcWireBridge } from './crm-api';
import type { Envelope } from './errors';

/** A live board result sent as what changed since the previous result on the same subscription. */
export interface BoardDiffMessage {
  ok: true;
  boardDiff: BoardDiff;
}

/**
 * What a bridge pushes for a live query: a whole result or error (an Envelope), or, for boards
 * across a process boundary, a BoardDiff against the previous result. `createCrmClient` turns
 * diffs back into whole boards, so no consumer of the typed API ever sees one.
 */
export type LiveMessage = Envelope<unknown> | BoardDiffMessage;

/** Whether a live query answers with a board, and so may be sent as diffs. */
export const isBoardQuery = (query: string) => query.startsWith('board/');

/**
 * The sending side of one board subscription: the first result goes whole, later ones as diffs
 * when that is smaller. `send` returns false when a message could not be delivered (it then
 * delivered an error instead), so the next board goes whole: the receiver has no base for a diff.
 */
export function sendingBoardDiffs(
  send: (message: LiveMessage) => boolean,
): (message: Envelope<unknown>) => void {
  let sent: BoardShape | undefined;
  return (message) => {
    const board = message.ok && isBoardShape(message.value) ? message.value : undefined;
    const diff = sent && board && diffBoard(sent, board);
    sent = send(diff ? { ok: true, boardDiff: diff } : message) ? board : undefined;
  };
}

/**
 * The receiving side of one subscription: keeps the last board and applies diffs to it, so
 * `receive` gets whole results as if none had been diffed. Messages that are not diffs pass as
 * they are.
 */
export function receivingBoardDiffs(
  receive: (message: Envelope<unknown>) => void,
): (message: LiveMessage) => void {
  let board: BoardShape | undefined;
  return (message) => {
    if (!('boardDiff' in message)) {
      board = message.ok && isBoardShape(message.value) ? message.value : undefined;
      receive(message);
    } else if (board) {
      board = applyBoardDiff(board, message.boardDiff);
      receive({ ok: true, value: board });
    } else {
      // Cannot happen while both sides follow the rules above; an error beats a wrong board.
      receive({
        ok: false,
        error: { type: 'InternalError', message: 'a board change arrived before its board' },
      });
    }
  };
}

/**
 * An in-process bridge (a dispatcher) as a host hands it across a boundary: boards go whole once,
 * then as diffs. Main's IPC forwards what its bridge sends as it is, so a bridge to a core on
 * another thread (whose side already diffs, serveBridge) and one in main both pass through it.
 */
export function sendingDiffs(bridge: LtcBridge): LtcWireBridge {
  return {
    invoke: (command, args) => bridge.invoke(command, args),
    subscribe(query, args, onMessage) {
      const send = (message: LiveMessage) => {
        onMessage(message);
        return true;
      };
      return bridge.subscribe(query, args, isBoardQuery(query) ? sendingBoardDiffs(send) : send);
    },
  };
}
