import type { WireMessage } from '../../../src/discord/finalize.ts';
import type { InteractionTransport } from '../../../src/discord/interaction-transport.ts';
import type { FirstCall } from '../../../src/discord/response-state.ts';

export type TransportCall =
  | { call: FirstCall; body: WireMessage | null; ephemeral: boolean }
  | { call: 'editOriginal'; body: WireMessage }
  | { call: 'followUp'; body: WireMessage; ephemeral: boolean }
  | { call: 'deleteOriginal' }
  | { call: 'fetchOriginal' };

/**
 * An interaction's requests, recorded instead of sent: each call fails with the errors queued for
 * its name (one per attempt), then succeeds. Built once here for every Responder test.
 */
export function fakeTransport(options: { button?: boolean; failures?: Partial<Record<TransportCall['call'], unknown[]>> } = {}) {
  const calls: TransportCall[] = [];
  const failures = options.failures ?? {};
  const record = async (entry: TransportCall): Promise<void> => {
    calls.push(entry);
    const next = failures[entry.call]?.shift();
    if (next !== undefined) throw next;
  };
  const transport: InteractionTransport = {
    id: '42',
    canLookUpResponse: options.button !== true,
    isButton: options.button === true,
    first: (call, body, ephemeral) => record({ call, body, ephemeral }),
    editOriginal: (body) => record({ call: 'editOriginal', body }),
    followUp: (body, ephemeral) => record({ call: 'followUp', body, ephemeral }),
    deleteOriginal: () => record({ call: 'deleteOriginal' }),
    fetchOriginal: () => record({ call: 'fetchOriginal' }),
  };
  return { transport, calls, names: () => calls.map((c) => c.call) };
}
