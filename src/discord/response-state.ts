/**
 * Where an interaction's response stands, and what each operation of the Responder does in each
 * state. Discord accepts exactly one first response (a reply, a deferral, or for a button an
 * update); everything after it is an edit of that response or a follow-up message. The table
 * below is the whole of that rule; responder.ts only carries out the steps it names.
 */

export type ResponseState =
  /** Nothing sent yet. */
  | { kind: 'fresh' }
  /** "<bot> is thinking…": a deferred reply, public or private (fixed by the deferral). */
  | { kind: 'deferred'; ephemeral: boolean }
  /** A button click acknowledged without a message; the message it is on can still be edited. */
  | { kind: 'deferredUpdate' }
  /** The person sees a response. */
  | { kind: 'replied' }
  /** The first response failed in a way that leaves Discord's side unknown: nothing more is sent. */
  | { kind: 'lost' };

export type Operation =
  | { op: 'defer'; private: boolean }
  | { op: 'deferUpdate' }
  | { op: 'send'; private: boolean }
  | { op: 'update' }
  /** A private message about the bot itself (an error, a cooldown, a refusal). */
  | { op: 'notice' }
  | { op: 'followUp'; private: boolean };

export type FirstCall = 'reply' | 'deferReply' | 'update' | 'deferUpdate';

export type Step =
  /** The first response (an interaction callback): at most once, checked when its fate is unknown. */
  | { do: 'first'; call: FirstCall; ephemeral: boolean }
  /** Edit the response (PATCH @original): idempotent, repeated on failure. */
  | { do: 'edit' }
  /** A new message: never repeated when its fate is unknown. */
  | { do: 'followUp'; ephemeral: boolean }
  /** A public "thinking…" must not turn into a private notice for everyone: delete it, then follow up privately. */
  | { do: 'replacePlaceholder' }
  | { do: 'nothing' }
  | { do: 'refuse'; reason: string };

export interface Transition {
  step: Step;
  next: ResponseState;
}

const FRESH: ResponseState = { kind: 'fresh' };
const REPLIED: ResponseState = { kind: 'replied' };
const LOST: ResponseState = { kind: 'lost' };

type Row = { [K in Operation['op']]: (state: ResponseState, operation: Extract<Operation, { op: K }>) => Transition };

const stay = (step: Step) => (state: ResponseState): Transition => ({ step, next: state });
const refuse = (reason: string) => stay({ do: 'refuse', reason });

/** After the first response, sending again means a new message; a notice is always private. */
const afterFirst: Omit<Row, 'update'> = {
  defer: stay({ do: 'nothing' }),
  deferUpdate: stay({ do: 'nothing' }),
  send: (state, o) => ({ step: { do: 'followUp', ephemeral: o.private }, next: state }),
  notice: stay({ do: 'followUp', ephemeral: true }),
  followUp: (state, o) => ({ step: { do: 'followUp', ephemeral: o.private }, next: state }),
};

export const TRANSITIONS: { readonly [K in ResponseState['kind']]: Row } = {
  fresh: {
    defer: (_s, o) => ({ step: { do: 'first', call: 'deferReply', ephemeral: o.private }, next: { kind: 'deferred', ephemeral: o.private } }),
    deferUpdate: () => ({ step: { do: 'first', call: 'deferUpdate', ephemeral: false }, next: { kind: 'deferredUpdate' } }),
    send: (_s, o) => ({ step: { do: 'first', call: 'reply', ephemeral: o.private }, next: REPLIED }),
    update: () => ({ step: { do: 'first', call: 'update', ephemeral: false }, next: REPLIED }),
    notice: () => ({ step: { do: 'first', call: 'reply', ephemeral: true }, next: REPLIED }),
    followUp: refuse('a follow-up needs a first response'),
  },
  deferred: {
    ...afterFirst,
    // Ephemerality was settled by the deferral; callers defer with the same `private`.
    send: () => ({ step: { do: 'edit' }, next: REPLIED }),
    update: refuse('update() is for a button message; this interaction deferred a reply'),
    notice: (state) => ({ step: state.kind === 'deferred' && state.ephemeral ? { do: 'edit' } : { do: 'replacePlaceholder' }, next: REPLIED }),
  },
  deferredUpdate: {
    ...afterFirst,
    update: () => ({ step: { do: 'edit' }, next: REPLIED }),
  },
  replied: {
    ...afterFirst,
    update: () => ({ step: { do: 'edit' }, next: REPLIED }),
  },
  lost: {
    defer: refuse('lost'),
    deferUpdate: refuse('lost'),
    send: refuse('lost'),
    update: refuse('lost'),
    notice: refuse('lost'),
    followUp: refuse('lost'),
  },
};

/** What `operation` does in `state`, and the state after it succeeds. */
export function transition(state: ResponseState, operation: Operation): Transition {
  const row = TRANSITIONS[state.kind];
  const cell = row[operation.op] as (s: ResponseState, o: Operation) => Transition;
  return cell(state, operation);
}

/** Whether the person still has no answer (nothing, or only "thinking…"): what shutdown tells to ask again. */
export function awaitsAnswer(state: ResponseState): boolean {
  return state.kind === 'fresh' || state.kind === 'deferred';
}

export const INITIAL_STATE: ResponseState = FRESH;
export const LOST_STATE: ResponseState = LOST;
