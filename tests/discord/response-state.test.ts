// The transition table on its own: what each operation does in each state, and where it leaves it.
import { describe, expect, it } from 'vitest';
import { awaitsAnswer, transition, TRANSITIONS, type Operation, type ResponseState } from '../../src/discord/response-state.ts';

const fresh: ResponseState = { kind: 'fresh' };
const deferredPublic: ResponseState = { kind: 'deferred', ephemeral: false };
const deferredPrivate: ResponseState = { kind: 'deferred', ephemeral: true };
const deferredUpdate: ResponseState = { kind: 'deferredUpdate' };
const replied: ResponseState = { kind: 'replied' };
const lost: ResponseState = { kind: 'lost' };

const send = (priv: boolean): Operation => ({ op: 'send', private: priv });
const defer = (priv: boolean): Operation => ({ op: 'defer', private: priv });
const followUp = (priv: boolean): Operation => ({ op: 'followUp', private: priv });

describe('the first response', () => {
  it.each([
    ['send (public)', send(false), { do: 'first', call: 'reply', ephemeral: false }, replied],
    ['send (private)', send(true), { do: 'first', call: 'reply', ephemeral: true }, replied],
    ['defer (public)', defer(false), { do: 'first', call: 'deferReply', ephemeral: false }, deferredPublic],
    ['defer (private)', defer(true), { do: 'first', call: 'deferReply', ephemeral: true }, deferredPrivate],
    ['deferUpdate', { op: 'deferUpdate' }, { do: 'first', call: 'deferUpdate', ephemeral: false }, deferredUpdate],
    ['update', { op: 'update' }, { do: 'first', call: 'update', ephemeral: false }, replied],
    ['notice', { op: 'notice' }, { do: 'first', call: 'reply', ephemeral: true }, replied],
  ] as const)('fresh + %s: the interaction callback', (_name, operation, step, next) => {
    expect(transition(fresh, operation)).toEqual({ step, next });
  });

  it('a follow-up cannot come first', () => {
    expect(transition(fresh, followUp(false)).step.do).toBe('refuse');
  });
});

describe('after a deferred reply ("thinking…")', () => {
  it('the answer edits the placeholder, whatever `private` says now (the deferral fixed it)', () => {
    expect(transition(deferredPublic, send(true))).toEqual({ step: { do: 'edit' }, next: replied });
    expect(transition(deferredPrivate, send(false))).toEqual({ step: { do: 'edit' }, next: replied });
  });

  it('a notice edits a private placeholder, but replaces a public one so it is not shown to everyone', () => {
    expect(transition(deferredPrivate, { op: 'notice' })).toEqual({ step: { do: 'edit' }, next: replied });
    expect(transition(deferredPublic, { op: 'notice' })).toEqual({ step: { do: 'replacePlaceholder' }, next: replied });
  });

  it('deferring again does nothing; updating a button message is refused', () => {
    expect(transition(deferredPublic, defer(true))).toEqual({ step: { do: 'nothing' }, next: deferredPublic });
    expect(transition(deferredPublic, { op: 'update' }).step.do).toBe('refuse');
  });
});

describe('after a deferred update (a button click acknowledged)', () => {
  it('update edits the message the button is on; a notice or an answer is a private or new message', () => {
    expect(transition(deferredUpdate, { op: 'update' })).toEqual({ step: { do: 'edit' }, next: replied });
    expect(transition(deferredUpdate, { op: 'notice' })).toEqual({ step: { do: 'followUp', ephemeral: true }, next: deferredUpdate });
    expect(transition(deferredUpdate, send(false))).toEqual({ step: { do: 'followUp', ephemeral: false }, next: deferredUpdate });
  });
});

describe('after the person has a response', () => {
  it('everything more is a follow-up (a notice always private), and update edits', () => {
    expect(transition(replied, send(false))).toEqual({ step: { do: 'followUp', ephemeral: false }, next: replied });
    expect(transition(replied, { op: 'notice' })).toEqual({ step: { do: 'followUp', ephemeral: true }, next: replied });
    expect(transition(replied, followUp(true))).toEqual({ step: { do: 'followUp', ephemeral: true }, next: replied });
    expect(transition(replied, { op: 'update' })).toEqual({ step: { do: 'edit' }, next: replied });
    expect(transition(replied, defer(false))).toEqual({ step: { do: 'nothing' }, next: replied });
  });
});

describe('lost', () => {
  it('refuses every operation and stays lost', () => {
    for (const op of Object.keys(TRANSITIONS.lost) as Operation['op'][]) {
      const operation = { op, private: false } as Operation;
      expect(transition(lost, operation)).toEqual({ step: { do: 'refuse', reason: 'lost' }, next: lost });
    }
  });
});

describe('the table', () => {
  it('has a cell for every state and operation', () => {
    const ops = ['defer', 'deferUpdate', 'send', 'update', 'notice', 'followUp'];
    for (const row of Object.values(TRANSITIONS)) expect(Object.keys(row).sort()).toEqual([...ops].sort());
  });

  it('only a first response or a placeholder leaves a person waiting for an answer', () => {
    expect([fresh, deferredPublic, deferredPrivate, deferredUpdate, replied, lost].map(awaitsAnswer)).toEqual([true, true, true, false, false, false]);
  });
});
